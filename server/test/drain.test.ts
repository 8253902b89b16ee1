/**
 * SIGTERM drains, on a real server process with real clients: a writer editing steadily over
 * Socket.IO, a y-websocket client, and a view-only Socket.IO client that stays through. After the
 * signal, every client is told to reconnect (Socket.IO: 'server-draining'; /yjs: close 1012),
 * /readyz answers 503, and new connections on both transports are refused; the log lines of the
 * refused and closed connections carry their board and connection ids. A client that does not
 * read holds the drain open (its close handshake is awaited, up to the deadline), which gives the
 * test the time to look. Then a new server on the same store has every acknowledged edit (the
 * writers are gone by then, so none could send it again; the one that stays may not edit), and
 * the client that stayed reconnects to it by itself.
 */
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { addShape, readShapes } from '../../lib/board/doc';
import { newBoardId, type ProtocolErrorCode } from '../../lib/protocol';
import { TestServer } from '../../e2e/support/server';
import { createBoard, TEST_ADMIN_TOKEN } from './support/access';
import { type FrozenClient, openFrozenClient } from './support/frozen-client';
import { eventually, type Peer, syncedPeer, withTimeout } from './support/peer';
import { testStores } from './support/stores';
import { yjsClient } from './support/yjs-client';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface LogLine {
  msg: string;
  [field: string]: unknown;
}

/** The server's JSON log lines (TestServer prefixes each with its run and stream). */
function logLines(server: TestServer): LogLine[] {
  return server
    .output()
    .split('\n')
    .flatMap((line) => {
      const json = line.replace(/^\[server run \d+ out\] /, '');
      if (json === line || !json.startsWith('{')) return [];
      return [JSON.parse(json) as LogLine];
    });
}

/** Edits one rectangle after another and lists those the server acknowledged, until stopped or cut off. */
function writeSteadily(peer: Peer, prefix: string) {
  const acknowledged: string[] = [];
  let writing = true;
  const done = (async () => {
    for (let i = 0; writing; i++) {
      const id = `${prefix}-${i}`;
      addShape(peer.doc, { id, type: 'rectangle', x: i % 500, y: Math.floor(i / 500), w: 10, h: 10 });
      while (peer.provider.synced && peer.provider.pendingUpdates > 0) await pause(1);
      if (!peer.provider.synced) return;
      acknowledged.push(id);
      await pause(10);
    }
  })();
  return {
    acknowledged,
    stop: async () => {
      writing = false;
      await done;
    },
  };
}

/** A new connection's fate while the server drains: how each transport was refused. */
/** Resolves when a new Socket.IO connection is refused, with Engine.IO's reason; fails if it is accepted. */
async function socketIoRefused(url: string, boardId: string): Promise<string> {
  const socket = io(url, { transports: ['websocket'], auth: { boardId, token: TEST_ADMIN_TOKEN }, reconnection: false, forceNew: true });
  try {
    return await withTimeout(
      new Promise<string>((resolve, reject) => {
        socket.once('connect_error', (error) => resolve(error.message));
        socket.once('connect', () => reject(new Error('a Socket.IO connection was accepted while draining')));
      }),
      10_000,
      'no answer to a Socket.IO connection while draining',
    );
  } finally {
    socket.disconnect();
  }
}

