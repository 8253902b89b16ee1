/**
 * ClientSession against a real room manager on a real LevelDB store, with a channel that records
 * what the session sends: the per-connection edit permission that access rules set.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addShape, getShapesMap } from '../../lib/board/doc';
import { encodeAwarenessEntries, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate, newBoardId, type ProtocolErrorCode } from '../../lib/protocol';
import { createLogger } from '../log';
import { RoomManager } from '../rooms/room-manager';
import { LevelDocStore } from '../store/level-store';
import { type ClientChannel, ClientSession, READ_ONLY_REASON } from '../sync/client-session';
import { eventually } from './support/peer';

let dir: string;
let store: LevelDocStore;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tabula-session-'));
  store = await LevelDocStore.open(dir);
});

afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function recordingChannel(id: string, canEdit: boolean) {
  const sent: Uint8Array[] = [];
  const closed: Array<{ code: ProtocolErrorCode; message: string }> = [];
  const channel: ClientChannel = {
    id,
    transport: 'yjs',
    canEdit,
    acceptsBoardState: false,
    joinBroadcasts: () => undefined,
    sendSync: (message) => sent.push(message),
    drained: () => Promise.resolve(),
    sendAwareness: () => undefined,
    close: (code, message) => closed.push({ code, message }),
  };
  return { channel, sent, closed };
}

const shapeUpdate = (id: string) => {
  const doc = new Y.Doc();
  addShape(doc, { id, type: 'rectangle', x: 0, y: 0, w: 10, h: 10 });
  return Y.encodeStateAsUpdate(doc);
};

describe('a connection that may not edit', () => {
  it('has its step 2 and updates refused with a reason, stays connected, and its presence goes through', async () => {
    const rooms = new RoomManager({ store, transport: { broadcastTick: () => undefined, closeBoard: () => undefined }, log: createLogger('silent'), idleUnloadMs: 0, compactAfterUpdates: 1_000, openCompaction: { afterUpdates: 1_000_000, afterBytes: 1_073_741_824 }, autoVersions: { everyMs: 0, minUpdates: 1_000_000 } });
    const boardId = newBoardId();
    const viewer = recordingChannel('viewer', false);
    const editor = recordingChannel('editor', true);
    const viewerSession = new ClientSession(boardId, viewer.channel, rooms, createLogger('silent'));
    const editorSession = new ClientSession(boardId, editor.channel, rooms, createLogger('silent'));

    const acks: unknown[] = [];
    viewerSession.receive({ type: 'sync', payload: encodeSyncStep1(new Y.Doc()) });
    viewerSession.receive({ type: 'sync', payload: encodeSyncStep2(withShape('s2')) });
    viewerSession.receive({ type: 'sync', payload: encodeSyncUpdate(shapeUpdate('u1')), ack: (result) => acks.push(result) });
    viewerSession.receive({ type: 'awareness', payload: encodeAwarenessEntries([{ clientID: 7, clock: 1, state: { user: { name: 'Vi', color: '#1971c2' } } }]) });
    editorSession.receive({ type: 'sync', payload: encodeSyncUpdate(shapeUpdate('e1')), ack: (result) => acks.push(result) });

    await eventually(() => expect(acks).toHaveLength(2));
    expect(acks).toContainEqual({ ok: false, error: READ_ONLY_REASON });
    expect(acks).toContainEqual({ ok: true });
    const room = rooms.peek(boardId)!;
    await eventually(() => expect(room.awareness.getStates().get(7)).toMatchObject({ user: { name: 'Vi' } }));
    expect([...getShapesMap(room.doc).keys()]).toEqual(['e1']);
    expect(viewer.closed).toEqual([]);
    expect(viewerSession.state).not.toBe('closed');
    viewerSession.leave('test over');
    editorSession.leave('test over');
    await rooms.closeAll();
  });
});

function withShape(id: string): Y.Doc {
  const doc = new Y.Doc();
  addShape(doc, { id, type: 'rectangle', x: 0, y: 0, w: 10, h: 10 });
  return doc;
}
