import { io as connect } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { addShape, addShapes, getShapesMap, moveShapes, newShapeId, readShapes, updateShapes } from '../../lib/board/doc';
import { BoardProvider } from '../../lib/sync/board-provider';
import {
  decodeSyncMessage,
  MAX_KEY_WRITES_PER_UPDATE,
  MESSAGE_BURST,
  encodeSyncStep1,
  encodeSyncStep2FromUpdate,
  encodeSyncUpdate,
  newBoardId,
  serverFrameBytes,
  SYNC_EVENT,
  type SyncMessage,
} from '../../lib/protocol';
import { useTestServer } from './support/in-process';
import * as Y from 'yjs';
import { createPeer, eventually, type Peer, snapshotShapes, syncedPeer } from './support/peer';

const rect = (x: number, y: number) => ({ id: newShapeId(), type: 'rectangle' as const, x, y, w: 40, h: 30 });

describe('sync through a real server', () => {
  const { server, peers, sockets } = useTestServer();

  async function join(boardId: string): Promise<Peer> {
    const peer = await syncedPeer(server.url, boardId);
    peers.push(peer);
    return peer;
  }

  it('three peers converge after concurrent edits', async () => {
    const boardId = newBoardId();
    const [a, b, c] = await Promise.all([join(boardId), join(boardId), join(boardId)]);
    const shared = addShape(a!.doc, rect(0, 0));
    await eventually(() => expect(readShapes(c!.doc).shapes).toHaveLength(1));

    // Concurrently: A moves the shared shape, B recolours it, C adds two shapes.
    moveShapes(a!.doc, [shared.id], 100, 50);
    updateShapes(b!.doc, new Map([[shared.id, { stroke: '#e03131' }]]));
    addShape(c!.doc, rect(300, 300));
    addShape(c!.doc, rect(400, 300));

    await eventually(() => {
      const expected = snapshotShapes(a!);
      expect(snapshotShapes(b!)).toEqual(expected);
      expect(snapshotShapes(c!)).toEqual(expected);
      expect(readShapes(a!.doc).shapes).toHaveLength(3);
    });
    const merged = readShapes(a!.doc).shapes.find((shape) => shape.id === shared.id);
    expect(merged).toMatchObject({ x: 100, y: 50, stroke: '#e03131' });
  });

  it('a late joiner receives the full board', async () => {
    const boardId = newBoardId();
    const a = await join(boardId);
    for (let i = 0; i < 50; i++) addShape(a.doc, rect(i * 10, i * 5));
    await eventually(() => expect(a.provider.pendingUpdates).toBe(0));
    const late = await join(boardId);
    expect(snapshotShapes(late)).toEqual(snapshotShapes(a));
    expect(readShapes(late.doc).shapes).toHaveLength(50);
  });

  it('a large board syncs both ways, above the transport default of 1 MB', async () => {
    const boardId = newBoardId();
    // A peer that drew 8,000 pen strokes offline sends them all in its first sync step 2.
    const offline = createPeer(server.url, boardId, { connect: false });
    peers.push(offline);
    addShapes(
      offline.doc,
      Array.from({ length: 8_000 }, (_, i) => {
        const points = Array.from({ length: 30 }, (_, k) => (k * 7 + i) % 100);
        return { id: newShapeId(), type: 'pen' as const, x: i, y: i, w: 100, h: 100, points };
      }),
    );
    expect(Y.encodeStateAsUpdate(offline.doc).byteLength).toBeGreaterThan(1024 * 1024);
    // Drawn offline, not yet stored: pending until the server acknowledges the step 2 carrying it.
    expect(offline.provider.pendingUpdates).toBeGreaterThan(0);
    offline.provider.connect();
    await offline.provider.whenSynced();
    await eventually(() => expect(offline.provider.pendingUpdates).toBe(0), 20_000);

    // A newcomer receives it all in the server's step 2.
    const late = await join(boardId);
    expect(readShapes(late.doc).shapes).toHaveLength(8_000);
  });

  it('a newcomer applies the board as stored in one transaction that no update listener has to encode', async () => {
    const boardId = newBoardId();
    const author = await join(boardId);
    addShapes(author.doc, Array.from({ length: 50 }, (_, i) => rect(i, i)));
    await eventually(() => expect(author.provider.pendingUpdates).toBe(0));

    const doc = new Y.Doc();
    const events: string[] = [];
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.origin === provider) events.push(`applied, update listeners: ${doc._observers.has('update')}`);
    });
    const provider = new BoardProvider({
      url: server.url,
      boardId,
      doc,
      socketOptions: { forceNew: true },
      localCopy: {
        whenLoaded: Promise.resolve(),
        standAside: () => events.push('paused'),
        takeBoard: () => events.push(`resumed with ${getShapesMap(doc).size} shapes`),
        clear: () => Promise.resolve(),
        destroy: () => {},
      },
    });
    peers.push({ destroy: () => provider.destroy() });
    await provider.whenSynced();
    expect(events).toEqual(['paused', 'applied, update listeners: false', 'resumed with 50 shapes']);
    // Its own edits still go out afterwards.
    addShapes(doc, [rect(500, 500)]);
    await eventually(() => expect(getShapesMap(author.doc).size).toBe(51));
  });

  it('an update that overtakes the items it builds on waits for them instead of failing', async () => {
    const boardId = newBoardId();
    const observer = await join(boardId);
    const author = new Y.Doc();
    const updates: Uint8Array[] = [];
    author.on('update', (update: Uint8Array) => updates.push(update));
    const shape = addShape(author, rect(0, 0));
    moveShapes(author, [shape.id], 40, 40);
    const [create, move] = updates as [Uint8Array, Uint8Array];

    const raw = connect(server.url, { transports: ['websocket'], forceNew: true, auth: { boardId } });
    sockets.push(raw);
    await new Promise<void>((resolve) => raw.once('connect', () => resolve()));
    const acks: string[] = [];
    raw.emit('sync', encodeSyncUpdate(move), () => acks.push('move'));
    raw.emit('sync', encodeSyncStep2FromUpdate(create), () => acks.push('create'));
    await eventually(() => expect(acks).toEqual(['create', 'move']));
    expect(raw.connected).toBe(true);
    await eventually(() => expect(readShapes(observer.doc).shapes).toEqual([expect.objectContaining({ id: shape.id, x: 40, y: 40 })]));
  });

  it('updates are not echoed to their sender', async () => {
    const boardId = newBoardId();
    const a = await join(boardId);
    const b = await join(boardId);
    let echoed = 0;
    a.provider.socket.on('sync', () => echoed++);
    addShape(a.doc, rect(1, 1));
    await eventually(() => expect(readShapes(b.doc).shapes).toHaveLength(1));
    await eventually(() => expect(a.provider.pendingUpdates).toBe(0));
    expect(echoed).toBe(0);
  });

  it("a peer's awareness vanishes for the others within 1 s of its disconnect", async () => {
    const boardId = newBoardId();
    const a = await join(boardId);
    const b = await join(boardId);
    a.awareness.setLocalState({ user: { name: 'Alice', color: '#e03131' }, cursor: { x: 5, y: 6 }, selection: [] });
    await eventually(() => expect(b.awareness.getStates().get(a.awareness.clientID)).toMatchObject({ user: { name: 'Alice' } }));

    const disconnectedAt = Date.now();
    a.provider.disconnect();
    await eventually(() => expect(b.awareness.getStates().has(a.awareness.clientID)).toBe(false), 1_000, 10);
    expect(Date.now() - disconnectedAt).toBeLessThan(1_000);
  });

  it('a peer that reconnects sends the edits it made offline and receives the others', async () => {
    const boardId = newBoardId();
    const a = await join(boardId);
    const b = await join(boardId);
    a.provider.disconnect();
    addShape(a.doc, rect(10, 10));
    addShape(b.doc, rect(20, 20));
    a.provider.connect();
    await a.provider.whenSynced();
    await eventually(() => {
      expect(readShapes(a.doc).shapes).toHaveLength(2);
      expect(snapshotShapes(b)).toEqual(snapshotShapes(a));
    });
  });

  it("a script's loop of small edits goes out merged, as one message, within the sender's budget", async () => {
    const boardId = newBoardId();
    const a = await join(boardId);
    const b = await join(boardId);
    const statuses: string[] = [];
    a.provider.onStatus((status) => statuses.push(status));
    for (let i = 0; i < MESSAGE_BURST * 2; i++) addShape(a.doc, rect(i, i));
    await eventually(() => expect(b.doc.getMap('shapes').size).toBe(MESSAGE_BURST * 2), 10_000);
    expect(statuses).toEqual([]);
    expect(a.provider.pendingUpdates).toBe(0);
  });

  it("a script moving one shape 3,000 times in one task has its moves split under the server's cap on writes per property", async () => {
    const boardId = newBoardId();
    const a = await join(boardId);
    const b = await join(boardId);
    const refusals: string[] = [];
    a.provider.onError((error) => refusals.push(error.code));
    const shape = addShape(a.doc, rect(0, 0));
    const moves = MAX_KEY_WRITES_PER_UPDATE * 3;
    for (let i = 1; i <= moves; i++) updateShapes(a.doc, new Map([[shape.id, { x: i }]]));
    await eventually(() => expect(readShapes(b.doc).shapes.find((read) => read.id === shape.id)?.x).toBe(moves), 10_000);
    await eventually(() => expect(a.provider.pendingUpdates).toBe(0));
    expect(refusals).toEqual([]);
    expect(a.provider.status).toBe('synced');
  });

  it('a peer closed for sending too fast reconnects after a backoff, and every edit arrives', async () => {
    const boardId = newBoardId();
    const a = await join(boardId);
    const b = await join(boardId);
    const errors: string[] = [];
    a.provider.onError((error) => errors.push(error.code));
    // One message per edit: each waits for the previous one to be sent.
    for (let i = 0; i < MESSAGE_BURST + 500; i++) {
      addShape(a.doc, rect(i, i));
      await Promise.resolve();
    }
    await eventually(() => expect(errors).toContain('rate-limited'));
    await eventually(() => {
      expect(a.provider.status).toBe('synced');
      expect(b.doc.getMap('shapes').size).toBe(MESSAGE_BURST + 500);
    }, 10_000);
  });

  it('presence set right after an edit never reaches the others before the edit', async () => {
    const boardId = newBoardId();
    const a = await join(boardId);
    const b = await join(boardId);
    const early: string[] = [];
    b.awareness.on('change', () => {
      const selection = (b.awareness.getStates().get(a.awareness.clientID)?.selection ?? []) as string[];
      for (const id of selection) if (!getShapesMap(b.doc).has(id)) early.push(id);
    });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const shape = rect(i, i);
      ids.push(shape.id);
      addShape(a.doc, shape);
      a.awareness.setLocalStateField('selection', [shape.id]);
      a.provider.flushAwareness();
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    await eventually(() => expect(b.doc.getMap('shapes').size).toBe(20));
    expect(early).toEqual([]);
  });

  it('a peer refused for its own data stays offline instead of sending it again', async () => {
    const boardId = newBoardId();
    const a = await join(boardId);
    const b = await join(boardId);
    const shape = new Y.Map<unknown>();
    a.doc.transact(() => {
      getShapesMap(a.doc).set(newShapeId(), shape);
      shape.set('type', 'rectangle');
      shape.set('x', 'not a number');
    });
    await eventually(() => expect(a.provider.status).toBe('offline'));
    expect(a.provider.socket.active).toBe(false);
    expect(b.doc.getMap('shapes').size).toBe(0);
  });

  it('loads a board once however many sockets join at once', async () => {
    const boardId = newBoardId();
    const first = await join(boardId);
    addShape(first.doc, rect(0, 0));
    await eventually(() => expect(first.provider.pendingUpdates).toBe(0));
    first.provider.disconnect();
    await eventually(() => expect(server.rooms.peek(boardId)).toBeUndefined());

    const load = server.store.load.bind(server.store);
    let loads = 0;
    server.store.load = (id) => {
      if (id === boardId) loads++;
      return load(id);
    };
    try {
      const crowd = await Promise.all(Array.from({ length: 10 }, () => join(boardId)));
      expect(loads).toBe(1);
      for (const peer of crowd) expect(readShapes(peer.doc).shapes).toHaveLength(1);
    } finally {
      server.store.load = load;
    }
  });

  it('a board leaves memory after its last socket leaves', async () => {
    const boardId = newBoardId();
    const a = await join(boardId);
    addShape(a.doc, rect(0, 0));
    await eventually(() => expect(a.provider.pendingUpdates).toBe(0));
    const before = server.rooms.size;
    a.provider.disconnect();
    await eventually(() => expect(server.rooms.size).toBe(before - 1));
    const again = await join(boardId);
    expect(readShapes(again.doc).shapes).toHaveLength(1);
  });

  /** Stores a board of `count` rectangles through a peer and waits until it has left memory. */
  async function storedBoard(count: number): Promise<string> {
    const boardId = newBoardId();
    const author = await join(boardId);
    addShapes(author.doc, Array.from({ length: count }, (_, i) => rect(i, i)));
    await eventually(() => expect(author.provider.pendingUpdates).toBe(0));
    author.provider.disconnect();
    await eventually(() => expect(server.rooms.peek(boardId)).toBeUndefined());
    return boardId;
  }

  /** A raw socket that sends the step 1 of `doc` and records the sync messages it receives. */
  async function rawClient(boardId: string, doc: Y.Doc) {
    const raw = connect(server.url, { transports: ['websocket'], forceNew: true, auth: { boardId } });
    sockets.push(raw);
    const received: SyncMessage[] = [];
    raw.on(SYNC_EVENT, (frame: Uint8Array | string) => received.push(decodeSyncMessage(serverFrameBytes(frame))));
    await new Promise<void>((resolve) => raw.once('connect', () => resolve()));
    raw.emit(SYNC_EVENT, encodeSyncStep1(doc));
    return received;
  }

  it('a client with nothing is sent the board as stored, without the server re-encoding it', async () => {
    const boardId = await storedBoard(50);
    await server.store.compact(boardId);
    const stored = (await server.store.load(boardId))!;
    expect(stored.snapshot).not.toBeNull();

    const received = await rawClient(boardId, new Y.Doc());
    await eventually(() => expect(received.some((message) => message.type === 'state')).toBe(true));
    const state = received.find((message) => message.type === 'state')!;
    if (state.type !== 'state') throw new Error('unreachable');
    expect(Buffer.from(state.snapshot!).equals(Buffer.from(stored.snapshot!))).toBe(true);
    const doc = new Y.Doc();
    Y.applyUpdateV2(doc, state.snapshot!);
    for (const update of state.updates) Y.applyUpdate(doc, update);
    expect(readShapes(doc).shapes).toHaveLength(50);
  });

  it('a client that has part of the board is answered with a step 2, not the whole board', async () => {
    const boardId = await storedBoard(5);
    const partial = new Y.Doc();
    addShape(partial, rect(9, 9));
    const received = await rawClient(boardId, partial);
    await eventually(() => expect(received.map((message) => message.type)).toContain('step2'));
    expect(received.map((message) => message.type)).not.toContain('state');
  });

  it('edits made while a board loads reach the clients that were sent it as stored', async () => {
    const boardId = await storedBoard(200);
    const [a, b] = await Promise.all([join(boardId), join(boardId)]);
    addShape(a.doc, rect(500, 500));
    addShape(b.doc, rect(600, 600));
    await eventually(() => {
      expect(readShapes(a.doc).shapes).toHaveLength(202);
      expect(snapshotShapes(b)).toEqual(snapshotShapes(a));
    });
  });
});
