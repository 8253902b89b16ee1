/**
 * The one way a stored board (or a version) becomes a Yjs document: the V2 snapshot first, then
 * the V1 log after it, in one transaction (one `afterTransaction` for whoever listens).
 */
import * as Y from 'yjs';
/** A snapshot (V2, or null) and the updates (V1) stored after it. */
export interface StoredState {
  snapshot: Uint8Array | null;
  updates: readonly Uint8Array[];
}

/** Applies the stored state to `doc` (a new document by default) and returns the document. */
export function decodeStoredBoard(stored: StoredState, doc: Y.Doc = new Y.Doc()): Y.Doc {
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdateV2(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
  });
  return doc;
}

/** Folds a stored board (snapshot plus log) into one V2-encoded document state. */
export function mergeStored(snapshot: Uint8Array | null, updates: readonly Uint8Array[]): Uint8Array {
  const doc = decodeStoredBoard({ snapshot, updates });
  const merged = Y.encodeStateAsUpdateV2(doc);
  doc.destroy();
  return merged;
}
