import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addShape, deleteShapes, getMetaMap, getShapesMap, moveShapes, newShapeId, updateShapes } from '../../lib/board/doc';
import { MAX_TITLE_LENGTH } from '../../lib/board/schema';
import { readGeometry } from '../../lib/board/stored-box';
import { addLegacyShape } from '../../lib/board/test/legacy-shapes';
import { captureUpdate, containerId, type CraftedContent, craftUpdate, untimed } from '../test/support/crafted-updates';
import { assertNothingPending, InvalidUpdateError, SYNC_STEP2_LIMITS, UPDATE_LIMITS, type ValidationLimits, validateUpdate } from './update-validator';

/** The server's copy of a board, and a client that has synced it. */
function serverAndClient() {
  const server = new Y.Doc();
  getShapesMap(server);
  const client = new Y.Doc();
  const shape = addShape(client, { id: newShapeId(), type: 'rectangle', x: 0, y: 0, w: 10, h: 10 });
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
  const shapeItem = containerId(getShapesMap(server).get(shape.id)!);
  return { server, client, shape, shapeItem };
}

/** Another client that has synced the server's copy (a refused update leaves the first one ahead of it). */
function syncedClient(server: Y.Doc): Y.Doc {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return client;
}

/** Validates, applies, and checks that Yjs kept nothing aside. */
function validateAndApply(server: Y.Doc, update: Uint8Array, limits: ValidationLimits = UPDATE_LIMITS) {
  // These tests are about what passes, not how fast: the machine may be loaded.
  const report = validateUpdate(server, update, { limits: untimed(limits) });
  Y.applyUpdate(server, update);
  assertNothingPending(server);
  return report;
}

const message = (id: string, text = 'hello') => ({ id, authorId: 'u1', author: 'Ada', color: '#1971c2', text, at: 1_700_000_000_000 });

describe('validateUpdate: what honest clients send', () => {
  it('accepts new shapes, moves, restyles and deletions', () => {
    const { server, client, shape } = serverAndClient();
    const updates = [
      captureUpdate(client, () => addShape(client, { id: newShapeId(), type: 'pen', x: 1, y: 1, w: 5, h: 5, points: [0, 0, 0.5, 5, 5, 0.5] })),
      // An overwrite carries neither parent nor key: both come from the item it replaces.
      captureUpdate(client, () => moveShapes(client, [shape.id], 5, 5)),
      captureUpdate(client, () => updateShapes(client, new Map([[shape.id, { stroke: '#e03131' }]]))),
      captureUpdate(client, () => getShapesMap(client).delete(shape.id)),
    ];
    for (const update of updates) validateAndApply(server, update);
    expect(getShapesMap(server).size).toBe(1);
  });

  it('accepts chat messages and a title in one transaction', () => {
    const { server, client } = serverAndClient();
    const update = captureUpdate(client, () => {
      client.getArray('chat').push([message('m1')]);
      getMetaMap(client).set('title', 'Plan');
    });
    validateAndApply(server, update);
    expect(getMetaMap(server).get('title')).toBe('Plan');
    expect(server.getArray('chat').toArray()).toEqual([message('m1')]);
  });

  it("accepts a task's edits merged into one message, one shape moved many times included", () => {
    const { server, client, shape } = serverAndClient();
    const updates: Uint8Array[] = [];
    client.on('update', (update: Uint8Array) => updates.push(update));
    for (let i = 0; i < 50; i++) moveShapes(client, [shape.id], 1, 0);
    for (let i = 0; i < 20; i++) addShape(client, { id: newShapeId(), type: 'ellipse', x: i, y: i, w: 3, h: 3 });
    validateAndApply(server, Y.mergeUpdates(updates));
    expect(readGeometry(getShapesMap(server).get(shape.id)!)?.x).toBe(50);
    expect(getShapesMap(server).size).toBe(21);
  });

  it('accepts a whole board drawn offline (deleted shapes and collected structs included) as a sync step 2', () => {
    const offline = new Y.Doc();
    const shapes = Array.from({ length: 30 }, (_, i) => addShape(offline, { id: newShapeId(), type: 'rectangle', x: i, y: 0, w: 5, h: 5 }));
    for (let i = 0; i < 200; i++) moveShapes(offline, [shapes[i % 30]!.id], 1, 1);
    deleteShapes(offline, shapes.slice(0, 10).map((shape) => shape.id));
    offline.getArray('chat').push([message('m1'), message('m2')]);
    const server = new Y.Doc();
    getShapesMap(server);
    validateAndApply(server, Y.encodeStateAsUpdate(offline), SYNC_STEP2_LIMITS);
    expect(getShapesMap(server).size).toBe(20);
  });

  it('accepts concurrent edits of one shape, and an update that builds on another client of the same update', () => {
    const { server, client, shape } = serverAndClient();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
    const first = captureUpdate(client, () => moveShapes(client, [shape.id], 10, 0));
    // Concurrent: its origin is the value the first move has already replaced on the server.
    const second = captureUpdate(other, () => moveShapes(other, [shape.id], 0, 10));
    validateAndApply(server, first);
    validateAndApply(server, second);
    // A third client creates a shape and a fourth moves it; both arrive merged, in one update.
    const creator = new Y.Doc();
    Y.applyUpdate(creator, Y.encodeStateAsUpdate(server));
    const created = addShape(creator, { id: newShapeId(), type: 'diamond', x: 0, y: 0, w: 4, h: 4 });
    const mover = new Y.Doc();
    Y.applyUpdate(mover, Y.encodeStateAsUpdate(creator));
    const moved = captureUpdate(mover, () => moveShapes(mover, [created.id], 3, 3));
    const creation = Y.encodeStateAsUpdate(creator, Y.encodeStateVector(server));
    validateAndApply(server, Y.mergeUpdates([moved, creation]));
    expect(readGeometry(getShapesMap(server).get(created.id)!)?.x).toBe(3);
  });
});

