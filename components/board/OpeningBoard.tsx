import { useSyncExternalStore } from 'react';

/** What the board page shows until the board's code runs. */
export function OpeningBoard() {
  return <p className="p-6 text-neutral-500">Opening the board…</p>;
}

const subscribeNever = () => () => {};

/**
 * Renders `children` in the browser only, the placeholder on the server and while hydrating: the
 * board needs the canvas, local storage and a socket.
 */
export function InBrowser({ children }: { children: React.ReactNode }) {
  const inBrowser = useSyncExternalStore(subscribeNever, () => true, () => false);
  return inBrowser ? children : <OpeningBoard />;
}
