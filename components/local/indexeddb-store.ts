import { IndexeddbPersistence } from 'y-indexeddb';
import type { LocalStoreFactory } from '../../lib/collab/board-session';

/**
 * Keeps each board's Y.Doc in the browser's IndexedDB (y-indexeddb), one database per board:
 * a reload while offline shows the last known board, and edits made offline are stored until
 * they reach the server. Where IndexedDB is unavailable the board simply is not kept.
 */
export const indexeddbStore: LocalStoreFactory = (boardId, doc) => {
  if (typeof indexedDB === 'undefined') {
    return { whenLoaded: Promise.resolve(), clear: () => Promise.resolve(), destroy: () => {} };
  }
  const persistence = new IndexeddbPersistence(`tabula:board:${boardId}`, doc);
  // A failure to open (private mode, quota) only means the board is not kept here.
  const whenLoaded = persistence.whenSynced.catch((error: unknown) => {
    console.warn('tabula: this board cannot be kept in the browser', error);
  });
  return {
    whenLoaded,
    clear: () => persistence.clearData(),
    destroy: () => void persistence.destroy(),
  };
};
