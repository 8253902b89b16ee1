/**
 * The validator's promise, tested on thousands of seeded variations of real updates (bits flipped,
 * bytes changed, cut short, spliced with another update): whatever it accepts, Yjs applies
 * without an exception, leaves nothing pending, and leaves a board that the model allows.
 * The same for updates of random structs around the ids the board has. `FUZZ_SEED=<n>` replays a
 * run; the seed is in the failure's message.
 */
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addShape, deleteShapes, getMetaMap, getShapesMap, moveShapes, newShapeId, updateShapes } from '../../../lib/board/doc';
import { captureUpdate, untimed } from '../../test/support/crafted-updates';
import { FrameFuzzer } from '../../test/support/fuzz-frames';
import { assertNothingPending, InvalidUpdateError, UPDATE_LIMITS, validateUpdate } from '../update-validator';
import { boardModel, type Slot } from './board-model';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_205);
const VARIATIONS = 2_000;
const LIMITS = untimed(UPDATE_LIMITS);

/** What is wrong with the board as clients would read it (current values only), if anything. */
function modelViolation(doc: Y.Doc): string | null {
  for (const [name, type] of doc.share) {
    const slot = boardModel.roots.get(name);
    const empty = type._start === null && type._map.size === 0;
    if (!slot) {
      if (!empty) return `root ${name}`;
      continue;
    }
    const problem = containerViolation(type, slot);
    if (problem) return `${name}: ${problem}`;
  }
  return null;
}

function containerViolation(type: ReturnType<Y.Doc['get']>, slot: Slot): string | null {
  if (slot.kind === 'map') {
    if (type._start !== null) return 'list content in a map';
    for (const [key, item] of type._map) {
      if (item.deleted) continue;
      const entry = slot.entry(key);
      if (!entry) return `key ${key}`;
      const problem = entryViolation(item, entry);
      if (problem) return `${key}: ${problem}`;
    }
    return null;
  }
  if (slot.kind === 'list') {
    if (type._map.size > 0) return 'keys in a list';
    for (let item = type._start; item !== null; item = item.right) {
      if (item.deleted) continue;
      const problem = entryViolation(item, slot.element);
      if (problem) return problem;
    }
    return null;
  }
  return 'text';
}

function entryViolation(item: Y.Item, slot: Slot): string | null {
  const content = item.content;
  if (slot.kind === 'value') {
    if (content.constructor !== Y.ContentAny) return 'not a plain value';
    for (const value of (content as Y.ContentAny).arr) if (slot.check(value) !== null) return 'invalid value';
    return null;
  }
  if (content.constructor !== Y.ContentType || (content as Y.ContentType).type.constructor !== Y.Map) return 'not a Y.Map';
  return containerViolation((content as Y.ContentType).type, slot);
}

/** A server's board with some history, and real updates made on it by clients in between. */
function scenario(random: prng.PRNG) {
  const server = new Y.Doc();
  getShapesMap(server);
  const updates: Uint8Array[] = [];
  const ids: string[] = [];
  for (let round = 0; round < 40; round++) {
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    // A shape created by an update the server has not applied is not there to move: the first edit adds one.
    const update = captureUpdate(client, () => {
      ids.push(addShape(client, { id: newShapeId(), type: 'ellipse', x: 0, y: round, w: 5, h: 5 }).id);
      const edits = prng.int32(random, 0, 4);
      for (let i = 0; i < edits; i++) {
        const pick = prng.int32(random, 0, 6);
        const id = ids.length > 0 ? prng.oneOf(random, ids) : null;
        if (pick === 0 || !id) ids.push(addShape(client, { id: newShapeId(), type: 'rectangle', x: i, y: round, w: 5, h: 5 }).id);
        else if (pick === 1) moveShapes(client, [id], 1, 2);
        else if (pick === 2) updateShapes(client, new Map([[id, { fill: '#ffc9c9' }]]));
        else if (pick === 3) deleteShapes(client, [id]);
        else if (pick === 4) getMetaMap(client).set('title', `Round ${round}`);
        else client.getArray('chat').push([{ id: `m${round}-${i}`, authorId: 'u', author: 'A', color: '#000000', text: 'hi', at: round }]);
      }
    });
    updates.push(update);
    // Most are applied, so that the board has a history; the others stay ahead of the server.
    if (prng.int32(random, 0, 3) > 0) {
      validateUpdate(server, update, { limits: LIMITS });
      Y.applyUpdate(server, update);
    }
  }
  return { server, updates };
}

