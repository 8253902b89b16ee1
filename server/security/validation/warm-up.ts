/**
 * The first updates a fresh process checks run through V8's interpreter, about thirty times slower
 * than compiled code: a first large update would stall the event loop for that alone. At start,
 * the server checks a few thousand structs of the usual shapes (new shapes, chains of moves, a
 * refusal), so that compiled code meets the first client.
 */
import * as Y from 'yjs';
import { addShape, getShapesMap } from '../../../lib/board/doc';
import { BOX_KEY } from '../../../lib/board/stored-box';
import type { ValidationLimits } from './budget';
import { InvalidUpdateError } from './errors';

export function warmUpValidation(validate: (doc: Y.Doc, update: Uint8Array, options: { limits: ValidationLimits }) => unknown, limits: ValidationLimits, rounds = 1): void {
  const server = new Y.Doc();
  const client = new Y.Doc();
  const updates: Uint8Array[] = [];
  client.on('update', (update: Uint8Array) => updates.push(update));
  client.transact(() => {
    for (let i = 0; i < 100; i++) addShape(client, { id: `warm-up-${i}`, type: 'rectangle', x: i, y: i, w: 10, h: 10 });
  });
  const shapes = Y.mergeUpdates(updates.splice(0));
  Y.applyUpdate(server, shapes);
  const shape = getShapesMap(client).get('warm-up-0')!;
  // In one transaction, as the pages move a shape: a chain of boxes, all but the last deleted.
  client.transact(() => {
    for (let i = 0; i <= limits.maxKeyWrites; i++) shape.set(BOX_KEY, [i, i, 10, 10]);
  });
  const moves = updates.splice(0)[0]!;
  const generous: ValidationLimits = { ...limits, maxKeyWrites: Number.MAX_SAFE_INTEGER, timeBaseMs: 60_000 };
  for (let round = 0; round < rounds; round++) {
    validate(new Y.Doc(), shapes, { limits: generous });
    validate(server, moves, { limits: generous });
    try {
      validate(server, moves, { limits: { ...generous, maxKeyWrites: limits.maxKeyWrites } });
    } catch (error) {
      if (!(error instanceof InvalidUpdateError)) throw error;
    }
  }
}
