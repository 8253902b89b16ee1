/** A stand-in 2D context for tests: records the names of the methods called on it. */
export function recordingContext(): { ctx: CanvasRenderingContext2D; calls: string[] } {
  const calls: string[] = [];
  const target: Record<string | symbol, unknown> = {
    globalAlpha: 1,
    measureText: (text: string) => ({ width: text.length * 10 }),
  };
  const ctx = new Proxy(target, {
    get: (object, name) => (name in object ? object[name] : (..._args: unknown[]) => void calls.push(String(name))),
    set: (object, name, value) => {
      object[name] = value;
      return true;
    },
  });
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}
