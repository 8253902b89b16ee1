import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addShapes, readShapes } from '../board/doc';
import { MAX_SHARED_SELECTION } from '../presence/schema';
import type { PointerSample } from '../editor/gesture';
import { BoardSession, type LocalStore } from './board-session';
import { IDLE_AFTER_MS } from './idle';
import { FakeHub } from './test/fake-hub';

const at = (x: number, y: number): PointerSample => ({ point: { x, y }, pressure: 0.5, shift: false });
const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function person(hub: FakeHub, name: string, extra: Partial<ConstructorParameters<typeof BoardSession>[0]> = {}) {
  const session = new BoardSession({
    url: 'http://test',
    boardId: 'board',
    identity: { userId: `user-${name}`, name },
    provider: hub.factory,
    ...extra,
  });
  const stop = session.start();
  session.setCanvasSize({ width: 1000, height: 800 });
  return { session, stop };
}

describe('BoardSession presence', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('lists everyone, oneself first, and follows renames at once', () => {
    const hub = new FakeHub();
    const a = person(hub, 'Ada');
    const b = person(hub, 'Bob');
    expect(a.session.getRoster().map((p) => [p.name, p.isSelf])).toEqual([['Ada', true], ['Bob', false]]);
    b.session.setName('Robert');
    expect(a.session.getRoster().map((p) => p.name)).toEqual(['Ada', 'Robert']);
  });

  it('announces arrivals and departures, but not the people already there', async () => {
    const hub = new FakeHub();
    const a = person(hub, 'Ada');
    const b = person(hub, 'Bob');
    expect(b.session.getNotices()).toEqual([]);
    expect(a.session.getNotices().map((n) => n.text)).toEqual(['Bob joined']);
    b.stop();
    expect(a.session.getNotices().map((n) => n.text)).toEqual(['Bob joined', 'Bob left']);
    // Losing one's own connection is not everyone leaving.
    const c = person(hub, 'Cy');
    const before = c.session.getNotices().length;
    c.session.setNetworkOnline(false);
    expect(c.session.getNotices().length).toBe(before);
    expect(c.session.getConnection()).toBe('Offline');
    await flush();
  });

  it('shows cursors of others only while over the canvas, without re-sending a still pointer', () => {
    const hub = new FakeHub();
    const a = person(hub, 'Ada');
    const b = person(hub, 'Bob');
    a.session.setCursor({ x: 10.04, y: 20 });
    expect(b.session.getCursorPeers().map((p) => [p.name, p.cursor])).toEqual([['Ada', { x: 10, y: 20 }]]);
    const sent = hub.awarenessMessages;
    a.session.setCursor({ x: 10.01, y: 20 });
    expect(hub.awarenessMessages).toBe(sent);
    a.session.setCursor(null);
    expect(b.session.getCursorPeers()).toEqual([]);
  });

  it('marks a person idle after a minute without input', () => {
    const hub = new FakeHub();
    const a = person(hub, 'Ada');
    const b = person(hub, 'Bob');
    vi.advanceTimersByTime(IDLE_AFTER_MS - 1000);
    a.session.activity();
    vi.advanceTimersByTime(IDLE_AFTER_MS - 1);
    expect(b.session.getRoster().find((p) => p.name === 'Ada')?.idle).toBe(false);
    vi.advanceTimersByTime(1);
    expect(b.session.getRoster().find((p) => p.name === 'Ada')?.idle).toBe(true);
    a.session.activity();
    expect(b.session.getRoster().find((p) => p.name === 'Ada')?.idle).toBe(false);
  });
});

describe('BoardSession follow mode', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('tracks the leader until the follower pans, and publishes a view only while followed', async () => {
    const hub = new FakeHub();
    const a = person(hub, 'Ada');
    const b = person(hub, 'Bob');
    const ada = b.session.getRoster().find((p) => p.name === 'Ada')!;
    expect(ada.view).toBeNull();
    a.session.editor.setViewport({ x: 100, y: 50, zoom: 2 });

    b.session.follow(ada.clientId);
    await flush();
    expect(b.session.getFollowing()).toMatchObject({ name: 'Ada' });
    expect(b.session.editor.viewport).toEqual({ x: 100, y: 50, zoom: 2 });

    a.session.editor.setViewport({ x: 300, y: 50, zoom: 2 });
    vi.advanceTimersByTime(50);
    await flush();
    expect(b.session.editor.viewport).toEqual({ x: 300, y: 50, zoom: 2 });

    b.session.editor.setViewport({ x: 0, y: 0, zoom: 1 });
    expect(b.session.getFollowing()).toBeNull();
    await flush();
    a.session.editor.setViewport({ x: 500, y: 50, zoom: 2 });
    await flush();
    expect(b.session.editor.viewport).toEqual({ x: 0, y: 0, zoom: 1 });
    // Nobody follows Ada any more: her view is no longer published.
    expect(b.session.peer(ada.clientId)?.view).toBeNull();
  });

  it('stops when the leader leaves or on request, and never follows oneself', async () => {
    const hub = new FakeHub();
    const a = person(hub, 'Ada');
    const b = person(hub, 'Bob');
    const self = b.session.getRoster()[0]!;
    b.session.follow(self.clientId);
    expect(b.session.getFollowing()).toBeNull();
    const ada = b.session.getRoster().find((p) => p.name === 'Ada')!;
    b.session.follow(ada.clientId);
    b.session.stopFollowing();
    expect(b.session.getFollowing()).toBeNull();
    b.session.follow(ada.clientId);
    a.stop();
    await flush();
    expect(b.session.getFollowing()).toBeNull();
  });
});

