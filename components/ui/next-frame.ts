/** Resolves after the next frame has been painted: long work in parts gives the page a frame between parts. */
export const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