async function yjsRefused(url: string, boardId: string): Promise<number> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/yjs/${boardId}?token=${TEST_ADMIN_TOKEN}`);
  try {
    return await withTimeout(
      new Promise<number>((resolve, reject) => {
        ws.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        ws.once('open', () => reject(new Error('a /yjs connection was accepted while draining')));
        ws.once('error', reject);
      }),
      10_000,
      'no answer to a /yjs connection while draining',
    );
  } finally {
    ws.terminate();
  }
}

for (const store of testStores('drain')) {
  describe(`SIGTERM drains (${store.name})`, () => {
    let server: TestServer | undefined;
    const peers: Peer[] = [];
    const closers: Array<{ destroy(): void }> = [];
    afterEach(async () => {
      for (const peer of peers.splice(0)) peer.destroy();
      for (const closer of closers.splice(0)) closer.destroy();
      await server?.dispose();
      server = undefined;
    });

    it('tells every client to reconnect, refuses new connections, stores every acknowledged edit, and exits', async () => {
      // The deadline is far: the frozen client holds the drain open until the test lets it go.
      server = await TestServer.start({ env: { SERVE_UI: 'false', ROOM_IDLE_UNLOAD_MS: '0', SHUTDOWN_DEADLINE_MS: '120000', LOG_LEVEL: 'debug', ...store.env } });
      const board = await createBoard(server.url);
      const writer = await syncedPeer(server.url, board.id, board.editToken);
      const viewer = await syncedPeer(server.url, board.id, board.viewToken);
      peers.push(writer, viewer);
      const script = yjsClient(server.url, board.id, board.editToken);
      closers.push(script.provider);
      await withTimeout(script.synced, 10_000, 'the y-websocket client did not sync');
      const frozen: FrozenClient = await openFrozenClient('yjs', server.url, newBoardId());
      closers.push(frozen);
      frozen.freeze();

      // The y-websocket client has no acknowledgements: its edits count once the writer has them
      // (the server relays an edit only once it is stored).
      const scriptEdits = ['script-0', 'script-1', 'script-2'];
      for (const [i, id] of scriptEdits.entries()) addShape(script.doc, { id, type: 'ellipse', x: i * 20, y: 100, w: 10, h: 10 });
      await eventually(() => expect(readShapes(writer.doc).shapes.map((shape) => shape.id)).toEqual(expect.arrayContaining(scriptEdits)), 10_000);
      const writing = writeSteadily(writer, 'w');
      await eventually(() => expect(writing.acknowledged.length).toBeGreaterThan(20), 30_000);

      const told: Record<string, ProtocolErrorCode[]> = { writer: [], viewer: [] };
      writer.provider.onError((error) => told.writer!.push(error.code));
      viewer.provider.onError((error) => told.viewer!.push(error.code));
      const scriptCloses: number[] = [];
      script.provider.on('connection-close', (event) => {
        if (event) scriptCloses.push(event.code);
      });

      process.kill(server.pid!, 'SIGTERM');

      // Told to reconnect, on both transports; the writer was cut off mid-stream.
      await eventually(() => {
        expect(told.writer).toContain('server-draining');
        expect(told.viewer).toContain('server-draining');
        expect(scriptCloses).toContain(1012);
      }, 15_000);
      await writing.stop();
      expect(viewer.provider.status).not.toBe('offline');
      // The writers go for good: from now on nobody can send an acknowledged edit again.
      writer.destroy();
      script.provider.destroy();

      // Draining: not ready, still alive, and new connections are refused on both transports.
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { error: string }).error).toMatch(/draining/);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect(await socketIoRefused(server.url, board.id)).toMatch(/error/i);
      expect(await yjsRefused(server.url, board.id)).toBe(503);

      // The log lines of the refused connection and of the connections closed by the drain carry both ids.
      await eventually(() => {
        const lines = logLines(server!);
        const refused = lines.find((line) => line.msg === 'refused a connection' && line.boardId === board.id);
        expect(refused, 'a refused connection is logged').toMatchObject({ transport: 'yjs', code: 'server-draining', connectionId: expect.stringMatching(/^yjs-\d+$/) });
        const drained = lines.filter((line) => line.msg === 'disconnecting a client' && line.code === 'server-draining' && line.boardId === board.id);
        expect(drained.map((line) => line.transport).sort()).toEqual(['socket.io', 'socket.io', 'yjs']);
        for (const line of drained) expect(line.connectionId).toEqual(expect.any(String));
        expect(new Set(drained.map((line) => line.connectionId)).size).toBe(3);
      }, 10_000);

      // The client that does not read goes: the drain ends and the process exits.
      frozen.destroy();
      await server.stop();
      expect(logLines(server).some((line) => line.msg === 'drained')).toBe(true);

      await server.start();
      const reader = await syncedPeer(server.url, board.id, TEST_ADMIN_TOKEN);
      peers.push(reader);
      const stored = new Set(readShapes(reader.doc).shapes.map((shape) => shape.id));
      const acknowledged = [...scriptEdits, ...writing.acknowledged];
      const missing = acknowledged.filter((id) => !stored.has(id));
      expect(missing, `${missing.length} of ${acknowledged.length} acknowledged edits lost`).toEqual([]);
      // The client that stayed reconnected by itself, to the new server, and has the board.
      await eventually(() => {
        expect(viewer.provider.synced).toBe(true);
        expect(readShapes(viewer.doc).shapes).toEqual(readShapes(reader.doc).shapes);
      }, 30_000);
    });
  });
}
