import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addShape, getShapesMap, moveShapes, newShapeId, updateShapes } from '../../lib/board/doc';
import { InvalidUpdateError, validateUpdate } from './update-validator';

/** The server's copy of a board, and a client that has synced it. */
function serverAndClient() {
  const server = new Y.Doc();
  getShapesMap(server);
  const client = new Y.Doc();
  const shape = addShape(client, { id: newShapeId(), type: 'rectangle', x: 0, y: 0, w: 10, h: 10 });
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
  return { server, client, shape };
}

/** The update a change on `doc` produces. */
function captureUpdate(doc: Y.Doc, change: () => void): Uint8Array {
  let captured: Uint8Array | null = null;
  const listener = (update: Uint8Array) => (captured = update);
  doc.on('update', listener);
  change();
  doc.off('update', listener);
  if (!captured) throw new Error('no update');
  return captured;
}

describe('validateUpdate', () => {
  it('accepts new shapes, moves, restyles and deletions', () => {
    const { server, client, shape } = serverAndClient();
    const updates = [
      captureUpdate(client, () => addShape(client, { id: newShapeId(), type: 'pen', x: 1, y: 1, w: 5, h: 5, points: [0, 0, 0.5, 5, 5, 0.5] })),
      // An overwrite carries neither parent nor key: both come from the item it replaces.
      captureUpdate(client, () => moveShapes(client, [shape.id], 5, 5)),
      captureUpdate(client, () => updateShapes(client, new Map([[shape.id, { stroke: '#e03131' }]]))),
      captureUpdate(client, () => getShapesMap(client).delete(shape.id)),
    ];
    for (const update of updates) {
      expect(() => validateUpdate(server, update)).not.toThrow();
      Y.applyUpdate(server, update);
    }
  });

  it('refuses a property of the wrong type, also on an existing shape', () => {
    const { server, client, shape } = serverAndClient();
    const update = captureUpdate(client, () => getShapesMap(client).get(shape.id)!.set('x', 'far'));
    expect(() => validateUpdate(server, update)).toThrow(/"x"/);
  });

  it('refuses unknown properties, bad ids, other roots and nested containers', () => {
    const { server, client, shape } = serverAndClient();
    const cases = [
      () => getShapesMap(client).get(shape.id)!.set('onclick', 'alert(1)'),
      () => getShapesMap(client).set('bad id!', new Y.Map()),
      () => getShapesMap(client).set(newShapeId(), 'not a map' as never),
      () => client.getMap('admin').set('owner', 'me'),
      () => getShapesMap(client).get(shape.id)!.set('text', new Y.Text('x') as never),
    ];
    for (const change of cases) {
      expect(() => validateUpdate(server, captureUpdate(client, change))).toThrow(InvalidUpdateError);
    }
  });

  it('refuses bytes that are not an update, and references to unknown items', () => {
    const { server } = serverAndClient();
    expect(() => validateUpdate(server, new Uint8Array([1, 2, 3, 4, 5]))).toThrow(InvalidUpdateError);
    const stranger = new Y.Doc();
    const shape = addShape(stranger, { id: newShapeId(), type: 'rectangle', x: 0, y: 0, w: 1, h: 1 });
    const update = captureUpdate(stranger, () => moveShapes(stranger, [shape.id], 1, 1));
    expect(() => validateUpdate(server, update)).toThrow(/never seen/);
  });
});

describe('validateUpdate: chat and board properties', () => {
  it('accepts well-formed chat messages and a title', () => {
    const { server, client } = serverAndClient();
    const message = { id: 'm1', authorId: 'u1', author: 'Ada', color: '#1971c2', text: 'hello', at: 1_700_000_000_000 };
    const update = captureUpdate(client, () => {
      client.getArray('chat').push([message]);
      client.getMap('meta').set('title', 'Plan');
    });
    expect(() => validateUpdate(server, update)).not.toThrow();
  });

  it('refuses malformed chat messages and unknown board properties', () => {
    const { server, client } = serverAndClient();
    const cases = [
      () => client.getArray('chat').push([{ id: 'm1', text: 'no author' }]),
      () => client.getArray('chat').push([{ id: 'm2', authorId: 'u', author: 'A', color: '#000000', text: 'x'.repeat(5_000), at: 1 }]),
      () => client.getMap('meta').set('owner', 'me'),
      () => client.getMap('meta').set('title', 'x'.repeat(1_000)),
    ];
    for (const change of cases) {
      expect(() => validateUpdate(server, captureUpdate(client, change))).toThrow(InvalidUpdateError);
    }
  });
});
