/**
 * The board's copy kept in this browser (IndexedDB in the app: components/local/indexeddb-copy.ts),
 * as the provider sees it. Opening a board goes one way, in the provider: the stored copy is
 * loaded into the doc first, then the provider connects, so that the first sync exchange carries
 * edits made offline (a sync step 2 may be large; a plain update may not). When the server sends
 * the whole board (to a browser that had nothing of it), the copy stands aside while it is
 * applied, so that nobody listens to the doc's updates (with a listener, Yjs encodes the whole
 * board again as one update), and keeps the board afterwards, when the page has time.
 */
import type * as Y from 'yjs';

export interface LocalCopy {
  /** Resolves once the stored copy is in the doc (at once if there is none). */
  readonly whenLoaded: Promise<unknown>;
  /** A whole board from the server is about to be applied: stop listening to the doc's updates. */
  standAside(): void;
  /** The whole board is in the doc: keep it (when the page is idle) and record edits again. */
  takeBoard(): void;
  /** Forgets the stored copy (the board was deleted). */
  clear(): Promise<unknown>;
  destroy(): void;
}

export type LocalCopyFactory = (boardId: string, doc: Y.Doc) => LocalCopy;

/** Connect without the local copy if it takes longer than this to load (it normally takes ms). */
export const LOCAL_LOAD_TIMEOUT_MS = 2_000;

/** Resolves when the copy has loaded, or failed to, or after LOCAL_LOAD_TIMEOUT_MS. */
export function whenLoadedOrLate(copy: LocalCopy): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, LOCAL_LOAD_TIMEOUT_MS)));
  const loaded = copy.whenLoaded.then(
    () => {},
    () => {},
  );
  return Promise.race([loaded, late]).finally(() => clearTimeout(timer));
}
