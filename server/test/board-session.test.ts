/**
 * BoardSession (lib/collab), the board as a browser page runs it, against a real Tabula server:
 * presence, follow mode, live previews, the local copy, refusals and chat travel through real
 * sockets, the server's validation and its ticks.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addShapes, getShapesMap, newShapeId, readShapes } from '../../lib/board/doc';
import { BoardSession, type BoardSessionOptions } from '../../lib/collab/board-session';
import type { PointerSample } from '../../lib/editor/gesture';
import { MAX_SHARED_SELECTION } from '../../lib/presence/schema';
import { CURSORS_EVENT, encodeCursorEntries, MAX_UPDATE_BYTES, MESSAGE_BURST, newBoardId, type ProtocolError } from '../../lib/protocol';
import { BoardProvider } from '../../lib/sync/board-provider';
import type { LocalCopy } from '../../lib/sync/local-copy';
import { useTestServer } from './support/in-process';
import { eventually, syncedPeer, withTimeout } from './support/peer';
import { translate } from '../../lib/i18n';

const at = (x: number, y: number): PointerSample => ({ point: { x, y }, pressure: 0.5, shift: false });

describe('BoardSession through a real server', () => {
  const { server, closers, peers } = useTestServer();

  interface Person {
    session: BoardSession;
    /** Its connection, as the session made it. */
    provider: () => BoardProvider;
    stop: () => void;
  }

  function person(boardId: string, name: string, extra: Partial<BoardSessionOptions> = {}): Person {
    let provider: BoardProvider | null = null;
    const session = new BoardSession({
      url: server.url,
      boardId,
      identity: { userId: `user-${name}`, name },
      provider: (options) => {
        provider = new BoardProvider({ ...options, socketOptions: { forceNew: true, reconnectionDelay: 50, reconnectionDelayMax: 200 } });
        return provider;
      },
      ...extra,
    });
    const stop = session.start();
    session.setCanvasSize({ width: 1000, height: 800 });
    let stopped = false;
    const close = () => {
      if (stopped) return;
      stopped = true;
      stop();
      session.destroy();
    };
    closers.push({ destroy: close });
    return { session, provider: () => provider!, stop: close };
  }

  async function synced(...people: Person[]): Promise<void> {
    await withTimeout(Promise.all(people.map((p) => p.session.whenSynced())), 10_000, 'a session did not sync');
    await eventually(() => {
      for (const p of people) expect(p.session.getRoster()).toHaveLength(people.length);
    });
  }

  const names = (p: Person) => p.session.getRoster().map((peer) => peer.name);
  const texts = (p: Person) => p.session.notices.getNotices().map((notice) => `${notice.kind}: ${translate('en', notice.text)}`);
  const remote = (p: Person, name: string) => p.session.getRemotePeers().find((peer) => peer.name === name);

  it('packs points stored as lists once synced, after the task that applied the board (its first paint goes first)', async () => {
    const boardId = newBoardId();
    const author = await syncedPeer(server.url, boardId);
    peers.push(author);
    // A line stored before points were packed: its points a list of numbers.
    const [line] = addShapes(author.doc, [{ id: newShapeId(), type: 'line' as const, x: 0, y: 0, w: 10, h: 10, points: [0, 0, 10, 10] }]);
    author.doc.transact(() => getShapesMap(author.doc).get(line!.id)!.set('points', [0, 0, 10, 10]));
    await eventually(() => expect(author.provider.pendingUpdates).toBe(0));
    const stored = () => getShapesMap(author.doc).get(line!.id)?.get('points');
    expect(stored()).toEqual([0, 0, 10, 10]);

    const a = person(boardId, 'Ada');
    await withTimeout(a.session.whenSynced(), 10_000, 'the session did not sync');
    // Not in the task that applied the board: its first paint goes first.
    expect(getShapesMap(a.session.doc).get(line!.id)?.get('points')).toEqual([0, 0, 10, 10]);
    await eventually(() => expect(typeof stored()).toBe('string'));
  });

  it('lists everyone, oneself first, and follows renames', async () => {
    const boardId = newBoardId();
    const [a, b] = [person(boardId, 'Ada'), person(boardId, 'Bob')];
    await synced(a, b);
    expect(a.session.getRoster().map((peer) => [peer.name, peer.isSelf])).toEqual([['Ada', true], ['Bob', false]]);
    b.session.setName('Robert');
    await eventually(() => expect(names(a)).toEqual(['Ada', 'Robert']));
  });

  it('announces arrivals and departures, but not the people already there nor its own disconnection', async () => {
    const boardId = newBoardId();
    const a = person(boardId, 'Ada');
    await synced(a);
    const b = person(boardId, 'Bob');
    await synced(a, b);
    await eventually(() => expect(texts(a)).toEqual(['presence: Bob joined']));
    expect(texts(b)).toEqual([]);
    b.stop();
    await eventually(() => expect(texts(a)).toEqual(['presence: Bob joined', 'presence: Bob left']));
    a.session.setNetworkOnline(false);
    expect(a.session.getConnection()).toBe('Offline');
    expect(texts(a)).toEqual(['presence: Bob joined', 'presence: Bob left']);
  });

  it('shows cursors of others only while over the canvas, and sends nothing for a pointer that stays put', async () => {
    const boardId = newBoardId();
    const [a, b] = [person(boardId, 'Ada'), person(boardId, 'Bob')];
    await synced(a, b);
    const sent: string[] = [];
    a.provider().socket.onAnyOutgoing((event: string) => sent.push(event));
    a.session.setCursor({ x: 10.04, y: 20 });
    await eventually(() => expect(b.session.getCursorPeers().map((peer) => [peer.name, peer.cursor])).toEqual([['Ada', { x: 10, y: 20 }]]));
    a.provider().flushAwareness();
    const before = sent.length;
    a.session.setCursor({ x: 10.01, y: 20 });
    a.provider().flushAwareness();
    expect(sent).toHaveLength(before);
    a.session.setCursor({ x: 30, y: 40 });
    a.provider().flushAwareness();
    expect(sent.length).toBeGreaterThan(before);
    a.session.setCursor(null);
    await eventually(() => expect(b.session.getCursorPeers()).toEqual([]));
  });

  it('marks a person idle after a while without input, and active again on input', async () => {
    const boardId = newBoardId();
    const [a, b] = [person(boardId, 'Ada', { idleAfterMs: 400 }), person(boardId, 'Bob')];
    await synced(a, b);
    await eventually(() => expect(remote(b, 'Ada')?.idle).toBe(true));
    a.session.activity();
    await eventually(() => expect(remote(b, 'Ada')?.idle).toBe(false));
    await eventually(() => expect(remote(b, 'Ada')?.idle).toBe(true));
  });

  it('follow mode tracks the leader until the follower pans, and a view is published only while followed', async () => {
    const boardId = newBoardId();
    const [a, b] = [person(boardId, 'Ada'), person(boardId, 'Bob')];
    await synced(a, b);
    const ada = remote(b, 'Ada')!;
    expect(ada.view).toBeNull();
    a.session.editor.setViewport({ x: 100, y: 50, zoom: 2 });
    b.session.follow(ada.clientId);
    expect(b.session.getFollowing()).toMatchObject({ name: 'Ada' });
    await eventually(() => expect(b.session.editor.viewport).toEqual({ x: 100, y: 50, zoom: 2 }));
    a.session.editor.setViewport({ x: 300, y: 50, zoom: 2 });
    await eventually(() => expect(b.session.editor.viewport).toEqual({ x: 300, y: 50, zoom: 2 }));

    b.session.editor.setViewport({ x: 0, y: 0, zoom: 1 });
    expect(b.session.getFollowing()).toBeNull();
    // Nobody follows Ada any more: her view is withdrawn, and her moves no longer move Bob's.
    await eventually(() => expect(remote(b, 'Ada')?.view).toBeNull());
    a.session.editor.setViewport({ x: 500, y: 50, zoom: 2 });
    a.session.setCursor({ x: 1, y: 1 });
    await eventually(() => expect(remote(b, 'Ada')?.cursor).toEqual({ x: 1, y: 1 }));
    expect(b.session.editor.viewport).toEqual({ x: 0, y: 0, zoom: 1 });
  });

  it('stops following when the leader leaves or on request, and never follows oneself', async () => {
    const boardId = newBoardId();
    const [a, b] = [person(boardId, 'Ada'), person(boardId, 'Bob')];
    await synced(a, b);
    b.session.follow(b.session.getRoster()[0]!.clientId);
    expect(b.session.getFollowing()).toBeNull();
    const ada = remote(b, 'Ada')!;
    b.session.follow(ada.clientId);
    b.session.stopFollowing();
    expect(b.session.getFollowing()).toBeNull();
    b.session.follow(ada.clientId);
    expect(b.session.getFollowing()).not.toBeNull();
    a.stop();
    await eventually(() => expect(b.session.getFollowing()).toBeNull());
  });

  it('shares the first selected shapes only, so that select all on a large board fits a presence message', async () => {
    const boardId = newBoardId();
    const [a, b] = [person(boardId, 'Ada'), person(boardId, 'Bob')];
    await synced(a, b);
    const shapes = Array.from({ length: 3000 }, (_, i) => ({ id: `s${i}`, type: 'rectangle' as const, x: i, y: 0, w: 5, h: 5 }));
    addShapes(a.session.doc, shapes);
    a.session.editor.selectAll();
    expect(a.session.editor.getState().selection).toHaveLength(3000);
    await eventually(() => expect(remote(b, 'Ada')?.selection).toEqual(a.session.editor.getState().selection.slice(0, MAX_SHARED_SELECTION)));
  });

  it('shows a stroke in progress to others, then commits it once', async () => {
    const boardId = newBoardId();
    const [a, b] = [person(boardId, 'Ada'), person(boardId, 'Bob')];
    await synced(a, b);
    const editor = a.session.editor;
    editor.setTool('pen');
    editor.pointerDown(at(0, 0));
    editor.pointerMove(at(10, 10));
    await eventually(() => expect(remote(b, 'Ada')?.preview).toMatchObject({ kind: 'draw', shape: { type: 'pen' } }));
    for (let i = 3; i <= 20; i++) editor.pointerMove(at(i * 5, i * 5));
    await eventually(() => expect((remote(b, 'Ada')?.preview as { shape: { points: number[] } }).shape.points).toHaveLength(60));
    expect(readShapes(b.session.doc).shapes).toEqual([]);
    editor.pointerUp(at(100, 100));
    await eventually(() => {
      expect(remote(b, 'Ada')?.preview).toBeNull();
      expect(readShapes(b.session.doc).shapes).toHaveLength(1);
    });
  });

  it('hides a shape another person drags and shows it at their position', async () => {
    const boardId = newBoardId();
    const [a, b] = [person(boardId, 'Ada'), person(boardId, 'Bob')];
    await synced(a, b);
    const editor = a.session.editor;
    editor.setTool('rectangle');
    editor.pointerDown(at(0, 0));
    editor.pointerMove(at(50, 50));
    editor.pointerUp(at(50, 50));
    await eventually(() => expect(readShapes(b.session.doc).shapes).toHaveLength(1));
    const id = readShapes(b.session.doc).shapes[0]!.id;
    editor.setTool('select');
    editor.pointerDown(at(25, 0));
    editor.pointerMove(at(125, 0));
    await eventually(() => {
      expect(b.session.editor.hiddenIds.has(id)).toBe(true);
      expect(remote(b, 'Ada')?.preview).toEqual({ kind: 'edit', shapes: [{ id, x: 100, y: 0 }] });
    });
    editor.pointerUp(at(125, 0));
    await eventually(() => {
      expect(b.session.editor.hiddenIds.size).toBe(0);
      expect(readShapes(b.session.doc).shapes[0]).toMatchObject({ x: 100 });
    });
  });

  it("connects while the local copy loads, takes the server's board meanwhile, and answers with the copy so that a board drawn offline goes in the first sync", async () => {
    const boardId = newBoardId();
    const b = await syncedPeer(server.url, boardId);
    peers.push(b);
    addShapes(b.doc, [0, 50].map((x) => ({ id: newShapeId(), type: 'rectangle' as const, x, y: 0, w: 40, h: 30 })));
    await eventually(() => expect(b.provider.pendingUpdates).toBe(0));
    // More than one update may carry: only the first sync exchange (step 2) takes it whole.
    const offline = new Y.Doc();
    const text = 'x'.repeat(9_000);
    addShapes(offline, Array.from({ length: 600 }, (_, i) => ({ id: newShapeId(), type: 'text' as const, x: i, y: 0, w: 10, h: 10, text, fontSize: 20 })));
    const stored = Y.encodeStateAsUpdate(offline);
    expect(stored.byteLength).toBeGreaterThan(MAX_UPDATE_BYTES);

    let load!: () => void;
    const copy = (doc: Y.Doc): LocalCopy => ({
      whenLoaded: new Promise<void>((resolve) => {
        load = () => {
          Y.applyUpdate(doc, stored, 'indexeddb');
          resolve();
        };
      }),
      standAside: () => {},
      takeBoard: () => {},
      clear: () => Promise.resolve(),
      destroy: () => {},
    });
    const a = person(boardId, 'Ada', { localCopy: (_id, doc) => copy(doc) });
    await withTimeout(a.session.whenSynced(), 20_000, 'the session did not sync before its copy loaded');
    expect(getShapesMap(a.session.doc).size).toBe(2);
    // Its answer to the server waits for the copy: nothing of it has gone yet.
    expect(a.provider().pendingUpdates).toBe(0);
    expect(getShapesMap(b.doc).size).toBe(2);
    load();
    await eventually(() => expect(getShapesMap(b.doc).size).toBe(602), 20_000);
    await eventually(() => expect(a.provider().pendingUpdates).toBe(0));
    expect(texts(a)).toEqual([]);
  });

  it('stays disconnected when it is stopped before the local copy has loaded', async () => {
    let load!: () => void;
    const copy: LocalCopy = {
      whenLoaded: new Promise<void>((resolve) => (load = resolve)),
      standAside: () => {},
      takeBoard: () => {},
      clear: () => Promise.resolve(),
      destroy: () => {},
    };
    const a = person(newBoardId(), 'Ada', { localCopy: () => copy });
    const provider = a.provider();
    a.stop();
    load();
    // The load's continuations run before the next task.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(provider.socket.active).toBe(false);
  });

  it("tells the person when the server refused this browser's change, but not for a passing failure", async () => {
    const boardId = newBoardId();
    const a = person(boardId, 'Ada');
    await synced(a);
    const errors: ProtocolError[] = [];
    a.provider().onError((error) => errors.push(error));

    // A flood is refused for now: the provider reconnects and nothing is said.
    const move = encodeCursorEntries([{ clientID: 12345, clock: 1, cursor: { x: 1, y: 1 } }]);
    for (let i = 0; i < MESSAGE_BURST + 100; i++) a.provider().socket.emit(CURSORS_EVENT, move);
    await eventually(() => expect(errors.map((error) => error.code)).toEqual(['rate-limited']));
    await eventually(() => expect(a.provider().synced).toBe(true));
    expect(texts(a)).toEqual([]);

    // A change the server will never take (a shape that breaks the schema) ends the connection.
    const shape = new Y.Map<unknown>();
    getShapesMap(a.session.doc).set(newShapeId(), shape);
    shape.set('type', 'rectangle');
    shape.set('x', 'not a number');
    await eventually(() => expect(texts(a)).toEqual([expect.stringMatching(/^error: Disconnected: the server refused a change from this browser \(.+\)$/)]));
    await eventually(() => expect(a.session.getConnection()).toBe('Offline'));
  });

  it('keeps the chat read marker, counting the history of a first visit as read', async () => {
    const boardId = newBoardId();
    const a = person(boardId, 'Ada');
    await synced(a);
    a.session.chat.send({ id: a.session.userId, name: 'Ada', color: '#e03131' }, 'before Bob came');
    const items = new Map<string, string>();
    const storage = { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k) };
    const b = person(boardId, 'Bob', { storage });
    await synced(a, b);
    expect(b.session.chat.getMessages().map((message) => message.text)).toEqual(['before Bob came']);
    expect(b.session.chat.unreadCount(b.session.userId)).toBe(0);
    a.session.chat.send({ id: a.session.userId, name: 'Ada', color: '#e03131' }, 'hello Bob');
    await eventually(() => expect(b.session.chat.unreadCount(b.session.userId)).toBe(1));
    // A reconnection does not mark anything read.
    b.session.setNetworkOnline(false);
    b.session.setNetworkOnline(true);
    await withTimeout(b.session.whenSynced(), 10_000, 'Bob did not sync again');
    expect(b.session.chat.unreadCount(b.session.userId)).toBe(1);
    b.session.chat.markAllRead();
    expect(items.get(`tabula:chat-read:${boardId}`)).toBe(b.session.chat.getMessages()[1]!.id);
  });
});
