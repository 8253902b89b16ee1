import { io as connect } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import {
  CURSOR_SETTLE_MS,
  FAN_OUT_TICK_MAX_MS,
  fanOutTickMs,
  AWARENESS_EVENT,
  CURSORS_EVENT,
  decodeAwarenessUpdate,
  decodeCursorEntries,
  decodeTick,
  encodeCursorEntries,
  encodeAwarenessEntries,
  ERROR_EVENT,
  MAX_NAME_LENGTH,
  newBoardId,
  serverFrameBytes,
  TICK_EVENT,
  type TickMessage,
} from '../../lib/protocol';
import * as Y from 'yjs';
import { addShape, getShapesMap } from '../../lib/board/doc';
import { useTestServer } from './support/in-process';
import { eventually, syncedPeer, withTimeout } from './support/peer';

const person = (name: string, x = 0) => ({ user: { name, color: '#1971c2' }, cursor: { x, y: 0 }, selection: [] });

describe('awareness and edits fanned out per tick', () => {
  const { server, peers, sockets } = useTestServer();

  /** A raw socket that keeps the ticks it receives, and their parts. */
  async function listener(boardId: string) {
    const socket = connect(server.url, { transports: ['websocket'], forceNew: true, auth: { boardId } });
    sockets.push(socket);
    const ticks: TickMessage[] = [];
    socket.on(TICK_EVENT, (message: string) => ticks.push(decodeTick(serverFrameBytes(message))));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    return {
      socket,
      ticks,
      /** The awareness part of each tick that has one. */
      get messages() {
        return ticks.flatMap((tick) => (tick.awareness ? [tick.awareness] : []));
      },
      get cursorEntries() {
        return ticks.flatMap((tick) => (tick.cursors ? decodeCursorEntries(tick.cursors) : []));
      },
    };
  }

  it('sends one message per recipient per tick, whatever the number of changes', async () => {
    const boardId = newBoardId();
    const movers = await Promise.all(Array.from({ length: 10 }, () => syncedPeer(server.url, boardId)));
    peers.push(...movers);
    const watcher = await listener(boardId);
    await new Promise((resolve) => setTimeout(resolve, FAN_OUT_TICK_MAX_MS * 3));
    watcher.ticks.length = 0;

    // Ten people each move their cursor ten times within one tick: 100 changes.
    const start = Date.now();
    for (let step = 0; step < 10; step++) {
      movers.forEach((mover, index) => {
        // Raw sends, bypassing the client throttle, so that every change reaches the server.
        mover.provider.socket.emit(AWARENESS_EVENT, encodeAwarenessEntries([{ clientID: mover.awareness.clientID, clock: 100 + step, state: person(`P${index}`, step) }]));
      });
    }
    // The last state of each person arrives.
    await eventually(() => {
      const last = new Map<number, unknown>();
      for (const message of watcher.messages) for (const entry of decodeAwarenessUpdate(message)) last.set(entry.clientID, entry.state);
      movers.forEach((mover, index) => expect(last.get(mover.awareness.clientID)).toMatchObject({ user: { name: `P${index}` }, cursor: { x: 9 } }));
    });
    // Eleven sockets on the board: the tick is fanOutTickMs(11) (timers may fire 1 ms early).
    const ticks = Math.ceil((Date.now() - start) / (fanOutTickMs(movers.length + 1) - 1)) + 1;
    // Far fewer messages than the 100 changes: at most one per tick elapsed.
    expect(watcher.messages.length).toBeLessThanOrEqual(ticks);
    expect(watcher.messages.length).toBeLessThan(100);
  });

  it('relays the edits of many people as one merged message per recipient per tick', async () => {
    const boardId = newBoardId();
    const editors = await Promise.all(Array.from({ length: 10 }, () => syncedPeer(server.url, boardId)));
    peers.push(...editors);
    const watcher = await listener(boardId);
    await new Promise((resolve) => setTimeout(resolve, FAN_OUT_TICK_MAX_MS * 3));
    watcher.ticks.length = 0;
    const updatesOf = () => watcher.ticks.flatMap((tick) => (tick.update ? [tick.update] : []));

    // Ten people make ten edits each, as fast as they can: 100 updates.
    const start = Date.now();
    editors.forEach((editor, index) => addShape(editor.doc, { id: `n${index}`, type: 'sticky', x: 0, y: 0, w: 100, h: 100, text: '' }));
    for (let step = 1; step <= 9; step++) {
      editors.forEach((editor, index) => getShapesMap(editor.doc).get(`n${index}`)!.set('x', step));
    }
    const received = new Y.Doc();
    await eventually(() => {
      for (const update of updatesOf()) Y.applyUpdate(received, update);
      const xs = editors.map((_, index) => getShapesMap(received).get(`n${index}`)?.get('x'));
      expect(xs).toEqual(editors.map(() => 9));
    });
    // Far fewer messages than the 100 updates: at most one per tick elapsed.
    const ticks = Math.ceil((Date.now() - start) / (fanOutTickMs(editors.length + 1) - 1)) + 1;
    expect(updatesOf().length).toBeLessThanOrEqual(ticks);
    expect(updatesOf().length).toBeLessThan(100);
  });

  it("a tick's edits and presence reach each recipient as one message", async () => {
    const boardId = newBoardId();
    const people = await Promise.all(Array.from({ length: 6 }, () => syncedPeer(server.url, boardId)));
    peers.push(...people);
    const watcher = await listener(boardId);
    people.forEach((peer, index) => peer.awareness.setLocalState(person(`Q${index}`)));
    people.forEach((peer, index) => addShape(peer.doc, { id: `q${index}`, type: 'sticky', x: 0, y: 0, w: 100, h: 100, text: '' }));
    await new Promise((resolve) => setTimeout(resolve, FAN_OUT_TICK_MAX_MS * 3));
    const before = watcher.ticks.length;

    // Each person edits five times, as fast as they can, and keeps moving their cursor until every
    // edit has arrived: whenever a tick carries edits (which go out once stored, later on
    // Postgres than on LevelDB) it has cursor moves to carry with them.
    const start = Date.now();
    let moves = 0;
    const moveAll = () => {
      moves++;
      people.forEach((peer) => {
        const clock = peer.awareness.meta.get(peer.awareness.clientID)!.clock + moves;
        peer.provider.socket.emit(CURSORS_EVENT, encodeCursorEntries([{ clientID: peer.awareness.clientID, clock, cursor: { x: 5, y: moves } }]));
      });
    };
    for (let step = 1; step <= 5; step++) {
      people.forEach((peer, index) => getShapesMap(peer.doc).get(`q${index}`)!.set('x', step));
      moveAll();
    }
    const mover = setInterval(moveAll, 2);
    const received = new Y.Doc();
    try {
      await eventually(() => {
        for (const tick of watcher.ticks) if (tick.update) Y.applyUpdate(received, tick.update);
        expect(people.map((_, index) => getShapesMap(received).get(`q${index}`)?.get('x'))).toEqual(people.map(() => 5));
      });
    } finally {
      clearInterval(mover);
    }
    const lastMove = moves;
    await eventually(() => {
      const last = new Map(watcher.cursorEntries.map((entry) => [entry.clientID, entry.cursor]));
      for (const peer of people) expect(last.get(peer.awareness.clientID)).toEqual({ x: 5, y: lastMove });
    });
    const ticks = Math.ceil((Date.now() - start) / (fanOutTickMs(people.length + 1) - 1)) + 1;
    const during = watcher.ticks.slice(before);
    expect(during.length).toBeLessThanOrEqual(ticks);
    expect(during.some((tick) => tick.update && tick.cursors)).toBe(true);
  });

  it("a person's cursor moves travel as cursor entries, other changes in full, and all arrive", async () => {
    const boardId = newBoardId();
    const a = await syncedPeer(server.url, boardId);
    const b = await syncedPeer(server.url, boardId);
    peers.push(a, b);
    const watcher = await listener(boardId);
    a.awareness.setLocalState(person('Alice', 0));
    await eventually(() => expect(b.awareness.getStates().get(a.awareness.clientID)).toMatchObject({ user: { name: 'Alice' } }));
    watcher.ticks.length = 0;

    for (let x = 1; x <= 5; x++) {
      a.awareness.setLocalStateField('cursor', { x: x * 10, y: 0.5 });
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    await eventually(() => expect(b.awareness.getStates().get(a.awareness.clientID)).toMatchObject({ user: { name: 'Alice' }, cursor: { x: 50, y: 0.5 } }));
    const moved = watcher.cursorEntries.filter((entry) => entry.clientID === a.awareness.clientID);
    expect(moved.length).toBeGreaterThanOrEqual(1);
    expect(moved.at(-1)?.cursor).toEqual({ x: 50, y: 0.5 });
    // No full state of Alice's went out for her moves.
    expect(watcher.messages.flatMap((message) => decodeAwarenessUpdate(message)).filter((entry) => entry.clientID === a.awareness.clientID)).toEqual([]);

    a.awareness.setLocalStateField('selection', ['s1']);
    await eventually(() => expect(b.awareness.getStates().get(a.awareness.clientID)).toMatchObject({ selection: ['s1'], cursor: { x: 50, y: 0.5 } }));
    expect(watcher.messages.flatMap((message) => decodeAwarenessUpdate(message)).map((entry) => entry.clientID)).toContain(a.awareness.clientID);
  });

  it("once a person stops moving, their last position is sent again reliably (a busy socket may drop cursor-only ticks)", async () => {
    const boardId = newBoardId();
    const a = await syncedPeer(server.url, boardId);
    peers.push(a);
    const watcher = await listener(boardId);
    a.awareness.setLocalState(person('Alice', 0));
    await eventually(() => expect(watcher.messages.flatMap((message) => decodeAwarenessUpdate(message)).map((entry) => entry.clientID)).toContain(a.awareness.clientID));

    for (let x = 1; x <= 3; x++) a.provider.socket.emit(CURSORS_EVENT, encodeCursorEntries([{ clientID: a.awareness.clientID, clock: a.awareness.meta.get(a.awareness.clientID)!.clock + x, cursor: { x, y: 7 } }]));
    const finalPositions = () => watcher.cursorEntries.filter((entry) => entry.clientID === a.awareness.clientID && entry.cursor?.x === 3);
    await eventually(() => expect(finalPositions()).toHaveLength(1));
    // The settle tick, CURSOR_SETTLE_MS after the last move, carries it once more; nothing else moved.
    await eventually(() => expect(finalPositions()).toHaveLength(2), 5_000);
    await new Promise((resolve) => setTimeout(resolve, CURSOR_SETTLE_MS * 2));
    expect(finalPositions()).toHaveLength(2);
  });

  it('a person who stops moving has their last position resent even while someone else keeps moving', async () => {
    const boardId = newBoardId();
    const [a, b] = [await syncedPeer(server.url, boardId), await syncedPeer(server.url, boardId)];
    peers.push(a, b);
    const watcher = await listener(boardId);
    a.awareness.setLocalState(person('Alice', 0));
    b.awareness.setLocalState(person('Bob', 0));
    const announced = () => watcher.messages.flatMap((message) => decodeAwarenessUpdate(message)).map((entry) => entry.clientID);
    await eventually(() => expect(announced()).toEqual(expect.arrayContaining([a.awareness.clientID, b.awareness.clientID])));

    const move = (peer: typeof a, step: number, x: number) =>
      peer.provider.socket.emit(CURSORS_EVENT, encodeCursorEntries([{ clientID: peer.awareness.clientID, clock: peer.awareness.meta.get(peer.awareness.clientID)!.clock + step, cursor: { x, y: 7 } }]));
    move(a, 1, 42);
    let bobStep = 0;
    const bobMoves = setInterval(() => move(b, ++bobStep, bobStep), 20);
    try {
      const alicesLast = () => watcher.cursorEntries.filter((entry) => entry.clientID === a.awareness.clientID && entry.cursor?.x === 42);
      await eventually(() => expect(alicesLast()).toHaveLength(2), 5_000);
    } finally {
      clearInterval(bobMoves);
    }
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
