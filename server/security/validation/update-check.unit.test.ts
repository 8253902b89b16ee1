import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addShape, getMetaMap, getShapesMap, newShapeId } from '../../../lib/board/doc';
import { addLegacyShape } from '../../../lib/board/test/legacy-shapes';
import { captureUpdate, containerId, craftOverwriteChain, craftUpdate, currentItemId, type Id, untimed } from '../../test/support/crafted-updates';
import {
  assertNothingPending,
  MissingDependencyError,
  SYNC_STEP2_LIMITS,
  UPDATE_LIMITS,
  type ValidationLimits,
  ValidationTimeoutError,
  validateUpdate,
} from '../update-validator';

// The time budget has a test of its own; elsewhere the machine's load must not matter.
const UNTIMED = untimed(UPDATE_LIMITS);
const UNTIMED_STEP2 = untimed(SYNC_STEP2_LIMITS);

const message = (id: string, text = 'hello') => ({ id, authorId: 'u1', author: 'Ada', color: '#1971c2', text, at: 1_700_000_000_000 });

/**
 * A board on the server with one shape and a title, written by a client of a known id. The shape
 * has the legacy layout (a number under "x"), which the chains of overwrites below build on.
 */
function board(writer = 7) {
  const client = new Y.Doc();
  client.clientID = writer;
  getMetaMap(client).set('title', 'Plan');
  const shape = { id: newShapeId(), type: 'rectangle', x: 0, y: 0, w: 10, h: 10 } as const;
  addLegacyShape(client, shape);
  const server = new Y.Doc();
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
  const shapeMap = getShapesMap(server).get(shape.id)!;
  return { server, client, shape, shapeMap, shapeItem: containerId(shapeMap) };
}

/** What Yjs itself would do with the update: applied to a copy of the server's document. */
function appliedToCopy(server: Y.Doc, update: Uint8Array): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
  Y.applyUpdate(copy, update);
  return copy;
}

describe('structs the server already has are judged by its copy', () => {
  it('accepts an update sent twice', () => {
    const { server, client, shape } = board();
    const update = captureUpdate(client, () => getShapesMap(client).get(shape.id)!.set('x', 5));
    validateUpdate(server, update);
    Y.applyUpdate(server, update);
    validateUpdate(server, update);
  });

  it('refuses a write that would be judged as a shape property and land in the board properties', () => {
    const { server, shapeItem } = board(7);
    // The server's item 7:0 is the title. The update re-sends 7:0 as a shape's "x" and writes
    // after it: judged by the update's copy, the new value is a fine "x"; Yjs keeps its own 7:0
    // and puts the value after it, in the title.
    const forgedCopy = { client: 7, clock: 0, structs: [{ parent: shapeItem, parentSub: 'x', content: { any: [5] } }] };
    const write = { client: 99, clock: 0, structs: [{ origin: { client: 7, clock: 0 }, content: { any: [5] } }] };
    const attack = craftUpdate([forgedCopy, write]);
    expect(getMetaMap(appliedToCopy(server, attack)).get('title')).toBe(5);
    expect(() => validateUpdate(server, attack)).toThrow(/re-sends an item the server has, with another place/);
    // Without the forged copy, the write is judged where it lands.
    expect(() => validateUpdate(server, craftUpdate([write]))).toThrow(/board property "title" is invalid/);
  });

  it('refuses a re-sent struct with other content or other neighbours', () => {
    const { server } = board(7);
    const title = { client: 7, clock: 0 };
    const resent = (structs: Parameters<typeof craftUpdate>[0][number]['structs']) => craftUpdate([{ client: 7, clock: 0, structs }]);
    validateUpdate(server, resent([{ parent: 'meta', parentSub: 'title', content: { any: ['Plan'] } }]));
    expect(() => validateUpdate(server, resent([{ parent: 'meta', parentSub: 'title', content: { any: ['Evil'] } }]))).toThrow(/another content/);
    expect(() => validateUpdate(server, resent([{ parent: 'meta', parentSub: 'other', content: { any: ['Plan'] } }]))).toThrow(/another place/);
    expect(() => validateUpdate(server, resent([{ origin: title, content: { any: ['Plan'] } }]))).toThrow(/another left neighbour/);
  });

  it('accepts a struct that continues what the server has when the known part agrees, and refuses it otherwise', () => {
    const { server, client } = board(7);
    const first = captureUpdate(client, () => client.getArray('chat').push([message('m1')]));
    Y.applyUpdate(server, first);
    // The first message again, and the second, as one struct (as Yjs writes two pushes of one transaction).
    const chatStart = Y.decodeUpdate(first).structs[0]!.id.clock;
    const continued = (values: unknown[]) => craftUpdate([{ client: 7, clock: chatStart, structs: [{ parent: 'chat', content: { any: values } }] }]);
    const update = continued([message('m1'), message('m2')]);
    validateUpdate(server, update);
    Y.applyUpdate(server, update);
    assertNothingPending(server);
    expect(server.getArray('chat').toArray()).toEqual([message('m1'), message('m2')]);
    expect(() => validateUpdate(server, continued([message('mX'), message('m2'), message('m3')]))).toThrow(/another content/);
    // What continues must itself be valid.
    expect(() => validateUpdate(server, continued([message('m1'), message('m2'), { id: 'bad' }]))).toThrow(/a chat message is invalid/);
  });

  it('refuses a client listed twice: Yjs would apply only its last run', () => {
    const { server, shapeItem } = board();
    const run = (clock: number) => ({ client: 99, clock, structs: [{ parent: shapeItem, parentSub: 'x', content: { any: [clock] } }] });
    expect(() => validateUpdate(server, craftUpdate([run(0), run(1)]))).toThrow(/lists the structs of one client twice/);
  });
});