function vary(random: prng.PRNG, update: Uint8Array, other: Uint8Array): Uint8Array {
  const bytes = Uint8Array.from(update);
  switch (prng.int32(random, 0, 4)) {
    case 0:
      for (let flips = prng.int32(random, 1, 3); flips > 0; flips--) bytes[prng.int32(random, 0, bytes.length - 1)]! ^= 1 << prng.int32(random, 0, 7);
      return bytes;
    case 1:
      bytes[prng.int32(random, 0, bytes.length - 1)] = prng.uint32(random, 0, 255);
      return bytes;
    case 2:
      return bytes.slice(0, prng.int32(random, 0, bytes.length - 1));
    case 3: {
      const at = prng.int32(random, 0, bytes.length);
      return Uint8Array.from([...bytes.slice(0, at), ...other.slice(prng.int32(random, 0, other.length - 1))]);
    }
    default: {
      const at = prng.int32(random, 0, bytes.length);
      return Uint8Array.from([...bytes.slice(0, at), prng.uint32(random, 0, 255), ...bytes.slice(at)]);
    }
  }
}

/** Validates `update`; if accepted, applies it to a copy of the board and checks the promise. */
function checkPromise(server: Y.Doc, state: Uint8Array, update: Uint8Array, context: string): boolean {
  // Checking changes nothing: the server's document serves every variation.
  try {
    validateUpdate(server, update, { limits: LIMITS });
  } catch (error) {
    expect(error, context).toBeInstanceOf(InvalidUpdateError);
    return false;
  }
  const copy = new Y.Doc();
  Y.applyUpdate(copy, state);
  const detail = `${context}: ${Buffer.from(update).toString('base64')}`;
  expect(() => Y.applyUpdate(copy, update), detail).not.toThrow();
  expect(() => assertNothingPending(copy), detail).not.toThrow();
  expect(modelViolation(copy), detail).toBeNull();
  return true;
}

describe('whatever the validator accepts, Yjs applies whole within the model', () => {
  it(`holds for ${VARIATIONS} variations of real updates (FUZZ_SEED=${SEED})`, { timeout: 120_000 }, () => {
    const random = prng.create(SEED);
    const { server, updates } = scenario(random);
    const state = Y.encodeStateAsUpdate(server);
    let accepted = 0;
    for (let i = 0; i < VARIATIONS; i++) {
      const update = vary(random, prng.oneOf(random, updates), prng.oneOf(random, updates));
      if (checkPromise(server, state, update, `FUZZ_SEED=${SEED} variation ${i}`)) accepted++;
    }
    // The variations must also reach the interesting side: updates that pass.
    expect(accepted).toBeGreaterThan(VARIATIONS / 100);
    expect(Y.encodeStateAsUpdate(server)).toEqual(state);
  });

  it(`holds for ${VARIATIONS} updates of random structs around the board's ids (FUZZ_SEED=${SEED})`, { timeout: 120_000 }, () => {
    const random = prng.create(SEED + 1);
    const { server, updates } = scenario(random);
    const state = Y.encodeStateAsUpdate(server);
    const ids = Y.decodeUpdate(state).structs.map((struct) => ({ client: struct.id.client, clock: struct.id.clock + struct.length - 1 }));
    const shapeIds = [...getShapesMap(server).keys()];
    const fuzzer = new FrameFuzzer(random, { updates, ids, shapeIds });
    let accepted = 0;
    for (let i = 0; i < VARIATIONS; i++) {
      if (checkPromise(server, state, fuzzer.crafted(), `FUZZ_SEED=${SEED} crafted update ${i}`)) accepted++;
    }
    expect(accepted).toBeGreaterThan(VARIATIONS / 50);
  });
});