describe('validateUpdate: the board model', () => {
  it('refuses a property of the wrong type, also on an existing shape', () => {
    const { server, client, shape } = serverAndClient();
    const update = captureUpdate(client, () => getShapesMap(client).get(shape.id)!.set('x', 'far'));
    expect(() => validateUpdate(server, update)).toThrow(/"x"/);
  });

  it('refuses unknown properties, bad ids, other roots and nested containers', () => {
    const { server, shape } = serverAndClient();
    const cases: Array<[(client: Y.Doc) => void, RegExp]> = [
      [(client) => getShapesMap(client).get(shape.id)!.set('onclick', 'alert(1)'), /unknown shape property "onclick"/],
      [(client) => getShapesMap(client).set('bad id!', new Y.Map()), /valid id/],
      [(client) => getShapesMap(client).set(newShapeId(), 'not a map' as never), /a shape must be a Y.Map/],
      [(client) => client.getMap('admin').set('owner', 'me'), /writes to "admin" are not allowed/],
      [(client) => getShapesMap(client).get(shape.id)!.set('text', 'plain'), /shape property "text"/],
      [(client) => getShapesMap(client).get(shape.id)!.set('points', new Y.Array() as never), /shape property "points" must be one plain value/],
    ];
    for (const [change, reason] of cases) {
      const client = syncedClient(server);
      expect(() => validateUpdate(server, captureUpdate(client, () => change(client)))).toThrow(reason);
    }
  });

  it("takes a label's text style and refuses typefaces and alignments the schema does not name", () => {
    const { server, shape } = serverAndClient();
    const styled = syncedClient(server);
    validateAndApply(server, captureUpdate(styled, () => updateShapes(styled, new Map([[shape.id, { fontFamily: 'hand', textAlign: 'right', fontSize: 28 }]]))));
    const cases: Array<[string, unknown, RegExp]> = [
      ['fontFamily', 'comic', /shape property "fontFamily"/],
      ['textAlign', 'justify', /shape property "textAlign"/],
      ['fontFamily', 3, /shape property "fontFamily"/],
    ];
    for (const [key, value, reason] of cases) {
      const client = syncedClient(server);
      expect(() => validateUpdate(server, captureUpdate(client, () => getShapesMap(client).get(shape.id)!.set(key, value)))).toThrow(reason);
    }
  });

  it('takes the title the page sets (a rename, emptied, renamed again) and refuses one too long, not text, or an unknown board property', () => {
    const { server } = serverAndClient();
    for (const title of ['Sprint plan', '', 'Ünïcode ✓ plan']) {
      const client = syncedClient(server);
      validateAndApply(server, captureUpdate(client, () => getMetaMap(client).set('title', title)));
      expect(getMetaMap(server).get('title')).toBe(title);
    }
    const cases: Array<[(client: Y.Doc) => void, RegExp]> = [
      [(client) => getMetaMap(client).set('title', 'x'.repeat(MAX_TITLE_LENGTH + 1)), /board property "title" is invalid/],
      [(client) => getMetaMap(client).set('title', 42), /board property "title" is invalid/],
      [(client) => getMetaMap(client).set('title', new Y.Text('T')), /board property "title" must be one plain value/],
      [(client) => getMetaMap(client).set('owner', 'me'), /board property "owner"/],
    ];
    for (const [change, reason] of cases) {
      const client = syncedClient(server);
      expect(() => validateUpdate(server, captureUpdate(client, () => change(client)))).toThrow(reason);
    }
  });

  it("takes a connector end's binding to a shape id (or '' for none) and refuses any other value", () => {
    const { server, shape } = serverAndClient();
    for (const value of ['abcdefghij12', '']) {
      const client = syncedClient(server);
      validateAndApply(server, captureUpdate(client, () => getShapesMap(client).get(shape.id)!.set('endBinding', value)));
    }
    for (const [key, value] of [['endBinding', 'bad id!'], ['startBinding', 42], ['startBinding', { id: 'x' }], ['endBinding', 'x'.repeat(65)]] as const) {
      const client = syncedClient(server);
      expect(() => validateUpdate(server, captureUpdate(client, () => getShapesMap(client).get(shape.id)!.set(key, value)))).toThrow(new RegExp(`shape property "${key}"`));
    }
  });

  it("takes a shape's box of four numbers within the schema's limits, and refuses any other", () => {
    const { server, shape } = serverAndClient();
    for (const value of [[5, -6, 7, 8], [-1e7, 1e7, 0, 1e7]]) {
      const client = syncedClient(server);
      validateAndApply(server, captureUpdate(client, () => updateShapes(client, new Map([[shape.id, { x: value[0], y: value[1], w: value[2], h: value[3] }]]))));
      expect(getShapesMap(server).get(shape.id)!.get('box')).toEqual(value);
    }
    for (const value of [[1, 2, -3, 4], [1, 2, 3, -1], [1e7 + 1, 0, 1, 1], [1, 2, 3], [1, 2, 3, 4, 5], [1, '2', 3, 4], [0, 0, Number.NaN, 1], { 0: 1, 1: 2, 2: 3, 3: 4 }, 7]) {
      const client = syncedClient(server);
      expect(() => validateUpdate(server, captureUpdate(client, () => getShapesMap(client).get(shape.id)!.set('box', value)))).toThrow(/shape property "box" is invalid/);
    }
  });

  it('keeps taking the legacy keys x, y, w, h, on a legacy shape and beside a box (reading lets them win: nothing is lost)', () => {
    const { server, shape } = serverAndClient();
    const outside = syncedClient(server);
    const legacy = captureUpdate(outside, () => {
      addLegacyShape(outside, { id: 'legacy', type: 'rectangle', x: 1, y: 2, w: 3, h: 4 });
      getShapesMap(outside).get('legacy')!.set('x', 10);
      getShapesMap(outside).get(shape.id)!.set('y', 20);
    });
    validateAndApply(server, legacy);
    expect(readGeometry(getShapesMap(server).get('legacy')!)).toEqual({ x: 10, y: 2, w: 3, h: 4 });
    expect(readGeometry(getShapesMap(server).get(shape.id)!)).toEqual({ x: 0, y: 20, w: 10, h: 10 });
    const client = syncedClient(server);
    expect(() => validateUpdate(server, captureUpdate(client, () => getShapesMap(client).get('legacy')!.set('w', -1)))).toThrow(/shape property "w" is invalid/);
  });

  it('takes a lock (true or false) and refuses any other value', () => {
    const { server, shape } = serverAndClient();
    for (const value of [true, false]) {
      const client = syncedClient(server);
      validateAndApply(server, captureUpdate(client, () => getShapesMap(client).get(shape.id)!.set('locked', value)));
    }
    for (const value of ['true', 1, null, { locked: true }]) {
      const client = syncedClient(server);
      expect(() => validateUpdate(server, captureUpdate(client, () => getShapesMap(client).get(shape.id)!.set('locked', value)))).toThrow(/shape property "locked"/);
    }
  });

  it("takes a group id (or '' for none) and refuses any other value", () => {
    const { server, shape } = serverAndClient();
    for (const value of ['group_1', '']) {
      const client = syncedClient(server);
      validateAndApply(server, captureUpdate(client, () => getShapesMap(client).get(shape.id)!.set('groupId', value)));
    }
    for (const value of ['bad id!', 7, true, 'x'.repeat(65)]) {
      const client = syncedClient(server);
      expect(() => validateUpdate(server, captureUpdate(client, () => getShapesMap(client).get(shape.id)!.set('groupId', value)))).toThrow(/shape property "groupId"/);
    }
  });

  it('checks the exact kind of a nested type: a Y.XmlHook is a Y.Map to instanceof, not to the board', () => {
    const { server, client } = serverAndClient();
    expect(new Y.XmlHook('x')).toBeInstanceOf(Y.Map);
    const update = captureUpdate(client, () => getShapesMap(client).set(newShapeId(), new Y.XmlHook('x') as never));
    expect(() => validateUpdate(server, update)).toThrow(/a shape must be a Y.Map, not a Y.XmlHook/);
    const other = syncedClient(server);
    const element = captureUpdate(other, () => getShapesMap(other).set(newShapeId(), new Y.XmlElement('div') as never));
    expect(() => validateUpdate(server, element)).toThrow(/not a Y.XmlElement/);
  });

  it('refuses deleted content outside the model, and takes it as a deleted entry inside it', () => {
    const { server, shapeItem } = serverAndClient();
    const deleted = (parent: string | typeof shapeItem, parentSub: string | null) => craftUpdate([{ client: 4242, clock: 0, structs: [{ parent, parentSub, content: { deleted: 1 } }] }]);
    expect(() => validateUpdate(server, deleted('admin', 'owner'))).toThrow(/writes to "admin"/);
    expect(() => validateUpdate(server, deleted(shapeItem, 'onclick'))).toThrow(/unknown shape property "onclick"/);
    expect(() => validateUpdate(server, deleted('shapes', null))).toThrow(/without a key/);
    expect(() => validateUpdate(server, deleted('chat', 'key'))).toThrow(/with a key in the chat/);
    validateAndApply(server, deleted(shapeItem, 'fill'));
  });

  it('refuses content kinds no board holds, as soon as they are read', () => {
    const { server, shapeItem } = serverAndClient();
    const cases: Array<[CraftedContent, RegExp]> = [
      [{ json: [1] }, /JSON content/],
      [{ binary: new Uint8Array([1]) }, /binary content/],
      [{ embed: { image: 'x' } }, /embedded content/],
      [{ format: ['bold', true] }, /text formatting/],
      [{ doc: 'guid' }, /a subdocument/],
      [{ string: 'hi' }, /must be one plain value/],
      [{ type: 2 }, /must be one plain value/],
    ];
    for (const [content, reason] of cases) {
      const update = craftUpdate([{ client: 4242, clock: 0, structs: [{ parent: shapeItem, parentSub: 'x', content }] }]);
      expect(() => validateUpdate(server, update)).toThrow(reason);
    }
  });

  it('refuses a map entry of several values, and chat messages with other keys or an inherited prototype', () => {
    const { server, shapeItem } = serverAndClient();
    const two = craftUpdate([{ client: 4242, clock: 0, structs: [{ parent: shapeItem, parentSub: 'x', content: { any: [1, 2] } }] }]);
    expect(() => validateUpdate(server, two)).toThrow(/one plain value/);
    const chat = (value: unknown) => craftUpdate([{ client: 4242, clock: 0, structs: [{ parent: 'chat', content: { any: [value] } }] }]);
    validateUpdate(server, chat(message('m1')));
    expect(() => validateUpdate(server, chat({ ...message('m1'), html: '<script>' }))).toThrow(/a chat message is invalid/);
    // An own "__proto__" key (as JSON.parse makes it), which lib0 decodes by setting the prototype.
    const { text, ...withoutText } = message('m1', 'inherited');
    const inheriting = JSON.parse(`{"__proto__": ${JSON.stringify({ text })}, ${JSON.stringify(withoutText).slice(1)}`) as unknown;
    expect(Object.keys(inheriting as object)).toContain('__proto__');
    expect(() => validateUpdate(server, chat(inheriting))).toThrow(/not a plain object/);
  });

  it("refuses an item whose neighbours are in different places (Yjs would keep a pointer into another list)", () => {
    const { server } = serverAndClient();
    validateAndApply(server, craftUpdate([{ client: 4242, clock: 0, structs: [{ parent: 'meta', parentSub: 'title', content: { any: ['T'] } }] }]));
    const title = { client: 4242, clock: 0 };
    const shapeBox = Y.decodeUpdate(Y.encodeStateAsUpdate(server)).structs.find((struct) => (struct as Y.Item).parentSub === 'box')!.id;
    const astride = craftUpdate([{ client: 4343, clock: 0, structs: [{ origin: shapeBox, rightOrigin: title, content: { any: [1] } }] }]);
    expect(() => validateUpdate(server, astride)).toThrow(/neighbours are in different places/);
  });

  it('refuses updates that cannot be read, and quotes no long names', () => {
    const { server, shapeItem } = serverAndClient();
    expect(() => validateUpdate(server, new Uint8Array([1, 2, 3, 4, 5]))).toThrow(InvalidUpdateError);
    const long = craftUpdate([{ client: 4242, clock: 0, structs: [{ parent: shapeItem, parentSub: 'k'.repeat(10_000), content: { any: [1] } }] }]);
    let reason = '';
    try {
      validateUpdate(server, long);
    } catch (error) {
      reason = (error as Error).message;
    }
    expect(reason).toMatch(/unknown shape property "k+…"/);
    expect(reason.length).toBeLessThan(100);
  });
});