describe('clocks and references', () => {
  it('refuses a clock gap as a missing dependency, which Yjs would park', () => {
    const { server, client, shape } = board();
    captureUpdate(client, () => getShapesMap(client).get(shape.id)!.set('x', 1));
    const after = captureUpdate(client, () => getShapesMap(client).get(shape.id)!.set('x', 2));
    expect(appliedToCopy(server, after).store.pendingStructs).not.toBeNull();
    expect(() => validateUpdate(server, after)).toThrow(MissingDependencyError);
    expect(() => validateUpdate(server, after)).toThrow(/skips clocks/);
  });

  it('refuses a skip over clocks the server lacks, and deletions of clients or clocks it has never seen', () => {
    const { server, shapeItem } = board(7);
    const skipping = craftUpdate([{ client: 99, clock: 0, structs: [{ skip: 3 }, { parent: shapeItem, parentSub: 'x', content: { any: [1] } }] }]);
    expect(() => validateUpdate(server, skipping)).toThrow(MissingDependencyError);
    const unknownClient = craftUpdate([], [{ client: 4242, clock: 0, length: 1 }]);
    const copy = appliedToCopy(server, unknownClient);
    expect(copy.store.pendingDs).not.toBeNull();
    expect(() => assertNothingPending(copy)).toThrow(/could not apply/);
    expect(() => validateUpdate(server, unknownClient)).toThrow(/deletes items the server has never seen/);
    const beyond = craftUpdate([], [{ client: 7, clock: 0, length: 1_000 }]);
    expect(() => validateUpdate(server, beyond)).toThrow(MissingDependencyError);
    expect(() => validateUpdate(server, craftUpdate([], [{ client: 7, clock: 0, length: 0 }]))).toThrow(/empty range/);
    validateUpdate(server, craftUpdate([], [{ client: 7, clock: 0, length: 1 }]));
  });

  it('refuses references to unseen items (missing), to the item itself or later items of its client', () => {
    const { server, shapeItem } = board();
    const stranger = new Y.Doc();
    const shape = addShape(stranger, { id: newShapeId(), type: 'rectangle', x: 0, y: 0, w: 1, h: 1 });
    const unseen = captureUpdate(stranger, () => getShapesMap(stranger).get(shape.id)!.set('x', 1));
    expect(() => validateUpdate(server, unseen)).toThrow(/never seen/);
    const itself = craftUpdate([{ client: 99, clock: 0, structs: [{ origin: { client: 99, clock: 0 }, content: { any: [1] } }] }]);
    expect(() => validateUpdate(server, itself)).toThrow(/refers to itself/);
    const later = craftUpdate([
      { client: 99, clock: 0, structs: [{ origin: { client: 99, clock: 1 }, content: { any: [1] } }, { parent: shapeItem, parentSub: 'x', content: { any: [2] } }] },
    ]);
    expect(() => validateUpdate(server, later)).toThrow(/later item of its own client/);
  });

  it('refuses items that depend on each other in a circle through the order of one client, which Yjs would park', () => {
    const { server, shapeMap } = board();
    const x = currentItemId(shapeMap, 'x');
    // 1:0 comes after 2:0, which comes after 1:1, which can only come after 1:0.
    const circle = craftUpdate([
      { client: 1, clock: 0, structs: [{ origin: { client: 2, clock: 0 }, content: { any: [1] } }, { origin: x, content: { any: [2] } }] },
      { client: 2, clock: 0, structs: [{ origin: { client: 1, clock: 1 }, content: { any: [3] } }] },
    ]);
    expect(appliedToCopy(server, circle).store.pendingStructs).not.toBeNull();
    expect(() => validateUpdate(server, circle)).toThrow(/in a circle/);
  });
});

