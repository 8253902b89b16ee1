import { io as connect } from 'socket.io-client';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addShape, newShapeId, readShapes } from '../../lib/board/doc';
import {
  CURSORS_EVENT,
  encodeBoardState,
  encodeCursorEntries,
  ERROR_EVENT,
  MAX_MESSAGES_PER_SECOND,
  MAX_SYNC_STEP2_BYTES,
  MAX_UPDATE_BYTES,
  MESSAGE_BURST,
  encodeSyncUpdate,
  newBoardId,
  type ProtocolError,
} from '../../lib/protocol';
import { useTestServer } from './support/in-process';
import { eventually, type Peer, snapshotShapes, syncedPeer, withTimeout } from './support/peer';

describe('bad input harms only its sender', () => {
  const { server, peers, sockets } = useTestServer();

  /** Two well-behaved peers on a board, and a raw socket for the offender. */
  async function boardWithOffender(options: { extraHeaders?: Record<string, string>; boardId?: unknown } = {}) {
    const boardId = newBoardId();
    const a = await syncedPeer(server.url, boardId);
    const b = await syncedPeer(server.url, boardId);
    peers.push(a, b);
    const offender = connect(server.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      auth: { boardId: options.boardId ?? boardId },
      extraHeaders: options.extraHeaders,
    });
    sockets.push(offender);
    const errors: ProtocolError[] = [];
    offender.on(ERROR_EVENT, (error: ProtocolError) => errors.push(error));
    const disconnected = new Promise<string>((resolve) => offender.on('disconnect', resolve));
    return { boardId, a, b, offender, errors, disconnected };
  }

  /** The others still edit and converge after the offender is gone. */
  async function othersCarryOn(a: Peer, b: Peer): Promise<void> {
    addShape(a.doc, { id: newShapeId(), type: 'rectangle', x: 1, y: 2, w: 3, h: 4 });
    addShape(b.doc, { id: newShapeId(), type: 'ellipse', x: 5, y: 6, w: 7, h: 8 });
    await eventually(() => {
      expect(readShapes(a.doc).shapes).toHaveLength(2);
      expect(snapshotShapes(b)).toEqual(snapshotShapes(a));
    });
  }

  it('a malformed frame disconnects its sender with a reason', async () => {
    const { a, b, offender, errors, disconnected } = await boardWithOffender();
    await new Promise<void>((resolve) => offender.once('connect', () => resolve()));
    offender.emit('sync', new Uint8Array([2, 200, 200, 200]));
    await withTimeout(disconnected, 5_000, 'offender was not disconnected');
    expect(errors[0]?.code).toBe('bad-frame');
    await othersCarryOn(a, b);
  });

  it('a frame of the wrong type disconnects its sender', async () => {
    const { a, b, offender, errors, disconnected } = await boardWithOffender();
    await new Promise<void>((resolve) => offender.once('connect', () => resolve()));
    offender.emit('awareness', { not: 'binary' });
    await withTimeout(disconnected, 5_000, 'offender was not disconnected');
    expect(errors[0]).toMatchObject({ code: 'bad-frame', message: 'expected a binary frame' });
    await othersCarryOn(a, b);
  });

  it('malformed cursor entries disconnect their sender with a reason', async () => {
    const { a, b, offender, errors, disconnected } = await boardWithOffender();
    await new Promise<void>((resolve) => offender.once('connect', () => resolve()));
    offender.emit(CURSORS_EVENT, new Uint8Array([1, 5, 1, 7]));
    await withTimeout(disconnected, 5_000, 'offender was not disconnected');
    expect(errors[0]).toMatchObject({ code: 'bad-frame', message: 'unknown cursor tag 7' });
    await othersCarryOn(a, b);
  });

  it("cursor entries for someone else's client are dropped, and the sender stays", async () => {
    const { a, b, offender, errors } = await boardWithOffender();
    await new Promise<void>((resolve) => offender.once('connect', () => resolve()));
    a.awareness.setLocalState({ user: { name: 'Alice', color: '#1971c2' }, cursor: { x: 1, y: 1 }, selection: [] });
    await eventually(() => expect(b.awareness.getStates().get(a.awareness.clientID)).toMatchObject({ cursor: { x: 1, y: 1 } }));
    // A far newer clock: had it been applied, Alice's own moves would be refused as older.
    offender.emit(CURSORS_EVENT, encodeCursorEntries([{ clientID: a.awareness.clientID, clock: 1_000_000, cursor: { x: 666, y: 666 } }]));
    await new Promise((resolve) => setTimeout(resolve, 100));
    a.awareness.setLocalStateField('cursor', { x: 2, y: 2 });
    await eventually(() => expect(b.awareness.getStates().get(a.awareness.clientID)).toMatchObject({ cursor: { x: 2, y: 2 } }));
    expect(errors).toEqual([]);
    expect(offender.connected).toBe(true);
  });

  it('a board state is only ever sent by the server: a client sending one is disconnected', async () => {
    const { a, b, offender, errors, disconnected } = await boardWithOffender();
    await new Promise<void>((resolve) => offender.once('connect', () => resolve()));
    const forged = new Y.Doc();
    addShape(forged, { id: newShapeId(), type: 'rectangle', x: 0, y: 0, w: 1, h: 1 });
    offender.emit('sync', encodeBoardState({ snapshot: Y.encodeStateAsUpdateV2(forged), updates: [] }));
    await withTimeout(disconnected, 5_000, 'offender was not disconnected');
    expect(errors[0]?.code).toBe('bad-frame');
    await othersCarryOn(a, b);
  });

  it('an update over the limit is refused with a reason', async () => {
    const { a, b, offender, errors, disconnected } = await boardWithOffender();
    await new Promise<void>((resolve) => offender.once('connect', () => resolve()));
    offender.emit('sync', encodeSyncUpdate(new Uint8Array(MAX_UPDATE_BYTES + 1)));
    await withTimeout(disconnected, 10_000, 'offender was not disconnected');
    expect(errors[0]?.code).toBe('too-large');
    await othersCarryOn(a, b);
  });

  it('a frame over the transport limit drops only that socket', async () => {
    const { a, b, offender, disconnected } = await boardWithOffender();
    await new Promise<void>((resolve) => offender.once('connect', () => resolve()));
    offender.emit('sync', new Uint8Array(MAX_SYNC_STEP2_BYTES + 1024 * 1024));
    await withTimeout(disconnected, 20_000, 'offender was not disconnected');
    await othersCarryOn(a, b);
  });

  it('a connection that floods is told it is rate-limited and closed; the others carry on', async () => {
    const { a, b, offender, errors, disconnected } = await boardWithOffender();
    await new Promise<void>((resolve) => offender.once('connect', () => resolve()));
    const move = encodeCursorEntries([{ clientID: 12345, clock: 1, cursor: { x: 1, y: 1 } }]);
    for (let i = 0; i < MESSAGE_BURST + 100; i++) offender.emit(CURSORS_EVENT, move);
    await withTimeout(disconnected, 5_000, 'offender was not disconnected');
    expect(errors[0]).toEqual({ code: 'rate-limited', message: `this connection sent more than ${MAX_MESSAGES_PER_SECOND} messages a second` });
    await othersCarryOn(a, b);
  });

  it('an update that breaks the shape schema is refused and changes nothing', async () => {
    const { a, b, offender, errors, disconnected } = await boardWithOffender();
    await new Promise<void>((resolve) => offender.once('connect', () => resolve()));
    const forged = new Y.Doc();
    const shape = new Y.Map<unknown>();
    forged.getMap('shapes').set(newShapeId(), shape);
    shape.set('type', 'rectangle');
    shape.set('x', 'not a number');
    offender.emit('sync', encodeSyncUpdate(Y.encodeStateAsUpdate(forged)));
    await withTimeout(disconnected, 5_000, 'offender was not disconnected');
    expect(errors[0]).toMatchObject({ code: 'invalid-update' });
    expect(errors[0]?.message).toContain('"x"');
    expect(readShapes(a.doc).shapes).toHaveLength(0);
    expect(a.doc.getMap('shapes').size).toBe(0);
    await othersCarryOn(a, b);
  });

  it('a write to an unknown root is refused', async () => {
    const { offender, errors, disconnected } = await boardWithOffender();
    await new Promise<void>((resolve) => offender.once('connect', () => resolve()));
    const forged = new Y.Doc();
    forged.getArray('secrets').push(['x']);
    offender.emit('sync', encodeSyncUpdate(Y.encodeStateAsUpdate(forged)));
    await withTimeout(disconnected, 5_000, 'offender was not disconnected');
    expect(errors[0]?.message).toContain('"secrets"');
  });

  it('a foreign Origin is refused at the handshake', async () => {
    const { a, b, offender } = await boardWithOffender({ extraHeaders: { origin: 'http://evil.example' } });
    const error = await withTimeout(new Promise<Error>((resolve) => offender.once('connect_error', resolve)), 5_000, 'no connect_error');
    expect(error.message).toBeTruthy();
    expect(offender.connected).toBe(false);
    await othersCarryOn(a, b);
  });

  it('the same Origin as the host is accepted', async () => {
    const { offender } = await boardWithOffender({ extraHeaders: { origin: server.url } });
    await withTimeout(new Promise<void>((resolve) => offender.once('connect', () => resolve())), 5_000, 'same-origin socket refused');
    expect(offender.connected).toBe(true);
  });

  it('an invalid board id is refused with a reason', async () => {
    const { offender } = await boardWithOffender({ boardId: '../../etc/passwd' });
    const error = await withTimeout(new Promise<Error>((resolve) => offender.once('connect_error', resolve)), 5_000, 'no connect_error');
    expect(error.message).toContain('bad-board-id');
  });
});
