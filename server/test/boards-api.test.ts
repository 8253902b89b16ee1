import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addShape, newShapeId, readShapes } from '../../lib/board/doc';
import { TABULA_FORMAT, TABULA_FORMAT_VERSION } from '../../lib/board/tabula-json';
import { ERROR_EVENT, newBoardId, type ProtocolError } from '../../lib/protocol';
import { MAX_IMPORT_BYTES } from '../../lib/protocol/limits';
import { decodeStoredBoard } from '../store/stored-doc';
import { apiAs, TEST_ADMIN_TOKEN } from './support/access';
import { useTestServer } from './support/in-process';
import { createPeer, eventually, syncedPeer } from './support/peer';
import { testStores } from './support/stores';

const file = (shapes: unknown[], extra: Record<string, unknown> = {}) => ({ format: TABULA_FORMAT, version: TABULA_FORMAT_VERSION, title: 'Plan', shapes, ...extra });
const rectangle = { id: 'r1', type: 'rectangle', x: 10, y: 20, w: 30, h: 40, z: 'a0' };
const stroke = { id: 'p1', type: 'pen', x: 0, y: 0, w: 10, h: 10, z: 'a1', points: [0, 0, 0.5, 5, 5, 0.5, 10, 10, 0.5] };

for (const store of testStores('REST API')) describe(`REST API (${store.name})`, () => {
  const { server, peers } = useTestServer(store.env);

  const api = (path: string, init?: RequestInit) => apiAs(server.url)(path, init);
  const post = (body: string) => api('/api/boards', { method: 'POST', body, headers: { 'content-type': 'application/json' } });

  it('GET /healthz and /readyz', async () => {
    expect(await (await api('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await api('/readyz');
    expect(ready.status).toBe(200);
  });

  it('creates an empty board and reads it back', async () => {
    const created = await api('/api/boards', { method: 'POST' });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(id).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    const board = await api(`/api/boards/${id}`);
    expect(board.status).toBe(200);
    expect(await board.json()).toEqual({ id, title: 'Untitled board', shapes: [] });
  });

  it('imports a Tabula file, and a browser peer sees its shapes', async () => {
    const created = await post(JSON.stringify(file([rectangle, stroke])));
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const board = (await (await api(`/api/boards/${id}`)).json()) as { title: string; shapes: Array<{ id: string }> };
    expect(board.title).toBe('Plan');
    expect(board.shapes.map((shape) => shape.id)).toEqual(['r1', 'p1']);
    const peer = await syncedPeer(server.url, id, TEST_ADMIN_TOKEN);
    peers.push(peer);
    expect(readShapes(peer.doc).shapes.map((shape) => shape.id)).toEqual(['r1', 'p1']);
  });

  it('stores an imported board as a V2 snapshot, not as a log entry', async () => {
    const { id } = (await (await post(JSON.stringify(file([rectangle, stroke])))).json()) as { id: string };
    const stored = await server.store.load(id);
    expect(stored?.updates).toEqual([]);
    const doc = decodeStoredBoard({ snapshot: stored!.snapshot, updates: [] });
    expect(readShapes(doc).shapes.map((shape) => shape.id)).toEqual(['r1', 'p1']);
  });

  it('reads the live state of an open board', async () => {
    const boardId = newBoardId();
    const peer = await syncedPeer(server.url, boardId);
    peers.push(peer);
    const shape = addShape(peer.doc, { id: newShapeId(), type: 'ellipse', x: 1, y: 2, w: 3, h: 4 });
    await eventually(() => expect(peer.provider.pendingUpdates).toBe(0));
    const board = (await (await api(`/api/boards/${boardId}`)).json()) as { shapes: Array<{ id: string; type: string }> };
    expect(board.shapes).toEqual([expect.objectContaining({ id: shape.id, type: 'ellipse' })]);
  });

  it('exports SVG', async () => {
    const { id } = (await (await post(JSON.stringify(file([rectangle, stroke])))).json()) as { id: string };
    const response = await api(`/api/boards/${id}/export.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('image/svg+xml');
    const svg = await response.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<rect x="10" y="20" width="30" height="40"');
    expect(svg).toContain('<path d="M');
  });

  it('deletes a board and disconnects its sockets; the board is gone for good (410)', async () => {
    const { id } = (await (await api('/api/boards', { method: 'POST' })).json()) as { id: string };
    const peer = await syncedPeer(server.url, id, TEST_ADMIN_TOKEN);
    peers.push(peer);
    const errors: ProtocolError[] = [];
    peer.provider.socket.on(ERROR_EVENT, (error: ProtocolError) => errors.push(error));
    expect((await api(`/api/boards/${id}`, { method: 'DELETE' })).status).toBe(204);
    await eventually(() => expect(peer.provider.status).toBe('offline'));
    expect(errors[0]?.code).toBe('board-deleted');
    for (const [path, init] of [
      [`/api/boards/${id}`, undefined],
      [`/api/boards/${id}`, { method: 'DELETE' }],
      [`/api/boards/${id}/export.svg`, undefined],
      [`/api/boards/${id}/view.svg?x=0&y=0&zoom=1&width=10&height=10`, undefined],
      [`/api/boards/${id}/versions`, undefined],
      [`/api/boards/${id}/versions`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }],
      [`/api/boards/${id}/assets`, { method: 'POST', body: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), headers: { 'content-type': 'image/png' } }],
    ] as const) {
      const response = await api(path, init);
      expect(response.status, `${init?.method ?? 'GET'} ${path}`).toBe(410);
      expect(await response.json()).toEqual({ error: 'this board was deleted' });
    }
  });

  it('a deleted board stays deleted: a late append, a browser offline copy and a POST of its content do not bring it back', async () => {
    const boardId = newBoardId();
    const writer = await syncedPeer(server.url, boardId);
    const shape = addShape(writer.doc, { id: newShapeId(), type: 'rectangle', x: 1, y: 2, w: 3, h: 4 });
    await eventually(() => expect(writer.provider.pendingUpdates).toBe(0));
    // The writer keeps its copy (as a browser keeps it in IndexedDB) and goes away.
    const offlineCopy = Y.encodeStateAsUpdate(writer.doc);
    writer.destroy();
    expect((await api(`/api/boards/${boardId}`, { method: 'DELETE' })).status).toBe(204);

    // A late append, as a socket that was still sending (or another instance) would make.
    await expect(server.store.append(boardId, offlineCopy)).rejects.toThrow('this board was deleted');
    // A browser that kept a copy connects again with it.
    const returning = createPeer(server.url, boardId, { connect: false });
    peers.push(returning);
    Y.applyUpdate(returning.doc, offlineCopy);
    const refused: ProtocolError[] = [];
    returning.provider.socket.on(ERROR_EVENT, (error: ProtocolError) => refused.push(error));
    returning.provider.connect();
    await eventually(() => expect(refused.length).toBeGreaterThan(0), 10_000);
    // Its content posted as a new board makes a new board, under a new id.
    const created = await post(JSON.stringify(file([{ ...rectangle, id: shape.id }])));
    const { id: newId } = (await created.json()) as { id: string };
    expect(newId).not.toBe(boardId);

    expect((await api(`/api/boards/${boardId}`)).status).toBe(410);
    expect(await server.store.isDeleted(boardId)).toBe(true);
    await expect(server.store.load(boardId)).rejects.toThrow('this board was deleted');
    expect(await server.store.list()).not.toContain(boardId);
  });

  it.each([
    ['not JSON', '{"format": "tabula", ', /not valid JSON/],
    ['another format', JSON.stringify({ type: 'excalidraw', elements: [] }), /format must be "tabula"/],
    ['a future version', JSON.stringify(file([], { version: 99 })), /unsupported version/],
    ['a broken shape', JSON.stringify(file([{ ...rectangle, w: 'wide' }])), /shapes\.0\.w/],
  ])('refuses %s with 400 and the reason', async (_name, body, reason) => {
    const before = await server.store.list();
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(reason);
    expect(await server.store.list()).toEqual(before);
  });

  it('refuses an oversized body with 413, from its declared length, before reading it', async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(`${server.url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(MAX_IMPORT_BYTES + 1), authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      });
      request.on('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, body: text });
          request.destroy();
        });
      });
      request.on('error', reject);
      request.write('{"format": "tabula", ');
    });
    expect(status).toBe(413);
    expect(JSON.parse(body)).toHaveProperty('error');
  });

  it('answers 404 for unknown boards, 400 for bad ids, 405 for wrong methods', async () => {
    expect((await api(`/api/boards/${newBoardId()}`)).status).toBe(404);
    expect((await api(`/api/boards/${newBoardId()}/export.svg`)).status).toBe(404);
    const bad = await api('/api/boards/bad%20id');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: expect.stringContaining('board id') });
    expect((await api('/api/boards', { method: 'GET' })).status).toBe(405);
    expect((await api('/api/boards/abc', { method: 'PUT' })).status).toBe(405);
  });
});
