import { describe, expect, it } from 'vitest';
import { addShape, newShapeId, readShapes } from '../../lib/board/doc';
import { newBoardId } from '../../lib/protocol';
import { MAX_ASSET_BYTES } from '../http/assets-api';
import { apiAs } from './support/access';
import { useTestServer } from './support/in-process';
import { eventually, syncedPeer } from './support/peer';
import { testStores } from './support/stores';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
const WEBP = new Uint8Array([...new TextEncoder().encode('RIFF'), 20, 0, 0, 0, ...new TextEncoder().encode('WEBPVP8 ')]);

for (const store of testStores('versions and assets')) describe(`versions and assets (${store.name})`, () => {
  const { server, peers } = useTestServer({ AUTO_VERSION_EVERY_MS: '0', AUTO_VERSION_MIN_UPDATES: '5', ...store.env });
  const api = (path: string, init?: RequestInit) => apiAs(server.url)(path, init);
  const json = { 'content-type': 'application/json' };
  const upload = (boardId: string, body: BodyInit, type = 'image/png') => api(`/api/boards/${boardId}/assets`, { method: 'POST', body, headers: { 'content-type': type } });

  async function boardWithShapes(count: number) {
    const boardId = newBoardId();
    const peer = await syncedPeer(server.url, boardId);
    peers.push(peer);
    // One edit per task, as a person makes them: the edits of one task would go out as one update.
    for (let i = 0; i < count; i++) {
      addShape(peer.doc, { id: newShapeId(), type: 'rectangle', x: i * 10, y: 0, w: 5, h: 5 });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await eventually(() => expect(peer.provider.pendingUpdates).toBe(0));
    return { boardId, peer };
  }

  it('saves a named version and reads it back as it was', async () => {
    const { boardId, peer } = await boardWithShapes(2);
    const saved = await api(`/api/boards/${boardId}/versions`, { method: 'POST', body: JSON.stringify({ name: 'Before review' }), headers: json });
    expect(saved.status).toBe(201);
    const info = (await saved.json()) as { id: string; name: string; auto: boolean };
    expect(info).toMatchObject({ name: 'Before review', auto: false });

    addShape(peer.doc, { id: newShapeId(), type: 'ellipse', x: 0, y: 0, w: 5, h: 5 });
    await eventually(() => expect(peer.provider.pendingUpdates).toBe(0));

    const list = (await (await api(`/api/boards/${boardId}/versions`)).json()) as Array<{ id: string }>;
    expect(list.map((version) => version.id)).toContain(info.id);
    const version = (await (await api(`/api/boards/${boardId}/versions/${info.id}`)).json()) as { shapes: unknown[]; name: string };
    expect(version.name).toBe('Before review');
    expect(version.shapes).toHaveLength(2);
    expect(readShapes(peer.doc).shapes).toHaveLength(3);
  });

  it('takes automatic versions after a stretch of activity', async () => {
    const { boardId } = await boardWithShapes(6);
    // The version is saved beside the edits, not before their acknowledgement.
    await eventually(async () => {
      const list = (await (await api(`/api/boards/${boardId}/versions`)).json()) as Array<{ auto: boolean }>;
      expect(list.some((version) => version.auto)).toBe(true);
    });
  });

  it('refuses bad version requests', async () => {
    const { boardId } = await boardWithShapes(1);
    expect((await api(`/api/boards/${boardId}/versions`, { method: 'POST', body: '{"name": 5}', headers: json })).status).toBe(400);
    expect((await api(`/api/boards/${boardId}/versions/${newBoardId()}`)).status).toBe(404);
    expect((await api(`/api/boards/${newBoardId()}/versions`)).status).toBe(404);
  });

  it('stores an image by its bytes and serves it back', async () => {
    const { boardId } = await boardWithShapes(1);
    // The declared type only has to be an upload type: the bytes decide what the file is.
    for (const [bytes, declared, type] of [
      [PNG, 'image/png', 'image/png'],
      [WEBP, 'application/octet-stream', 'image/webp'],
      [PNG, 'image/jpeg', 'image/png'],
    ] as const) {
      const uploaded = await upload(boardId, bytes, declared);
      expect(uploaded.status).toBe(201);
      const asset = (await uploaded.json()) as { id: string; url: string; contentType: string };
      expect(asset.contentType).toBe(type);
      const served = await api(asset.url);
      expect(served.headers.get('content-type')).toBe(type);
      expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes);
    }
  });

  it('refuses files that are not images (whatever their name or type), oversized files and unknown boards', async () => {
    const { boardId } = await boardWithShapes(1);
    const html = await upload(boardId, '<script>alert(1)</script>');
    expect(html.status).toBe(415);
    expect(await html.json()).toEqual({ error: expect.stringContaining('PNG') });
    const big = new Uint8Array(MAX_ASSET_BYTES + 1);
    big.set(PNG);
    expect((await upload(boardId, big)).status).toBe(413);
    expect((await upload(newBoardId(), PNG)).status).toBe(404);
    expect((await api(`/api/assets/${newBoardId()}`)).status).toBe(404);
  });

  it('deleting a board deletes its versions and assets', async () => {
    const { boardId, peer } = await boardWithShapes(1);
    const asset = (await (await upload(boardId, PNG)).json()) as { url: string };
    await api(`/api/boards/${boardId}/versions`, { method: 'POST', body: '{}', headers: json });
    peer.provider.disconnect();
    expect((await api(`/api/boards/${boardId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(asset.url)).status).toBe(404);
    expect(await server.store.listVersions(boardId)).toEqual([]);
    expect((await api(`/api/boards/${boardId}/versions`)).status).toBe(410);
  });
});
