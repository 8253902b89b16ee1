/**
 * The board's copy kept in this browser (IndexedDB in the app: components/local/indexeddb-copy.ts),
 * as the provider sees it. The provider connects while the copy loads, and the server's board may
 * be applied before the copy is in the doc; only the provider's answer to the server's sync step 1
 * (its step 2: what the server lacks) waits for the copy, so that the first sync exchange carries
 * edits made offline (a sync step 2 may be large; a plain update may not). When the server sends
 * the whole board (to a browser that had nothing of it yet), the copy stands aside while it is
 * applied, so that nobody listens to the doc's updates (with a listener, Yjs encodes the whole
 * board again as one update), and keeps the board afterwards.
 */
import type * as Y from 'yjs';

export interface LocalCopy {
  /**
   * Resolves once the stored copy is in the doc (at once if there is none), also when it stood
   * aside before it had loaded: it then loads soon after it takes the board, once the page is idle.
   */
  readonly whenLoaded: Promise<unknown>;
  /** A whole board from the server is about to be applied: stop listening to the doc's updates. */
  standAside(): void;
  /** The whole board is in the doc: load the copy if it had not, keep the board, record edits again. */
  takeBoard(): void;
  /** Forgets the stored copy (the board was deleted). */
  clear(): Promise<unknown>;
  destroy(): void;
}

export type LocalCopyFactory = (boardId: string, doc: Y.Doc) => LocalCopy;

/** Answer without the local copy if it takes longer than this to load (it normally takes ms). */
export const LOCAL_LOAD_TIMEOUT_MS = 2_000;

/**
 * Waits for the copy to load, or fail to, or for LOCAL_LOAD_TIMEOUT_MS after the last `extend`,
 * then calls `done` once. A long task on the page (applying the server's board) holds back the
 * copy's own callbacks as well: the provider extends the wait after one, so that the copy is not
 * given up on for time the page spent elsewhere.
 */
export class CopyLoading {
  private finished = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    copy: LocalCopy,
    private readonly done: () => void,
  ) {
    const finish = () => this.finish();
    copy.whenLoaded.then(finish, finish);
    this.extend();
  }

  /** Whether the copy is still awaited (false once it loaded, failed, was late or the wait was cancelled). */
  get waiting(): boolean {
    return !this.finished;
  }

  /** Gives the copy LOCAL_LOAD_TIMEOUT_MS from now. */
  extend(): void {
    if (this.finished) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.finish(), LOCAL_LOAD_TIMEOUT_MS);
  }

  cancel(): void {
    this.finished = true;
    clearTimeout(this.timer);
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.timer);
    this.done();
  }
}
