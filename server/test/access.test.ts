/**
 * Who may do what, on every path: REST, Socket.IO and /yjs, against a real server on loopback with
 * real clients, on both stores. Tokens come from `POST /api/boards` as any script gets them.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addShape, newShapeId, readShapes } from '../../lib/board/doc';
import type { BoardAccess } from '../../lib/access/kept-access';
import { BoardSession } from '../../lib/collab/board-session';
import { ChatLog } from '../../lib/collab/chat';
import { AWARENESS_EVENT, encodeSyncStep1, encodeSyncStep2, encodeYjsAwarenessFrame, ERROR_EVENT, newBoardId, type ProtocolError } from '../../lib/protocol';
import { apiAs, bearer, createBoard, TEST_ADMIN_TOKEN, tokenOf } from './support/access';
import { startTestServer, useTestServer } from './support/in-process';
import { eventually, type Peer, syncedPeer, withTimeout } from './support/peer';
import { openRawClient, openSyncedRawClient, type RawClient, refusedWith, type Transport, TRANSPORTS } from './support/raw-clients';
import { testStores } from './support/stores';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const JSON_TYPE = { 'content-type': 'application/json' };

/** An update that adds one rectangle, made by a doc of its own. */
function rectangleUpdate(id: string): Uint8Array {
  const doc = new Y.Doc();
  addShape(doc, { id, type: 'rectangle', x: 0, y: 0, w: 10, h: 10 });
  return Y.encodeStateAsUpdate(doc);
}

function chatUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  new ChatLog(doc).send({ id: 'viewer', name: 'Viewer', color: '#2f9e44' }, text);
  return Y.encodeStateAsUpdate(doc);
}

/** The awareness frame of a viewer whose cursor is at (7, 8), in the transport's own framing. */
function viewerPresence(transport: Transport): { clientId: number; send(client: RawClient): void } {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState({ user: { name: 'Viewer', color: '#2f9e44' }, cursor: { x: 7, y: 8 } });
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]);
  return {
    clientId: awareness.clientID,
    send(client) {
      if (transport === 'socket.io') client.sendFrame({ event: AWARENESS_EVENT, payload: update });
      else {
        client.sendFrame(encodeYjsAwarenessFrame(update));
      }
    },
  };
}

