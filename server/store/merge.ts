/** Folds a stored board (snapshot plus log) into one V2-encoded document state. */
import * as Y from 'yjs';

export function mergeStored(snapshot: Uint8Array | null, updates: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc({ gc: true });
  doc.transact(() => {
    if (snapshot) Y.applyUpdateV2(doc, snapshot);
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  const merged = Y.encodeStateAsUpdateV2(doc);
  doc.destroy();
  return merged;
}
