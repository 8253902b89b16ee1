/**
 * GET /api/boards/<id>/view.svg: the first view a page shows while it opens (server/http/
 * view-api.ts), against a real server: what it draws, with which access, and its refusals.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addShape, newShapeId } from '../../lib/board/doc';
import { TABULA_FORMAT, TABULA_FORMAT_VERSION } from '../../lib/board/tabula-json';
import { MAX_VIEW_SIDE } from '../../lib/protocol/limits';
import { decodeOpeningView, encodeOpeningView } from '../rooms/opening-view';
import { decodeStoredBoard } from '../store/stored-doc';
import { apiAs, createBoard } from './support/access';
import { useTestServer } from './support/in-process';
import { eventually, syncedPeer } from './support/peer';

const file = (shapes: unknown[]) => ({ format: TABULA_FORMAT, version: TABULA_FORMAT_VERSION, title: 'View', shapes });
const inView = { id: 'inview01', type: 'rectangle', x: 100, y: 100, w: 200, h: 150, z: 'a1', stroke: '#1e1e1e' };
const farAway = { id: 'faraway1', type: 'ellipse', x: 5000, y: 5000, w: 50, h: 50, z: 'a2' };
const QUERY = 'x=0&y=0&zoom=1&width=1280&height=800';

describe('the first view of a board (view.svg)', () => {
  const { server, peers } = useTestServer();

  it('draws the shapes in the view, at the screen size, in the asked theme', async () => {
    const board = await createBoard(server.url, file([inView, farAway]));
    const api = apiAs(server.url, board.viewToken);
    const light = await api(`/api/boards/${board.id}/view.svg?${QUERY}`);
    expect(light.status).toBe(200);
    expect(light.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(light.headers.get('cache-control')).toBe('no-store');
    expect(light.headers.get('x-shapes')).toBe('1');
    const svg = await light.text();
    expect(svg).toContain('viewBox="0 0 1280 800" width="1280" height="800"');
    expect(svg).toContain('<rect x="100" y="100" width="200" height="150"');
    expect(svg).not.toContain('<ellipse');

    // Zoomed out and moved, the far ellipse is in view too, and dark.
    const dark = await api(`/api/boards/${board.id}/view.svg?x=-100&y=-100&zoom=0.25&width=1600&height=1600&theme=dark`);
    expect(dark.headers.get('x-shapes')).toBe('2');
    const darkSvg = await dark.text();
    expect(darkSvg).toContain('viewBox="-100 -100 6400 6400"');
    expect(darkSvg).toContain('<ellipse');
    expect(darkSvg).toContain('fill="#121212"');
  });

  it('draws the live board while it is open, edits included', async () => {
    const board = await createBoard(server.url, file([inView]));
    const peer = await syncedPeer(server.url, board.id, board.editToken);
    peers.push(peer);
    addShape(peer.doc, { id: newShapeId(), type: 'diamond', x: 400, y: 300, w: 80, h: 80 });
    const api = apiAs(server.url, board.editToken);
    await eventually(async () => expect((await api(`/api/boards/${board.id}/view.svg?${QUERY}`)).headers.get('x-shapes')).toBe('2'));
    expect(await (await api(`/api/boards/${board.id}/view.svg?${QUERY}`)).text()).toContain('<polygon');
  });

  it('draws a board nobody has open from its opening view while nothing is stored after it', async () => {
    const board = await createBoard(server.url, file([inView]));
    const api = apiAs(server.url, board.viewToken);
    const draw = async () => (await api(`/api/boards/${board.id}/view.svg?${QUERY}`)).text();
    expect(server.rooms.peek(board.id)).toBeUndefined();
    expect(decodeOpeningView((await server.store.loadOpeningView(board.id))!)?.map((shape) => shape.id)).toEqual([inView.id]);

    // An opening view of other content, kept as current: the view is drawn from it, not from the board.
    const stored = (await server.store.load(board.id))!;
    const other = new Y.Doc();
    addShape(other, { id: newShapeId(), type: 'ellipse', x: 50, y: 50, w: 40, h: 40 });
    await server.store.saveOpeningView(board.id, stored.lastSeq, encodeOpeningView(other));
    expect(await draw()).toContain('<ellipse');

    // An edit stored after it: the board is decoded instead.
    const doc = decodeStoredBoard(stored);
    const edits: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => edits.push(update));
    addShape(doc, { id: newShapeId(), type: 'diamond', x: 400, y: 300, w: 80, h: 80 });
    await server.store.append(board.id, edits[0]!);
    const svg = await draw();
    expect(svg).not.toContain('<ellipse');
    expect(svg).toContain('<rect x="100" y="100"');
    expect(svg).toContain('<polygon');
  });

  it('a board keeps its opening view when it unloads, edits included', async () => {
    const board = await createBoard(server.url, file([inView]));
    const peer = await syncedPeer(server.url, board.id, board.editToken);
    const added = addShape(peer.doc, { id: newShapeId(), type: 'diamond', x: 400, y: 300, w: 80, h: 80 });
    await eventually(() => expect(peer.provider.pendingUpdates).toBe(0));
    expect(await server.store.loadOpeningView(board.id)).toBeNull();
    peer.destroy();
    await eventually(async () => {
      const kept = await server.store.loadOpeningView(board.id);
      expect(kept && decodeOpeningView(kept)?.map((shape) => shape.id).sort()).toEqual([inView.id, added.id].sort());
    });
  });

  it('asks for the access the board asks for, and says what a query must hold', async () => {
    const board = await createBoard(server.url, file([inView]));
    const path = `/api/boards/${board.id}/view.svg?${QUERY}`;
    const refused = await apiAs(server.url, null)(path);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toHaveProperty('error');
    expect((await apiAs(server.url, 'wrong-token')(path)).status).toBe(401);
    // An unused id opens as an empty board, and its view is empty (not a 404 in the page's console).
    const unused = await apiAs(server.url)(`/api/boards/never-made-${Date.now()}/view.svg?${QUERY}`);
    expect(unused.status).toBe(200);
    expect(unused.headers.get('x-shapes')).toBe('0');

    const api = apiAs(server.url, board.viewToken);
    for (const query of [
      '',
      'x=0&y=0&zoom=1&width=1280',
      'x=&y=0&zoom=1&width=1280&height=800',
      'x=abc&y=0&zoom=1&width=1280&height=800',
      'x=0&y=0&zoom=0&width=1280&height=800',
      'x=0&y=0&zoom=1&width=0&height=800',
      'x=0&y=0&zoom=1&width=12.5&height=800',
      `x=0&y=0&zoom=1&width=${MAX_VIEW_SIDE + 1}&height=800`,
      'x=1e8&y=0&zoom=1&width=1280&height=800',
      'x=Infinity&y=0&zoom=1&width=1280&height=800',
      `${QUERY}&theme=blue`,
    ]) {
      const response = await api(`/api/boards/${board.id}/view.svg?${query}`);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: string }).error, query).toContain('expected x and y');
    }
    expect((await api(`/api/boards/${board.id}/view.svg?${QUERY}`, { method: 'POST' })).status).toBe(405);
  });
});