for (const store of testStores('access')) describe(`access (${store.name})`, () => {
  const { server, peers, closers } = useTestServer(store.env);
  const api = (path: string, token: string | null, init: RequestInit = {}) => apiAs(server.url, token)(path, init);
  const track = (client: RawClient) => {
    closers.push(client);
    return client;
  };

  it('POST /api/boards answers the owner token and the two links; a bare or wrong token is 401 with the reason', async () => {
    const response = await fetch(`${server.url}/api/boards`, { method: 'POST' });
    expect(response.status).toBe(201);
    const created = (await response.json()) as Record<string, string>;
    expect(Object.keys(created).sort()).toEqual(['editLink', 'id', 'ownerToken', 'viewLink']);
    expect(created.editLink).toBe(`/b/${created.id}#edit=${tokenOf(created.editLink!)}`);
    expect(created.viewLink).toBe(`/b/${created.id}#view=${tokenOf(created.viewLink!)}`);

    for (const token of [null, 'not-a-token', tokenOf(created.editLink!).replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))]) {
      const refused = await api(`/api/boards/${created.id}`, token);
      expect(refused.status, String(token)).toBe(401);
      expect(await refused.json()).toEqual({ error: expect.stringMatching(/access|not valid/) });
    }
    expect((await api(`/api/boards/${created.id}`, created.ownerToken!)).status).toBe(200);
  });

  it('a view token reads; its REST writes are refused with 403 and change nothing', async () => {
    const board = await createBoard(server.url);
    expect((await api(`/api/boards/${board.id}`, board.viewToken)).status).toBe(200);
    expect((await api(`/api/boards/${board.id}/export.svg`, board.viewToken)).status).toBe(200);
    expect((await api(`/api/boards/${board.id}/versions`, board.viewToken)).status).toBe(200);
    for (const [path, init] of [
      [`/api/boards/${board.id}/versions`, { method: 'POST', body: '{}', headers: JSON_TYPE }],
      [`/api/boards/${board.id}/assets`, { method: 'POST', body: PNG, headers: { 'content-type': 'image/png' } }],
      [`/api/boards/${board.id}`, { method: 'DELETE' }],
      [`/api/boards/${board.id}/links`, { method: 'POST' }],
    ] as const) {
      const refused = await api(path, board.viewToken, init);
      expect(refused.status, `${init.method} ${path}`).toBe(403);
      expect(await refused.json()).toEqual({ error: expect.stringContaining('view') });
    }
    expect(await server.store.listVersions(board.id)).toEqual([]);
    expect(await server.store.exists(board.id)).toBe(true);
    // A viewer may pass on the view-only link, not the edit link.
    expect(await (await api(`/api/boards/${board.id}/links`, board.viewToken)).json()).toEqual({ viewLink: board.viewLink });
  });

  it('an edit token edits but cannot delete the board or reset its links (403)', async () => {
    const board = await createBoard(server.url);
    expect((await api(`/api/boards/${board.id}/versions`, board.editToken, { method: 'POST', body: '{}', headers: JSON_TYPE })).status).toBe(201);
    expect(await (await api(`/api/boards/${board.id}/links`, board.editToken)).json()).toEqual({ editLink: board.editLink, viewLink: board.viewLink });
    for (const [path, method] of [[`/api/boards/${board.id}`, 'DELETE'], [`/api/boards/${board.id}/links`, 'POST']] as const) {
      const refused = await api(path, board.editToken, { method });
      expect(refused.status, `${method} ${path}`).toBe(403);
      expect(await refused.json()).toEqual({ error: expect.stringContaining('owner') });
    }
    expect(await server.store.exists(board.id)).toBe(true);
    expect((await api(`/api/boards/${board.id}`, board.editToken)).status).toBe(200);
    // The owner may.
    expect((await api(`/api/boards/${board.id}`, board.ownerToken, { method: 'DELETE' })).status).toBe(204);
  });

  for (const transport of TRANSPORTS) {
    it(`${transport}: no token or a wrong one is refused with the reason (401)`, async () => {
      const board = await createBoard(server.url);
      for (const token of [undefined, 'wrong-token', tokenOf((await createBoard(server.url)).editLink)]) {
        const refusal = await track(openRawClient(transport, server.url, board.id, token)).closed;
        expect(refusedWith(refusal, 'unauthorized'), `${String(token)}: ${JSON.stringify(refusal)}`).toBe(true);
        if (transport === 'yjs') expect(refusal.code).toBe(4401);
      }
    });

    it(`${transport}: a view connection's update, step 2 and chat message are refused, never stored or relayed; its presence is`, async () => {
      const board = await createBoard(server.url);
      const editor = await syncedPeer(server.url, board.id, board.editToken);
      peers.push(editor);
      // The viewer's one sync step 2 carries a shape; then an update and a chat message follow.
      const viewer = track(openRawClient(transport, server.url, board.id, board.viewToken));
      const step2Doc = new Y.Doc();
      Y.applyUpdate(step2Doc, rectangleUpdate('from-viewer-step2'));
      viewer.sendSync(encodeSyncStep1(new Y.Doc()));
      viewer.sendSync(encodeSyncStep2(step2Doc));
      await viewer.ready;
      viewer.sendUpdate(rectangleUpdate('from-viewer-update'));
      viewer.sendUpdate(chatUpdate('hello from a viewer'));
      const presence = viewerPresence(transport);
      presence.send(viewer);
      // Answered: everything the viewer sent before has been handled (and it is still connected).
      expect(await viewer.probe()).toBe(true);

      // Presence goes through...
      await eventually(() => expect(editor.awareness.getStates().get(presence.clientId)).toMatchObject({ cursor: { x: 7, y: 8 } }));
      // ... and an edit made after the viewer's arrives, with nothing of the viewer's before it.
      const marker = addShape(editor.doc, { id: newShapeId(), type: 'ellipse', x: 1, y: 1, w: 5, h: 5 });
      await eventually(() => expect(editor.provider.pendingUpdates).toBe(0));
      const reader = await syncedPeer(server.url, board.id, board.ownerToken);
      peers.push(reader);
      expect(readShapes(reader.doc).shapes.map((shape) => shape.id)).toEqual([marker.id]);
      expect(reader.doc.getArray('chat').length).toBe(0);
      expect(readShapes(editor.doc).shapes.map((shape) => shape.id)).toEqual([marker.id]);
      const room = server.rooms.peek(board.id);
      expect(room && readShapes(room.doc).shapes.map((shape) => shape.id)).toEqual([marker.id]);
      await room?.flushed();
      const stored = await (await api(`/api/boards/${board.id}`, board.ownerToken)).json();
      expect((stored as { shapes: Array<{ id: string }> }).shapes.map((shape) => shape.id)).toEqual([marker.id]);
    });

    it(`${transport}: after a reset the old tokens are refused and their connections closed; the owner's stays`, async () => {
      const board = await createBoard(server.url);
      const editor = track(await openSyncedRawClient(transport, server.url, board.id, board.editToken));
      const viewer = track(await openSyncedRawClient(transport, server.url, board.id, board.viewToken));
      const owner = track(await openSyncedRawClient(transport, server.url, board.id, board.ownerToken));
      const reset = await api(`/api/boards/${board.id}/links`, board.ownerToken, { method: 'POST' });
      expect(reset.status).toBe(200);
      const links = (await reset.json()) as { editLink: string; viewLink: string };
      expect(Object.keys(links).sort()).toEqual(['editLink', 'viewLink']);
      expect(links.editLink).not.toBe(board.editLink);
      for (const closed of [editor.closed, viewer.closed]) {
        const refusal = await closed;
        expect(refusedWith(refusal, 'link-reset'), JSON.stringify(refusal)).toBe(true);
      }
      expect(await owner.probe()).toBe(true);
      for (const token of [board.editToken, board.viewToken]) {
        expect(refusedWith(await track(openRawClient(transport, server.url, board.id, token)).closed, 'unauthorized')).toBe(true);
        expect((await api(`/api/boards/${board.id}`, token)).status).toBe(401);
      }
      const renewed = track(await openSyncedRawClient(transport, server.url, board.id, tokenOf(links.editLink)));
      expect(await renewed.probe()).toBe(true);
    });
  }

  it("a page's session: a view link makes the editor read-only, a bare link of an invite board and a reset link are refused", async () => {
    const board = await createBoard(server.url);
    const open = (access: BoardAccess) => {
      const session = new BoardSession({ url: server.url, boardId: board.id, identity: { userId: `u-${access.role}`, name: access.role }, access });
      const stop = session.start();
      closers.push({
        destroy() {
          stop();
          session.destroy();
        },
      });
      return session;
    };
    const viewer = open({ role: 'view', token: board.viewToken });
    await withTimeout(viewer.whenSynced(), 10_000, 'the viewer did not sync');
    expect(viewer.editor.getState().readOnly).toBe(true);
    const stranger = open({ role: 'bare', token: null });
    await eventually(() => expect(stranger.getAccessRefusal()).toBe('no-access'));
    expect(stranger.getConnection()).toBe('Offline');
    expect((await api(`/api/boards/${board.id}/links`, board.ownerToken, { method: 'POST' })).status).toBe(200);
    await eventually(() => expect(viewer.getAccessRefusal()).toBe('link-reset'));
  });

  it('the admin token works on old (open) boards and new ones; deleting closes both transports', async () => {
    // A board stored before access existed: no access record.
    const old = newBoardId();
    await server.store.append(old, rectangleUpdate('old-shape'));
    const bare = await syncedPeer(server.url, old);
    peers.push(bare);
    expect(readShapes(bare.doc).shapes).toHaveLength(1);
    expect((await api(`/api/boards/${old}`, null)).status).toBe(200);
    expect((await api(`/api/boards/${old}`, null, { method: 'DELETE' })).status).toBe(403);
    const oldLinks = await api(`/api/boards/${old}/links`, TEST_ADMIN_TOKEN, { method: 'POST' });
    expect(oldLinks.status).toBe(200);
    const errors: ProtocolError[] = [];
    bare.provider.socket.on(ERROR_EVENT, (error: ProtocolError) => errors.push(error));
    const yjs = track(await openSyncedRawClient('yjs', server.url, old));
    expect((await api(`/api/boards/${old}`, TEST_ADMIN_TOKEN, { method: 'DELETE' })).status).toBe(204);
    expect(refusedWith(await yjs.closed, 'board-deleted')).toBe(true);
    await eventually(() => expect(errors[0]?.code).toBe('board-deleted'));

    const board = await createBoard(server.url);
    const admin = await syncedPeer(server.url, board.id, TEST_ADMIN_TOKEN);
    peers.push(admin);
    addShape(admin.doc, { id: 'by-admin', type: 'rectangle', x: 0, y: 0, w: 1, h: 1 });
    await eventually(() => expect(admin.provider.pendingUpdates).toBe(0));
    expect((await api(`/api/boards/${board.id}/links`, TEST_ADMIN_TOKEN, { method: 'POST' })).status).toBe(200);
    expect((await api(`/api/boards/${board.id}`, TEST_ADMIN_TOKEN, { method: 'DELETE' })).status).toBe(204);
  });
});

