import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { addShape, newShapeId, readShapes } from '../../lib/board/doc';
import { newBoardId } from '../../lib/protocol';
import { useTestServer } from './support/in-process';
import { eventually, snapshotShapes, syncedPeer, withTimeout } from './support/peer';
import { yjsClient } from './support/yjs-client';

describe('the standard Yjs websocket endpoint', () => {
  const { server, peers, closers: clients } = useTestServer();

  it("a y-websocket client's edits reach Tabula's clients and theirs reach it", async () => {
    const boardId = newBoardId();
    const peer = await syncedPeer(server.url, boardId);
    peers.push(peer);
    addShape(peer.doc, { id: newShapeId(), type: 'rectangle', x: 0, y: 0, w: 10, h: 10 });

    const client = yjsClient(server.url, boardId);
    clients.push(client.provider);
    await withTimeout(client.synced, 10_000, 'y-websocket client did not sync');
    await eventually(() => expect(readShapes(client.doc).shapes).toHaveLength(1));

    addShape(client.doc, { id: newShapeId(), type: 'ellipse', x: 50, y: 50, w: 10, h: 10 });
    await eventually(() => expect(readShapes(peer.doc).shapes).toHaveLength(2));
    addShape(peer.doc, { id: newShapeId(), type: 'diamond', x: 90, y: 90, w: 10, h: 10 });
    await eventually(() => {
      expect(readShapes(client.doc).shapes).toHaveLength(3);
      expect(readShapes(client.doc).shapes).toEqual(snapshotShapes(peer));
    });
  });

  it('awareness flows both ways', async () => {
    const boardId = newBoardId();
    const peer = await syncedPeer(server.url, boardId);
    const other = await syncedPeer(server.url, boardId);
    peers.push(peer, other);
    const client = yjsClient(server.url, boardId);
    clients.push(client.provider);
    await client.synced;
    client.provider.awareness.setLocalState({ user: { name: 'Script', color: '#2f9e44' }, cursor: { x: 1, y: 2 } });
    peer.awareness.setLocalState({ user: { name: 'Browser', color: '#e03131' }, cursor: null, selection: [] });
    await eventually(() => {
      expect(peer.awareness.getStates().get(client.doc.clientID)).toMatchObject({ user: { name: 'Script' } });
      expect(client.provider.awareness.getStates().get(peer.doc.clientID)).toMatchObject({ user: { name: 'Browser' } });
    });
    // The browser's cursor moves travel between Tabula's clients as cursor entries; a Yjs client
    // gets them as standard awareness.
    for (const x of [10, 20, 30]) {
      peer.awareness.setLocalStateField('cursor', { x, y: 5 });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await eventually(() => expect(client.provider.awareness.getStates().get(peer.doc.clientID)).toMatchObject({ user: { name: 'Browser' }, cursor: { x: 30, y: 5 } }));
    client.provider.destroy();
    await eventually(() => expect(peer.awareness.getStates().has(client.doc.clientID)).toBe(false), 2_000);
    // y-websocket sends back the states it receives: its departure takes only its own.
    expect(other.awareness.getStates().get(peer.doc.clientID)).toMatchObject({ user: { name: 'Browser' } });
    peer.awareness.setLocalStateField('cursor', { x: 40, y: 5 });
    await eventually(() => expect(other.awareness.getStates().get(peer.doc.clientID)).toMatchObject({ cursor: { x: 40, y: 5 } }));
  });

  it('an invalid update from a Yjs client closes only that connection', async () => {
    const boardId = newBoardId();
    const peer = await syncedPeer(server.url, boardId);
    peers.push(peer);
    const client = yjsClient(server.url, boardId);
    clients.push(client.provider);
    await client.synced;
    client.provider.shouldConnect = false;
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      client.provider.ws!.addEventListener('close', (event) => resolve({ code: event.code, reason: String(event.reason) })),
    );
    client.doc.getMap('shapes').set('bad', 'not a shape map' as never);
    const { code, reason } = await withTimeout(closed, 5_000, 'connection not closed');
    expect(code).toBe(1008);
    expect(reason).toContain('invalid-update');
    addShape(peer.doc, { id: newShapeId(), type: 'rectangle', x: 0, y: 0, w: 1, h: 1 });
    await eventually(() => expect(peer.provider.pendingUpdates).toBe(0));
    expect(readShapes(peer.doc).shapes).toHaveLength(1);
  });

  it('refuses a foreign Origin and a bad board id, bad percent-encoding included, with an HTTP answer', async () => {
    const attempt = (path: string, headers: Record<string, string> = {}) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${server.url.replace('http', 'ws')}${path}`, { headers });
        ws.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        ws.on('open', () => resolve(101));
        ws.on('error', () => undefined);
      });
    expect(await attempt(`/yjs/${newBoardId()}`, { origin: 'http://evil.example' })).toBe(403);
    expect(await attempt('/yjs/bad%20id')).toBe(400);
    // Not valid percent-encoding: an HTTP 400 too, and the server stays up.
    expect(await attempt('/yjs/%ZZ')).toBe(400);
    expect(await attempt('/yjs/%E0')).toBe(400);
    expect(await attempt(`/yjs/${newBoardId()}`)).toBe(101);
  });
});
