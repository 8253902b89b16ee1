/**
 * A Room against a real LevelDB store: how it applies, stores and relays what sockets send, and
 * how it fans presence out, seen from its transport.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addShape, getShapesMap } from '../../lib/board/doc';
import { type BoardState, decodeAwarenessUpdate, decodeCursorEntries, encodeCursorEntries, newBoardId } from '../../lib/protocol';
import type { PresenceBatch } from '../rooms/fan-out';
import { Room, type RoomTransport } from '../rooms/room';
import { RoomManager } from '../rooms/room-manager';
import { createLogger } from '../log';
import { InvalidUpdateError } from '../security/update-validator';
import { LevelDocStore } from '../store/level-store';

/** The updates a client doc produces, as the server would receive them. */
function clientEdits(edit: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  edit(doc);
  return Y.mergeUpdates(updates);
}

function recordingTransport() {
  const updates: { update: Uint8Array; except: string | null }[] = [];
  const presence: PresenceBatch[] = [];
  const transport: RoomTransport = {
    broadcastTick(_board, tick) {
      if (tick.update) updates.push({ update: tick.update, except: tick.updateSender });
      if (tick.presence) presence.push(tick.presence);
    },
    closeBoard: () => undefined,
  };
  return { transport, updates, presence };
}

const settle = (ms = 60) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Room', () => {
  let dir: string;
  let store: LevelDocStore;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tabula-room-'));
    store = await LevelDocStore.open(dir);
  });
  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('applies the updates of one turn together: one stored update, one relay; an invalid one is refused alone', async () => {
    const boardId = newBoardId();
    const { transport, updates } = recordingTransport();
    const room = new Room(boardId, store, transport, null);
    const fromAlice = clientEdits((doc) => addShape(doc, { id: 'a1', type: 'rectangle', x: 0, y: 0, w: 10, h: 10 }));
    const fromBob = clientEdits((doc) => addShape(doc, { id: 'b1', type: 'ellipse', x: 5, y: 5, w: 10, h: 10 }));
    const fromMallory = clientEdits((doc) => doc.getMap('secrets').set('k', 1));

    const results = await Promise.allSettled([room.applyUpdate(fromAlice, 'alice'), room.applyUpdate(fromMallory, 'mallory'), room.applyUpdate(fromBob, 'bob')]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(InvalidUpdateError);

    expect([...getShapesMap(room.doc).keys()].sort()).toEqual(['a1', 'b1']);
    expect(room.doc.share.has('secrets')).toBe(false);
    const stored = await store.load(boardId);
    expect(stored?.updates).toHaveLength(1);
    await settle();
    // Alice's and Bob's edits went out once, to everyone: both need the other's.
    expect(updates).toHaveLength(1);
    expect(updates[0]!.except).toBeNull();
    const received = new Y.Doc();
    Y.applyUpdate(received, updates[0]!.update);
    expect([...getShapesMap(received).keys()].sort()).toEqual(['a1', 'b1']);
    room.destroy();
  });

  it("relays one socket's updates to everyone but that socket", async () => {
    const { transport, updates } = recordingTransport();
    const room = new Room(newBoardId(), store, transport, null);
    await room.applyUpdate(clientEdits((doc) => addShape(doc, { id: 'c1', type: 'rectangle', x: 0, y: 0, w: 1, h: 1 })), 'carol');
    await settle();
    expect(updates.map((each) => each.except)).toEqual(['carol']);
    room.destroy();
  });

  it("sends moves of the cursor alone as cursor entries, other changes as full states, and only a socket's own clients move", async () => {
    const { transport, presence } = recordingTransport();
    const room = new Room(newBoardId(), store, transport, null);
    const person = (name: string, x: number) => ({ user: { name, color: '#1971c2' }, cursor: { x, y: 0 }, selection: [] });
    room.applyAwareness([{ clientID: 1, clock: 1, state: person('Ada', 0) }], 'ada');
    room.applyAwareness([{ clientID: 2, clock: 1, state: person('Bo', 0) }], 'bo');
    await settle();
    const arrivals = presence.splice(0);
    expect(arrivals.flatMap((batch) => (batch.full ? decodeAwarenessUpdate(batch.full).map((entry) => entry.clientID) : [])).sort()).toEqual([1, 2]);

    // Ada moves; Bo tries to move Ada's cursor (dropped); Bo changes his selection.
    expect(room.applyCursors(decodeCursorEntries(encodeCursorEntries([{ clientID: 1, clock: 2, cursor: { x: 40, y: 2 } }])), 'ada')).toEqual({ dropped: 0 });
    expect(room.applyCursors([{ clientID: 1, clock: 50, cursor: { x: 666, y: 666 } }], 'bo')).toEqual({ dropped: 1 });
    room.applyAwareness([{ clientID: 2, clock: 2, state: { ...person('Bo', 0), selection: ['s1'] } }], 'bo');
    await settle();
    const batches = presence.splice(0);
    const cursors = batches.flatMap((batch) => (batch.cursors ? decodeCursorEntries(batch.cursors) : []));
    const full = batches.flatMap((batch) => (batch.full ? decodeAwarenessUpdate(batch.full) : []));
    expect(cursors).toEqual([{ clientID: 1, clock: 2, cursor: { x: 40, y: 2 } }]);
    expect(full.map((entry) => entry.clientID)).toEqual([2]);
    expect(full[0]!.state).toMatchObject({ selection: ['s1'] });
    // Clients that speak only y-protocols get both as one standard update.
    const standard = batches.flatMap((batch) => batch.standard().flatMap((message) => decodeAwarenessUpdate(message)));
    expect(standard.map((entry) => [entry.clientID, (entry.state as { cursor: unknown }).cursor])).toEqual(
      expect.arrayContaining([
        [1, { x: 40, y: 2 }],
        [2, { x: 0, y: 0 }],
      ]),
    );
    expect(room.awareness.getStates().get(1)).toMatchObject({ user: { name: 'Ada' }, cursor: { x: 40, y: 2 } });
    room.destroy();
  });

  it("hands a client id to another socket only once its owner is gone (a browser that reconnected before its old socket dropped)", async () => {
    const { transport } = recordingTransport();
    const room = new Room(newBoardId(), store, transport, null);
    const ada = (name: string) => ({ user: { name, color: '#1971c2' } });
    room.applyAwareness([{ clientID: 1, clock: 1, state: ada('Ada') }], 'old-socket');
    // The claim from the new socket, with a newer clock, changes nothing while the owner is there...
    expect(room.applyAwareness([{ clientID: 1, clock: 5, state: ada('Ada again') }], 'new-socket')).toEqual({ dropped: 1 });
    expect(room.awareness.getStates().get(1)).toMatchObject(ada('Ada'));
    expect(room.applyCursors([{ clientID: 1, clock: 6, cursor: { x: 1, y: 1 } }], 'new-socket')).toEqual({ dropped: 1 });
    // ...and takes effect when the owner goes: the new socket owns the id from then on.
    room.removeSocket('old-socket');
    expect(room.awareness.getStates().get(1)).toMatchObject(ada('Ada again'));
    expect(room.applyCursors([{ clientID: 1, clock: 20, cursor: { x: 2, y: 2 } }], 'new-socket')).toEqual({ dropped: 0 });
    room.destroy();
  });

  it('sends a departure as a full state', async () => {
    const { transport, presence } = recordingTransport();
    const room = new Room(newBoardId(), store, transport, null);
    room.sockets.add('ada');
    room.applyAwareness([{ clientID: 1, clock: 1, state: { user: { name: 'Ada', color: '#1971c2' } } }], 'ada');
    await settle();
    presence.length = 0;
    room.removeSocket('ada');
    await settle();
    expect(presence.flatMap((batch) => (batch.full ? decodeAwarenessUpdate(batch.full) : []))).toMatchObject([{ clientID: 1, state: null }]);
    room.destroy();
  });

  it("decodes a board being loaded only once a joined client's answer from the store has drained", async () => {
    const boardId = newBoardId();
    await store.append(boardId, clientEdits((doc) => addShape(doc, { id: 'r1', type: 'rectangle', x: 0, y: 0, w: 10, h: 10 })));
    const { transport } = recordingTransport();
    const rooms = new RoomManager({ store, transport, log: createLogger('silent'), idleUnloadMs: 0, compactAfterUpdates: 1_000, openCompaction: { afterUpdates: 1_000_000, afterBytes: 1_073_741_824 }, autoVersions: { everyMs: 0, minUpdates: 1_000_000 } });
    const opening = rooms.join(boardId, 'ada', true);

    // The stored form is there for the client while the board is not decoded yet...
    let answer!: () => void;
    const drained = new Promise<void>((resolve) => (answer = resolve));
    let sent: BoardState | null = null;
    expect(await opening.answerFromStore((state) => ((sent = state), drained))).toBe(true);
    expect(sent!.updates).toHaveLength(1);
    await settle(30);
    expect(rooms.peek(boardId)).toBeUndefined();
    // ...and once the answer has drained, the board is decoded and the client is in.
    answer();
    const room = await opening.room;
    expect(rooms.peek(boardId)).toBe(room);
    expect([...getShapesMap(room.doc).keys()]).toEqual(['r1']);
    await rooms.closeAll();
  });
});
