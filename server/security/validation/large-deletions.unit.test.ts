/**
 * Deleting a large board: one update deleting 12,000 shapes is refused (Yjs would merge it in
 * time that grows with the square of its size), and the same deletion in the parts that the
 * client sends (lib/sync/deletion-parts.ts) is taken part by part, each well within the budget.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addShapes, deleteShapes, getShapesMap, type NewShape } from '../../../lib/board/doc';
import { DELETION_PART_CLOCKS, MERGE_WORK_BASE } from '../../../lib/protocol/limits';
import { deletionParts } from '../../../lib/sync/deletion-parts';
import { untimed } from '../../test/support/crafted-updates';
import { assertNothingPending, UPDATE_LIMITS, validateUpdate } from '../update-validator';

const UNTIMED = untimed(UPDATE_LIMITS);
const COUNT = 12_000;

describe('a large deletion', () => {
  it('is refused whole and taken in parts, latest clocks first, each within the merge budget', { timeout: 120_000 }, () => {
    const client = new Y.Doc();
    const shapes: NewShape[] = Array.from({ length: COUNT }, (_, i) => ({ id: `s${i}`, type: 'rectangle', x: i, y: 0, w: 10, h: 10 }));
    for (let i = 0; i < COUNT; i += 2_000) addShapes(client, shapes.slice(i, i + 2_000));
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));

    let whole: { update: Uint8Array; deleteSet: Y.Transaction['deleteSet'] } | null = null;
    client.on('update', (update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => (whole = { update, deleteSet: transaction.deleteSet }));
    deleteShapes(client, [...getShapesMap(client).keys()]);
    const { update, deleteSet } = whole!;

    expect(() => validateUpdate(server, update, { limits: UNTIMED })).toThrow(/too long to merge/);
    const parts = deletionParts(update, deleteSet)!;
    expect(parts.length).toBeGreaterThan(COUNT / 2_000);
    // Joined again into one update, the parts are refused like the whole.
    expect(() => validateUpdate(server, Y.mergeUpdates(parts), { limits: UNTIMED })).toThrow(/too long to merge/);

    for (const part of parts) {
      const { work } = validateUpdate(server, part, { limits: UNTIMED });
      expect(work).toBeLessThanOrEqual(DELETION_PART_CLOCKS + 10);
      expect(work).toBeLessThan(MERGE_WORK_BASE / 4);
      Y.applyUpdate(server, part);
      assertNothingPending(server);
    }
    expect(getShapesMap(server).size).toBe(0);
    expect(Y.encodeStateAsUpdate(server)).toEqual(Y.encodeStateAsUpdate(client));
  });
});
