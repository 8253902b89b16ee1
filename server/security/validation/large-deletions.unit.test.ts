/**
 * Deleting a large board: one update deleting 12,000 shapes is refused (Yjs would merge it in
 * time that grows with the square of its size), and the same deletion in the parts that the
 * client sends (lib/sync/deletion-parts.ts) is taken part by part, each well within the budget.
 * Afterwards a sync step 2, which carries its sender's whole deletion set, reaches every struct the
 * deletion left: cheap for Yjs to step over, so it is taken, unless its ranges go back over them.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addShapes, deleteShapes, getShapesMap, type NewShape } from '../../../lib/board/doc';
import { DELETION_PART_CLOCKS, MERGE_WORK_BASE } from '../../../lib/protocol/limits';
import { transactionParts } from '../../../lib/sync/outgoing-parts';
import { craftUpdate, untimed } from '../../test/support/crafted-updates';
import { assertNothingPending, SYNC_STEP2_LIMITS, UPDATE_LIMITS, validateUpdate } from '../update-validator';

const UNTIMED = untimed(UPDATE_LIMITS);
const UNTIMED_STEP2 = untimed(SYNC_STEP2_LIMITS);
const COUNT = 12_000;

describe('a large deletion', () => {
  it('is refused whole and taken in parts, latest clocks first, each within the merge budget', { timeout: 120_000 }, () => {
    const client = new Y.Doc();
    // Nine items per shape (its map and eight properties), as many as the merge budget was set against.
    const shapes: NewShape[] = Array.from({ length: COUNT }, (_, i) => ({ id: `s${i}`, type: 'rectangle', x: i, y: 0, w: 10, h: 10, opacity: 0.5, fill: '#ffffff', strokeStyle: 'dashed' }));
    for (let i = 0; i < COUNT; i += 2_000) addShapes(client, shapes.slice(i, i + 2_000));
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));

    let whole: { update: Uint8Array; transaction: Y.Transaction } | null = null;
    client.on('update', (update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => (whole = { update, transaction }));
    deleteShapes(client, [...getShapesMap(client).keys()]);
    const { update, transaction } = whole!;

    expect(() => validateUpdate(server, update, { limits: UNTIMED })).toThrow(/too long to merge/);
    const parts = transactionParts(update, transaction)!;
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

    // A step 2 from a client that has everything: its deletions reach every struct left (two per
    // shape), which a budget of less than that refuses at the full price and takes at the step 2's.
    const step2 = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    const tight = { ...UNTIMED_STEP2, mergeWorkBase: COUNT, mergeWorkPerEntry: 0 };
    expect(() => validateUpdate(server, step2, { limits: { ...tight, deletedStructWork: 1 } })).toThrow(/too long to merge/);
    expect(validateUpdate(server, step2, { limits: tight }).work).toBeLessThan(COUNT / 8);
    // The same ranges twice over: the second time they go back, and pay in full.
    const [range] = [...Y.decodeUpdate(step2).ds.clients].map(([client, items]) => ({ client, clock: items[0]!.clock, length: items.at(-1)!.clock + items.at(-1)!.len - items[0]!.clock }));
    const twice = craftUpdate([], [range!, range!]);
    expect(() => validateUpdate(server, twice, { limits: tight })).toThrow(/too long to merge/);
  });
});
