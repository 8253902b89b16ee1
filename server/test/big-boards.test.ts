/**
 * Boards of 100,000 shapes in and out: created through the API from a body streamed in parts,
 * read back over Socket.IO and /yjs, exported, versioned; a file broken in the middle is refused
 * with its reason and creates nothing. The drawing is the benchmarks' deterministic one
 * (bench/render-board.ts: half pen strokes of 50 points), generated here.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { getShapesMap } from '../../lib/board/doc';
import { readShape } from '../../lib/board/read-shape';
import { shapeSchema } from '../../lib/board/schema';
import { generateBoard } from '../../bench/render-board';
import { apiAs, TEST_ADMIN_TOKEN } from './support/access';
import { useTestServer } from './support/in-process';
import { createPeer, withTimeout } from './support/peer';
import { tabulaFileStream } from './support/streamed-file';
import { testStores } from './support/stores';

const COUNT = 100_000;
/**
 * Each step moves the whole board (tens of MB) through the server, its store and a client, and
 * decodes it on both sides: seconds on a quiet machine, a minute or more on a loaded one. The
 * limit is for a stuck step, not a measure of speed.
 */
const BIG_STEP_MS = 600_000;
const board = generateBoard(COUNT);
/** Every 997th shape, and the last: compared property by property after the round trip. */
const SAMPLE = [...board.shapes.filter((_, i) => i % 997 === 0), board.shapes.at(-1)!].map((shape) => shapeSchema.parse(shape));

const fileStream = (shapes: readonly unknown[]) => tabulaFileStream(board.title, shapes);

/** The board's shapes as this client has them: the count, and the sample as read. */
function readBack(doc: Y.Doc) {
  const shapes = getShapesMap(doc);
  return { count: shapes.size, sample: SAMPLE.map((shape) => readShape(shape.id, shapes.get(shape.id)!)) };
}

for (const store of testStores('big boards')) describe(`boards of ${COUNT} shapes (${store.name})`, () => {
  // Reading a board of this size costs tens of MB of the client's byte budget: room for the tests.
  const { server, peers, closers } = useTestServer({ ...store.env, HTTP_RATE_BYTES_PER_SECOND: String(1 << 30), HTTP_RATE_BYTE_BURST: String(1 << 30) });
  const api = (path: string, init?: RequestInit) => apiAs(server.url)(path, init);
  const postStream = (body: ReadableStream<Uint8Array>) =>
    api('/api/boards', { method: 'POST', body, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);
  let boardId = '';

  it('creates the board from a streamed body; Socket.IO and /yjs clients read every shape back', async () => {
    const created = await postStream(fileStream(board.shapes));
    expect(created.status).toBe(201);
    boardId = ((await created.json()) as { id: string }).id;

    const peer = createPeer(server.url, boardId, { token: TEST_ADMIN_TOKEN });
    peers.push(peer);
    await withTimeout(peer.provider.whenSynced(), BIG_STEP_MS, 'the Socket.IO peer did not sync');
    expect(readBack(peer.doc)).toEqual({ count: COUNT, sample: SAMPLE });

    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${server.url.replace('http', 'ws')}/yjs`, boardId, doc, {
      WebSocketPolyfill: WebSocket as never,
      params: { token: TEST_ADMIN_TOKEN },
    });
    closers.push(provider);
    await withTimeout(new Promise<void>((resolve) => provider.once('sync', () => resolve())), BIG_STEP_MS, 'the /yjs client did not sync');
    expect(readBack(doc)).toEqual({ count: COUNT, sample: SAMPLE });
  }, BIG_STEP_MS);

  it('exports it as JSON and SVG, and keeps and reads a version of it', async () => {
    const json = (await (await api(`/api/boards/${boardId}`)).json()) as { title: string; shapes: Array<{ id: string }> };
    expect(json.title).toBe(board.title);
    expect(json.shapes).toHaveLength(COUNT);

    const svg = await api(`/api/boards/${boardId}/export.svg`);
    expect(svg.status).toBe(200);
    const text = await svg.text();
    expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(text.endsWith('</svg>')).toBe(true);
    // One <path> per pen stroke (half the board) at least.
    expect(text.split('<path').length - 1).toBeGreaterThanOrEqual(COUNT / 2);

    const saved = await api(`/api/boards/${boardId}/versions`, { method: 'POST', body: '{"name":"big"}', headers: { 'content-type': 'application/json' } });
    expect(saved.status).toBe(201);
    const { id: versionId } = (await saved.json()) as { id: string };
    const version = (await (await api(`/api/boards/${boardId}/versions/${versionId}`)).json()) as { name: string; shapes: unknown[] };
    expect(version.name).toBe('big');
    expect(version.shapes).toHaveLength(COUNT);
  }, BIG_STEP_MS);

  it('refuses a file whose shape in the middle is broken: 400 naming it, and nothing is created', async () => {
    const before = await server.store.list();
    const broken = board.shapes.map((shape, i) => (i === 50_000 ? { ...shape, x: 'left' } : shape));
    const response = await postStream(fileStream(broken));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'not a valid Tabula file: shape 50001 (id "s50000"): Invalid input: expected number, received string at shapes.50000.x',
    });
    expect(await server.store.list()).toEqual(before);
  }, BIG_STEP_MS);
});
