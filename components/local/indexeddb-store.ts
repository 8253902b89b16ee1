import { IndexeddbPersistence, storeState } from 'y-indexeddb';
import type { LocalStoreFactory } from '../../lib/collab/board-session';
import { whenIdle } from './when-idle';

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
    pauseForBoardState() {
      doc.off('update', persistence._storeUpdate);
      return () => {
        doc.on('update', persistence._storeUpdate);
        // The board as the server sent it is kept once the page has had time to paint it.
        whenIdle(() => void storeState(persistence).catch((error: unknown) => console.warn('tabula: could not keep the board in the browser', error)), 2_000);
      };
    },
    destroy: () => void persistence.destroy(),
  };
};