describe('validateUpdate: a shape\'s text is a Y.Text of plain strings', () => {
  const options = { limits: untimed(UPDATE_LIMITS) };

  it('accepts a Y.Text and two people typing in it at once', () => {
    const { server, shape } = serverAndClient();
    const author = syncedClient(server);
    const created = captureUpdate(author, () => getShapesMap(author).get(shape.id)!.set('text', new Y.Text('hello')));
    validateUpdate(server, created, options);
    Y.applyUpdate(server, created);
    const [a, b] = [syncedClient(server), syncedClient(server)];
    const text = (doc: Y.Doc) => getShapesMap(doc).get(shape.id)!.get('text') as Y.Text;
    const typedA = captureUpdate(a, () => text(a).insert(5, ' world'));
    const typedB = captureUpdate(b, () => text(b).insert(0, '> '));
    for (const update of [typedA, typedB]) {
      validateUpdate(server, update, options);
      Y.applyUpdate(server, update);
      assertNothingPending(server);
    }
    expect(text(server).toString()).toBe('> hello world');
  });

  it('refuses formatting, embeds and nested types in it', () => {
    const { server, shape } = serverAndClient();
    const author = syncedClient(server);
    Y.applyUpdate(server, captureUpdate(author, () => getShapesMap(author).get(shape.id)!.set('text', new Y.Text('hello'))));
    const text = (doc: Y.Doc) => getShapesMap(doc).get(shape.id)!.get('text') as Y.Text;
    const cases: Array<[(doc: Y.Doc) => void, RegExp]> = [
      [(doc) => text(doc).format(0, 2, { bold: true }), /text formatting/],
      [(doc) => text(doc).insertEmbed(1, { image: 'x' }), /embedded content/],
      [(doc) => text(doc).insertEmbed(1, new Y.Map() as never), /holds plain text only/],
    ];
    for (const [change, reason] of cases) {
      const client = syncedClient(server);
      expect(() => validateUpdate(server, captureUpdate(client, () => change(client)), options)).toThrow(reason);
    }
  });
});
