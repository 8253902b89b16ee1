/**
 * The fold of a room's compaction keeps everything stored: the room's document when it holds every
 * log entry, and what is stored merged in when it does not (another instance's entry not yet
 * relayed, a board shared with other instances, a room no longer trusted).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeStoredBoard } from '../store/stored-doc';
import { foldWithDocument } from './open-compaction';

function editedDoc(name: string, edits: number): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < edits; i++) doc.getMap('shapes').set(name, i);
  return { doc, updates };
}

const contentOf = (snapshot: Uint8Array) => decodeStoredBoard({ snapshot, updates: [] }).getMap('shapes').toJSON();

describe('foldWithDocument', () => {
  it("encodes the room's document when it holds every stored entry", () => {
    const room = editedDoc('a', 5);
    const snapshot = foldWithDocument(room.doc, false, () => true)(null, room.updates);
    expect(snapshot).toEqual(Y.encodeStateAsUpdateV2(room.doc));
  });

  it('keeps a stored entry the document lacks, alone or shared with other instances, and when not trusted', () => {
    const room = editedDoc('a', 3);
    const other = editedDoc('b', 2);
    const stored = [...room.updates, ...other.updates];
    for (const [shared, trusted] of [
      [false, true],
      [true, true],
      [false, false],
    ] as const) {
      const snapshot = foldWithDocument(room.doc, shared, () => trusted)(null, stored);
      expect(contentOf(snapshot), `shared ${shared}, trusted ${trusted}`).toEqual({ a: 2, b: 1 });
    }
  });
});