describe('BoardSession shared selection', () => {
  it('shares the first selected shapes only, so that select all on a large board fits a presence message', () => {
    const hub = new FakeHub();
    const a = person(hub, 'Ada');
    const b = person(hub, 'Bob');
    const shapes = Array.from({ length: 3000 }, (_, i) => ({ id: `s${i}`, type: 'rectangle' as const, x: i, y: 0, w: 5, h: 5 }));
    addShapes(a.session.doc, shapes);
    a.session.editor.selectAll();
    expect(a.session.editor.getState().selection).toHaveLength(3000);
    const seen = b.session.getRemotePeers()[0]!.selection;
    expect(seen).toHaveLength(MAX_SHARED_SELECTION);
    expect(seen).toEqual(a.session.editor.getState().selection.slice(0, MAX_SHARED_SELECTION));
  });
});

describe('BoardSession live previews', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('shows a stroke in progress to others, then commits it once', () => {
    const hub = new FakeHub();
    const a = person(hub, 'Ada');
    const b = person(hub, 'Bob');
    const ada = () => b.session.getRemotePeers()[0]!;
    a.session.editor.setTool('pen');
    a.session.editor.pointerDown(at(0, 0));
    a.session.editor.pointerMove(at(10, 10));
    expect(ada().preview).toMatchObject({ kind: 'draw', shape: { type: 'pen' } });
    for (let i = 3; i <= 20; i++) a.session.editor.pointerMove(at(i * 5, i * 5));
    vi.advanceTimersByTime(40);
    expect((ada().preview as { shape: { points: number[] } }).shape.points.length).toBe(60);
    expect(readShapes(b.session.doc).shapes).toEqual([]);
    a.session.editor.pointerUp(at(100, 100));
    expect(ada().preview).toBeNull();
    expect(readShapes(b.session.doc).shapes).toHaveLength(1);
  });

  it('hides a shape another person drags and shows it at their position', async () => {
    const hub = new FakeHub();
    const a = person(hub, 'Ada');
    const b = person(hub, 'Bob');
    a.session.editor.setTool('rectangle');
    a.session.editor.pointerDown(at(0, 0));
    a.session.editor.pointerMove(at(50, 50));
    a.session.editor.pointerUp(at(50, 50));
    const id = readShapes(b.session.doc).shapes[0]!.id;
    a.session.editor.setTool('select');
    a.session.editor.pointerDown(at(25, 0));
    a.session.editor.pointerMove(at(125, 0));
    vi.advanceTimersByTime(40);
    await flush();
    expect(b.session.editor.hiddenIds.has(id)).toBe(true);
    expect(b.session.getRemotePeers()[0]!.preview).toEqual({ kind: 'edit', shapes: [{ id, x: 100, y: 0 }] });
    a.session.editor.pointerUp(at(125, 0));
    await flush();
    expect(b.session.editor.hiddenIds.size).toBe(0);
    expect(readShapes(b.session.doc).shapes[0]).toMatchObject({ x: 100 });
  });
});

describe('BoardSession local copy and chat', () => {
  it('connects once the local copy is loaded', async () => {
    const hub = new FakeHub();
    let loaded!: () => void;
    const store: LocalStore = { whenLoaded: new Promise<void>((resolve) => (loaded = resolve)), clear: async () => {}, destroy: () => {} };
    const a = person(hub, 'Ada', { localStore: () => store });
    await flush();
    expect(hub.providers.size).toBe(0);
    loaded();
    await flush();
    expect(hub.providers.size).toBe(1);
    expect(a.session.getConnection()).toBe('Connected');
  });

  it('tells when the board is synced', async () => {
    const hub = new FakeHub();
    let loaded!: () => void;
    const store: LocalStore = { whenLoaded: new Promise<void>((resolve) => (loaded = resolve)), clear: async () => {}, destroy: () => {} };
    const a = person(hub, 'Ada', { localStore: () => store });
    let synced = false;
    void a.session.whenSynced().then(() => (synced = true));
    await flush();
    expect(synced).toBe(false);
    loaded();
    await flush();
    expect(synced).toBe(true);
    await expect(a.session.whenSynced()).resolves.toBeUndefined();
  });

  it("tells the person when the server refused this browser's change, but not for a passing failure", () => {
    const hub = new FakeHub();
    const a = person(hub, 'Ada');
    const [provider] = hub.providers;
    provider!.reportError({ code: 'storage-failed', message: 'the update could not be stored' });
    expect(a.session.getNotices()).toEqual([]);
    provider!.reportError({ code: 'invalid-update', message: 'shape s1: "x" must be a number' });
    expect(a.session.getNotices().map((n) => n.text)).toEqual(['Disconnected: the server refused a change from this browser (shape s1: "x" must be a number)']);
  });

  it('keeps the chat read marker, counting the history of a first visit as read', () => {
    const hub = new FakeHub();
    const a = person(hub, 'Ada');
    a.session.chat.send({ id: a.session.userId, name: 'Ada', color: '#e03131' }, 'before Bob came');
    const items = new Map<string, string>();
    const storage = { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k) };
    const b = person(hub, 'Bob', { storage });
    expect(b.session.chat.unreadCount(b.session.userId)).toBe(0);
    a.session.chat.send({ id: a.session.userId, name: 'Ada', color: '#e03131' }, 'hello Bob');
    expect(b.session.chat.unreadCount(b.session.userId)).toBe(1);
    // A reconnection does not mark anything read.
    b.session.setNetworkOnline(false);
    b.session.setNetworkOnline(true);
    expect(b.session.chat.unreadCount(b.session.userId)).toBe(1);
    b.session.chat.markAllRead();
    expect(items.get('tabula:chat-read:board')).toBe(b.session.chat.getMessages()[1]!.id);
  });
});
