import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';
import type { LocalCopy, LocalCopyFactory } from '../../lib/sync/local-copy';
import { whenIdle } from './when-idle';

/** A whole board from the server is kept within this long, once the page is idle. */
const KEEP_BOARD_WITHIN_MS = 2_000;
/**
 * A copy that the server's board interrupted loads within this long, once the page is idle: the
 * provider's answer to the server waits for it, but the first paint of the board goes first (the
 * new persistence starts by encoding the whole board).
 */
const LOAD_AFTER_BOARD_WITHIN_MS = 300;

/**
 * Keeps each board's Y.Doc in the browser's IndexedDB (y-indexeddb), one database per board:
 * a reload while offline shows the last known board, and edits made offline are stored until
 * they reach the server. Where IndexedDB is unavailable the board simply is not kept.
 *
 * Only y-indexeddb's public API: standing aside while a whole board is applied closes the
 * persistence (`destroy` keeps the data); taking the board opens a new one on the same database,
 * which loads what is stored, stores the doc's whole state and then each edit as it happens.
 * That happens when the page is idle, or at once when this person edits before then; soon after
 * the first paint when the server's board came before the copy had loaded (the closed
 * persistence did not load it, and the answer to the server waits for it).
 */
class IndexeddbCopy implements LocalCopy {
  readonly whenLoaded: Promise<unknown>;
  private markLoaded!: () => void;
  private loaded = false;
  private persistence: IndexeddbPersistence;
  private standingAside = false;
  private destroyed = false;

  constructor(
    private readonly name: string,
    private readonly doc: Y.Doc,
  ) {
    this.whenLoaded = new Promise<void>((resolve) => (this.markLoaded = resolve));
    this.persistence = this.open();
  }

  standAside(): void {
    if (this.standingAside) return;
    this.standingAside = true;
    void this.persistence.destroy();
  }

  takeBoard(): void {
    if (!this.loaded) {
      whenIdle(this.reopen, LOAD_AFTER_BOARD_WITHIN_MS);
      return;
    }
    whenIdle(this.reopen, KEEP_BOARD_WITHIN_MS);
    this.doc.on('update', this.onEditBeforeIdle);
  }

  clear(): Promise<unknown> {
    this.stopWaiting();
    return this.persistence.clearData();
  }

  destroy(): void {
    this.destroyed = true;
    this.stopWaiting();
    void this.persistence.destroy();
  }

  /** A persistence on the board's database; it loads the stored copy into the doc. */
  private open(): IndexeddbPersistence {
    const persistence = new IndexeddbPersistence(this.name, this.doc);
    const loaded = () => {
      if (persistence !== this.persistence || this.standingAside) return;
      this.loaded = true;
      this.markLoaded();
    };
    persistence.whenSynced.then(loaded, (error: unknown) => {
      // A failure to open (private mode, quota) only means the board is not kept here.
      console.warn('tabula: this board cannot be kept in the browser', error);
      loaded();
    });
    return persistence;
  }

  private readonly reopen = (): void => {
    this.doc.off('update', this.onEditBeforeIdle);
    if (!this.standingAside || this.destroyed) return;
    this.standingAside = false;
    this.persistence = this.open();
  };

  /** An edit of this person's (not an update from the server) is stored at once, with the board. */
  private readonly onEditBeforeIdle = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction): void => {
    if (transaction.local) this.reopen();
  };

  private stopWaiting(): void {
    this.doc.off('update', this.onEditBeforeIdle);
    this.standingAside = false;
  }
}

const NOT_KEPT: LocalCopy = {
  whenLoaded: Promise.resolve(),
  standAside: () => {},
  takeBoard: () => {},
  clear: () => Promise.resolve(),
  destroy: () => {},
};

export const indexeddbCopy: LocalCopyFactory = (boardId, doc) =>
  typeof indexedDB === 'undefined' ? NOT_KEPT : new IndexeddbCopy(`tabula:board:${boardId}`, doc);
