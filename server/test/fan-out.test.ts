import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAN_OUT_TICK_MAX_MS,
  fanOutTickMs,
  AWARENESS_EVENT,
  CURSORS_EVENT,
  decodeAwarenessUpdate,
  decodeCursorEntries,
  decodeSyncMessage,
  encodeAwarenessEntries,
  ERROR_EVENT,
  MAX_NAME_LENGTH,
  newBoardId,
  serverFrameBytes,
  SYNC_EVENT,
} from '../../lib/protocol';
import * as Y from 'yjs';
import { addShape, getShapesMap } from '../../lib/board/doc';
import { startTestServer, type TestServer } from './support/in-process';
import { eventually, type Peer, syncedPeer, withTimeout } from './support/peer';

const person = (name: string, x = 0) => ({ user: { name, color: '#1971c2' }, cursor: { x, y: 0 }, selection: [] });

describe('awareness and edits fanned out per tick', () => {
  let server: TestServer;
  const peers: Peer[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    for (const socket of sockets) socket.disconnect();
    await server.dispose();
  });

  /** A raw socket that counts the awareness messages it receives. */
  async function listener(boardId: string) {
    const socket = connect(server.url, { transports: ['websocket'], forceNew: true, auth: { boardId } });
    sockets.push(socket);
    const messages: Uint8Array[] = [];
    socket.on(AWARENESS_EVENT, (message: string) => messages.push(serverFrameBytes(message)));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    return { socket, messages };
  }

  it('sends one message per recipient per tick, whatever the number of changes', async () => {
    const boardId = newBoardId();
    const movers = await Promise.all(Array.from({ length: 10 }, () => syncedPeer(server.url, boardId)));
    peers.push(...movers);
    const watcher = await listener(boardId);
    await new Promise((resolve) => setTimeout(resolve, FAN_OUT_TICK_MAX_MS * 3));
    watcher.messages.length = 0;

    // Ten people each move their cursor ten times within one tick: 100 changes.
    const start = Date.now();
    for (let step = 0; step < 10; step++) {
      movers.forEach((mover, index) => {
        // Raw sends, bypassing the client throttle, so that every change reaches the server.
        mover.provider.socket.emit(AWARENESS_EVENT, encodeAwarenessEntries([{ clientID: mover.awareness.clientID, clock: 100 + step, state: person(`P${index}`, step) }]));
      });
    }
    await eventually(() => {
      const seen = new Set(watcher.messages.flatMap((message) => decodeAwarenessUpdate(message).map((entry) => entry.clientID)));
      for (const mover of movers) expect(seen.has(mover.awareness.clientID)).toBe(true);
    });
    // Eleven sockets on the board: the tick is fanOutTickMs(11) (timers may fire 1 ms early).
    const ticks = Math.ceil((Date.now() - start) / (fanOutTickMs(movers.length + 1) - 1)) + 1;
    // Far fewer messages than the 100 changes: at most one per tick elapsed.
    expect(watcher.messages.length).toBeLessThanOrEqual(ticks);
    expect(watcher.messages.length).toBeLessThan(100);
    // And the last state of each person is what arrived.
    const last = new Map<number, unknown>();
    for (const message of watcher.messages) for (const entry of decodeAwarenessUpdate(message)) last.set(entry.clientID, entry.state);
    movers.forEach((mover, index) => expect(last.get(mover.awareness.clientID)).toMatchObject({ user: { name: `P${index}` }, cursor: { x: 9 } }));
  });

  it('relays the edits of many people as one merged message per recipient per tick', async () => {
    const boardId = newBoardId();
    const editors = await Promise.all(Array.from({ length: 10 }, () => syncedPeer(server.url, boardId)));
    peers.push(...editors);
    const watcher = await listener(boardId);
    const updates: Uint8Array[] = [];
    let updateMessages = 0;
    watcher.socket.on(SYNC_EVENT, (frame: string | Uint8Array) => {
      const message = decodeSyncMessage(serverFrameBytes(frame));
      if (message.type !== 'update') return;
      updates.push(message.update);
      updateMessages++;
    });
    await new Promise((resolve) => setTimeout(resolve, FAN_OUT_TICK_MAX_MS * 3));

    // Ten people make ten edits each, as fast as they can: 100 updates.
    const start = Date.now();
    editors.forEach((editor, index) => addShape(editor.doc, { id: `n${index}`, type: 'sticky', x: 0, y: 0, w: 100, h: 100, text: '' }));
    for (let step = 1; step <= 9; step++) {
      editors.forEach((editor, index) => getShapesMap(editor.doc).get(`n${index}`)!.set('x', step));
    }
    const received = new Y.Doc();
    await eventually(() => {
      for (const update of updates.splice(0)) Y.applyUpdate(received, update);
      const xs = editors.map((_, index) => getShapesMap(received).get(`n${index}`)?.get('x'));
      expect(xs).toEqual(editors.map(() => 9));
    });
    // Far fewer messages than the 100 updates: at most one per tick elapsed.
    const ticks = Math.ceil((Date.now() - start) / (fanOutTickMs(editors.length + 1) - 1)) + 1;
    expect(updateMessages).toBeLessThanOrEqual(ticks);
    expect(updateMessages).toBeLessThan(100);
  });

  it("a person's cursor moves travel as cursor entries, other changes in full, and all arrive", async () => {
    const boardId = newBoardId();
    const a = await syncedPeer(server.url, boardId);
    const b = await syncedPeer(server.url, boardId);
    peers.push(a, b);
    const watcher = await listener(boardId);
    const cursorMessages: Uint8Array[] = [];
    watcher.socket.on(CURSORS_EVENT, (message: string) => cursorMessages.push(serverFrameBytes(message)));
    a.awareness.setLocalState(person('Alice', 0));
    await eventually(() => expect(b.awareness.getStates().get(a.awareness.clientID)).toMatchObject({ user: { name: 'Alice' } }));
    watcher.messages.length = 0;

    for (let x = 1; x <= 5; x++) {
      a.awareness.setLocalStateField('cursor', { x: x * 10, y: 0.5 });
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    await eventually(() => expect(b.awareness.getStates().get(a.awareness.clientID)).toMatchObject({ user: { name: 'Alice' }, cursor: { x: 50, y: 0.5 } }));
    const moved = cursorMessages.flatMap((message) => decodeCursorEntries(message)).filter((entry) => entry.clientID === a.awareness.clientID);
    expect(moved.length).toBeGreaterThanOrEqual(1);
    expect(moved.at(-1)?.cursor).toEqual({ x: 50, y: 0.5 });
    // No full state of Alice's went out for her moves.
    expect(watcher.messages.flatMap((message) => decodeAwarenessUpdate(message)).filter((entry) => entry.clientID === a.awareness.clientID)).toEqual([]);

    a.awareness.setLocalStateField('selection', ['s1']);
    await eventually(() => expect(b.awareness.getStates().get(a.awareness.clientID)).toMatchObject({ selection: ['s1'], cursor: { x: 50, y: 0.5 } }));
    expect(watcher.messages.flatMap((message) => decodeAwarenessUpdate(message)).map((entry) => entry.clientID)).toContain(a.awareness.clientID);
  });

  it('drops malformed presence and clamps long names, without affecting the others', async () => {
    const boardId = newBoardId();
    const a = await syncedPeer(server.url, boardId);
    const b = await syncedPeer(server.url, boardId);
    peers.push(a, b);
    const offender = await listener(boardId);
    const errors: unknown[] = [];
    offender.socket.on(ERROR_EVENT, (error: unknown) => errors.push(error));

    offender.socket.emit(AWARENESS_EVENT, encodeAwarenessEntries([{ clientID: 4242, clock: 1, state: { user: { name: 42, color: 'red' } } }]));
    offender.socket.emit(AWARENESS_EVENT, encodeAwarenessEntries([{ clientID: 4343, clock: 1, state: person('x'.repeat(10_000)) }]));
    a.awareness.setLocalState(person('Alice'));

    await eventually(() => {
      expect(b.awareness.getStates().get(a.awareness.clientID)).toMatchObject({ user: { name: 'Alice' } });
      const clamped = b.awareness.getStates().get(4343) as { user: { name: string } } | undefined;
      expect(clamped?.user.name).toHaveLength(MAX_NAME_LENGTH);
    });
    expect(b.awareness.getStates().has(4242)).toBe(false);
    expect(errors).toEqual([]);
    expect(offender.socket.connected).toBe(true);
  });

  it('a newcomer receives everyone present, and a leaver is removed for all', async () => {
    const boardId = newBoardId();
    const a = await syncedPeer(server.url, boardId);
    peers.push(a);
    a.awareness.setLocalState(person('Ada'));
    const b = await syncedPeer(server.url, boardId);
    peers.push(b);
    await eventually(() => expect(b.awareness.getStates().get(a.awareness.clientID)).toMatchObject({ user: { name: 'Ada' } }));
    const c = await syncedPeer(server.url, boardId);
    peers.push(c);
    c.awareness.setLocalState(person('Cy'));
    await eventually(() => expect(a.awareness.getStates().has(c.awareness.clientID)).toBe(true));
    c.destroy();
    await withTimeout(
      eventually(() => {
        expect(a.awareness.getStates().has(c.awareness.clientID)).toBe(false);
        expect(b.awareness.getStates().has(c.awareness.clientID)).toBe(false);
      }),
      2_000,
      'leaver still present',
    );
  });
});