for (const store of testStores('access across a restart')) describe(`tokens across a restart (${store.name})`, () => {
  it('owner, edit and view tokens still work after the server restarts; a bare link still does not', async () => {
    const first = await startTestServer(store.env);
    const board = await createBoard(first.url);
    await first.close();
    const second = await startTestServer(store.env, first.dataDir);
    const peers: Peer[] = [];
    try {
      for (const [token, status] of [[board.ownerToken, 200], [board.editToken, 200], [board.viewToken, 200], [null, 401]] as const) {
        expect((await fetch(`${second.url}/api/boards/${board.id}`, { headers: token ? bearer(token) : {} })).status).toBe(status);
      }
      peers.push(await syncedPeer(second.url, board.id, board.editToken));
    } finally {
      for (const peer of peers) peer.destroy();
      await second.dispose();
    }
  });
});

for (const store of testStores('access on several instances').filter((candidate) => candidate.name === 'Postgres')) {
  describe('a reset on one instance closes the old links on another (Postgres)', () => {
    it('within ACCESS_RECHECK_MS, and the other instance refuses the old tokens', async () => {
      const env = { ...store.env, ACCESS_RECHECK_MS: '200' };
      const a = await startTestServer(env);
      const b = await startTestServer(env);
      const clients: RawClient[] = [];
      try {
        const board = await createBoard(a.url);
        for (const transport of TRANSPORTS) clients.push(await openSyncedRawClient(transport, b.url, board.id, board.viewToken));
        const reset = await apiAs(a.url, board.ownerToken)(`/api/boards/${board.id}/links`, { method: 'POST' });
        expect(reset.status).toBe(200);
        for (const client of clients) expect(refusedWith(await client.closed, 'link-reset')).toBe(true);
        expect((await apiAs(b.url, board.viewToken)(`/api/boards/${board.id}`)).status).toBe(401);
      } finally {
        for (const client of clients) client.destroy();
        await b.dispose();
        await a.dispose();
      }
    });
  });
}