// Their updates are large: on a loaded machine they take longer than a unit test's default 5 s.
describe('cost: linear checking, capped size, capped merge work', () => {
  it('checks a chain of overwrites in steps linear in its length, and caps writes to one key', { timeout: 60_000 }, () => {
    const { server, shapeMap } = board();
    const steps = (count: number) => validateUpdate(server, craftOverwriteChain(shapeMap, 'x', count, 99), { limits: UNTIMED_STEP2 }).steps;
    const [short, long] = [steps(5_000), steps(20_000)];
    expect(long / short).toBeGreaterThan(3.5);
    expect(long / short).toBeLessThan(4.5);
    const chain = craftOverwriteChain(shapeMap, 'x', 10_000, 99);
    expect(() => validateUpdate(server, chain, { limits: UNTIMED })).toThrow(`the update writes shape property "x" more than ${UPDATE_LIMITS.maxKeyWrites} times`);
    validateUpdate(server, chain, { limits: UNTIMED_STEP2 });
    Y.applyUpdate(server, chain);
    assertNothingPending(server);
    expect(shapeMap.get('x')).toBe(9_999);
  });

  it('refuses more structs than the cap, reading no further, and runs without structs count too', () => {
    const { server } = board();
    const limits: ValidationLimits = { ...UNTIMED, maxEntries: 100 };
    const collected = craftUpdate([{ client: 99, clock: 0, structs: Array.from({ length: 101 }, () => ({ gc: 1 })) }]);
    expect(() => validateUpdate(server, collected, { limits })).toThrow('the update holds more than 100 structs and deletions');
    const emptyRuns = craftUpdate(Array.from({ length: 101 }, (_, client) => ({ client: client + 100, clock: 0, structs: [] })));
    expect(() => validateUpdate(server, emptyRuns, { limits })).toThrow(/more than 100/);
    const values = craftUpdate([{ client: 99, clock: 0, structs: [{ parent: 'chat', content: { any: Array.from({ length: 101 }, (_, i) => message(`m${i}`)) } }] }]);
    expect(() => validateUpdate(server, values, { limits })).toThrow(/more than 100/);
  });

  it('refuses an update whose check outlasts the time budget', () => {
    const { server, shapeMap } = board();
    const noTime: ValidationLimits = { ...SYNC_STEP2_LIMITS, timeBaseMs: 0, timePerEntryMs: 0 };
    expect(() => validateUpdate(server, craftOverwriteChain(shapeMap, 'x', 5_000, 99), { limits: noTime })).toThrow(ValidationTimeoutError);
  });

  it('refuses many concurrent siblings, each of which Yjs would scan past all the others', { timeout: 60_000 }, () => {
    const { server, client } = board();
    Y.applyUpdate(server, captureUpdate(client, () => client.getArray('chat').push([message('m0'), message('m1')])));
    const [first] = Y.decodeUpdate(Y.encodeStateAsUpdate(server)).structs.filter((struct) => struct instanceof Y.Item && struct.content instanceof Y.ContentAny && struct.length === 2);
    const m0: Id = { client: first!.id.client, clock: first!.id.clock };
    const m1: Id = { client: m0.client, clock: m0.clock + 1 };
    const siblings = (count: number) =>
      craftUpdate(Array.from({ length: count }, (_, i) => ({ client: 1_000 + i, clock: 0, structs: [{ origin: m0, rightOrigin: m1, content: { any: [message(`s${i}`)] } }] })));
    validateUpdate(server, siblings(3), { limits: UNTIMED });
    expect(() => validateUpdate(server, siblings(1_000), { limits: UNTIMED })).toThrow(/too long to merge/);
  });

  it('refuses writes far back in a long history, and takes one stale write', { timeout: 60_000 }, () => {
    const { server, shapeMap } = board();
    // A history of 3,000 overwrites of "x" by two clients in turn (so that Yjs cannot merge them).
    const history: Id[] = [];
    let origin = currentItemId(shapeMap, 'x');
    const runs = [1, 2].map((client) => ({ client, clock: 0, structs: [] as Array<{ origin: Id; content: { any: unknown[] } }> }));
    for (let i = 0; i < 3_000; i++) {
      const run = runs[i % 2]!;
      run.structs.push({ origin, content: { any: [i] } });
      origin = { client: run.client, clock: run.structs.length - 1 };
      history.push(origin);
    }
    const rounds = craftUpdate(runs);
    validateUpdate(server, rounds, { limits: UNTIMED_STEP2 });
    Y.applyUpdate(server, rounds);
    assertNothingPending(server);
    const stale = (origins: Id[]) => craftUpdate(origins.map((at, i) => ({ client: 500 + i, clock: 0, structs: [{ origin: at, content: { any: [i] } }] })));
    validateUpdate(server, stale([history[0]!]), { limits: UNTIMED });
    expect(() => validateUpdate(server, stale(history.slice(0, 500)), { limits: UNTIMED })).toThrow(/too long to merge/);
    // Deleting: one range over a client's history is fine; the same range a hundred times is not.
    validateUpdate(server, craftUpdate([], [{ client: 1, clock: 0, length: 1_500 }]), { limits: UNTIMED });
    const again = Array.from({ length: 100 }, () => ({ client: 1, clock: 0, length: 1_500 }));
    expect(() => validateUpdate(server, craftUpdate([], again), { limits: UNTIMED })).toThrow(/too long to merge/);
  });
});
