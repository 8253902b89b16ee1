/**
 * The first view: an image of what the board shows at the page's opening viewport, drawn by the
 * server (GET /api/boards/<id>/view.svg) and shown by a small script in the page's HTML
 * (lib/collab/first-view-script.ts) before the page's own code has loaded. It sits under the
 * board, whose background lets it through while it holds the image (globals.css), until the
 * canvas shows the synced board; then it goes.
 */
import { DISMISSED_ATTRIBUTE, FIRST_VIEW_ID } from '../../lib/collab/first-view-script';

export interface OpeningBoard {
  /** Resolves once the board has synced with the server (and its shapes are in the editor). */
  whenSynced(): Promise<void>;
  /** Calls the listener when the person pans or zooms. */
  subscribeViewport(listener: () => void): () => void;
}

/**
 * Removes the first view once the canvas has painted the synced board, or at once when the view
 * stops matching it (a pan, a zoom, a resized window). Returns a function that stops watching.
 */
export function dismissFirstViewWhenShown(board: OpeningBoard): () => void {
  const container = document.getElementById(FIRST_VIEW_ID);
  if (!container) return () => {};
  let frame = 0;
  let stopped = false;
  let stopViewport = () => {};
  const stop = () => {
    stopped = true;
    cancelAnimationFrame(frame);
    stopViewport();
    window.removeEventListener('resize', dismiss);
  };
  const dismiss = () => {
    if (stopped) return;
    stop();
    container.setAttribute(DISMISSED_ATTRIBUTE, '');
    container.replaceChildren();
  };
  stopViewport = board.subscribeViewport(dismiss);
  window.addEventListener('resize', dismiss);
  // The canvas paints a change in the next animation frame: the view goes in the frame after.
  void board.whenSynced().then(() => {
    if (!stopped) frame = requestAnimationFrame(() => (frame = requestAnimationFrame(dismiss)));
  });
  return stop;
}
