/**
 * The HTTP API against hostile and cross-site requests: bad percent-encoding, forged writes from
 * other sites, PUBLIC_URL for sockets and REST, security headers, and errors that say nothing
 * internal and never take the process down.
 */
import { io as connect } from 'socket.io-client';
import { WebSocket } from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { newBoardId } from '../../lib/protocol';
import { MAX_ECHOED_CHARS } from '../../lib/protocol/limits';
import { capturedLogger } from './support/captured-log';
import { apiAs } from './support/access';
import { startTestServer, type TestServer, useTestServer } from './support/in-process';
import { eventually, withTimeout } from './support/peer';
import { testStores } from './support/stores';

const JSON_TYPE = { 'content-type': 'application/json' };
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);

/** Whether a Socket.IO handshake with this Origin is accepted. */
function socketAccepted(url: string, origin: string, sockets: Array<{ disconnect(): void }>): Promise<boolean> {
  const socket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { boardId: newBoardId() }, extraHeaders: { origin } });
  sockets.push(socket);
  return withTimeout(
    new Promise<boolean>((resolve) => {
      socket.once('connect', () => resolve(true));
      socket.once('connect_error', () => resolve(false));
    }),
    5_000,
    'no answer to the handshake',
  );
}

/** The HTTP status of a /yjs upgrade with this Origin (101 when accepted). */
function yjsStatus(url: string, origin: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/yjs/${newBoardId()}`, { headers: { origin } });
    ws.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('error', () => undefined);
  });
}

for (const store of testStores('HTTP security')) {
  describe(`HTTP requests that must be refused, and those that must work (${store.name})`, () => {
    const { server } = useTestServer(store.env);
    const api = (path: string, init?: RequestInit) => apiAs(server.url)(path, init);
    const newBoard = async () => ((await (await api('/api/boards', { method: 'POST' })).json()) as { id: string }).id;

    it('answers 400 to a path that is not valid percent-encoding, wherever it is, and stays up', async () => {
      const id = await newBoard();
      for (const path of ['/api/boards/%E0', '/api/boards/%ZZ/export.svg', `/api/boards/${id}/versions/%E0%A4`, '/api/%FF', '/api/assets/%C0', '/b/%E0', '/%']) {
        for (const method of ['GET', 'POST', 'DELETE']) {
          const response = await api(path, { method, headers: JSON_TYPE });
          expect(response.status, `${method} ${path}`).toBe(400);
          expect(await response.json()).toEqual({ error: expect.stringMatching(/percent-encoding/) });
        }
      }
      expect((await api('/healthz')).status).toBe(200);
      expect((await api(`/api/boards/${id}`)).status).toBe(200);
    });

    it('refuses writes from other sites: a foreign Origin, a cross-site Sec-Fetch-Site, a form or text body', async () => {
      const before = await server.store.list();
      const id = await newBoard();
      const refused: Array<[string, RequestInit, number]> = [
        ['/api/boards', { method: 'POST', body: '{}', headers: { ...JSON_TYPE, origin: 'https://evil.example' } }, 403],
        ['/api/boards', { method: 'POST', headers: { origin: 'https://evil.example' } }, 403],
        ['/api/boards', { method: 'POST', body: '{}', headers: { ...JSON_TYPE, 'sec-fetch-site': 'cross-site' } }, 403],
        ['/api/boards', { method: 'POST', body: '{}', headers: { ...JSON_TYPE, 'sec-fetch-site': 'same-site' } }, 403],
        ['/api/boards', { method: 'POST', body: '{}', headers: { origin: 'null', ...JSON_TYPE } }, 403],
        // What a page can send to another site without a preflight: text/plain, a form.
        ['/api/boards', { method: 'POST', body: '{"format":"tabula","version":1,"shapes":[]}', headers: { 'content-type': 'text/plain' } }, 415],
        ['/api/boards', { method: 'POST', body: 'format=tabula', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415],
        ['/api/boards', { method: 'POST', body: new FormData() }, 415],
        ['/api/boards', { method: 'POST', body: '{}' }, 415],
        [`/api/boards/${id}`, { method: 'DELETE', headers: { origin: 'https://evil.example' } }, 403],
        [`/api/boards/${id}`, { method: 'DELETE', headers: { 'sec-fetch-site': 'cross-site' } }, 403],
        [`/api/boards/${id}/versions`, { method: 'POST', body: '{}', headers: { 'content-type': 'text/plain' } }, 415],
        [`/api/boards/${id}/assets`, { method: 'POST', body: PNG, headers: { 'content-type': 'image/png', origin: 'https://evil.example' } }, 403],
        [`/api/boards/${id}/assets`, { method: 'POST', body: PNG, headers: { 'content-type': 'text/plain' } }, 415],
        [`/api/boards/${id}/assets`, { method: 'POST', body: PNG, headers: { 'content-type': 'multipart/form-data; boundary=x' } }, 415],
      ];
      for (const [path, init, status] of refused) {
        const response = await api(path, init);
        expect(response.status, `${init.method} ${path} ${JSON.stringify(init.headers)}`).toBe(status);
        expect(await response.json()).toEqual({ error: expect.any(String) });
      }
      expect((await server.store.list()).sort()).toEqual([...before, id].sort());
      expect(await server.store.exists(id)).toBe(true);
      expect(await server.store.listVersions(id)).toEqual([]);
    });

    it('accepts writes from its own pages and from scripts', async () => {
      const sameOrigin = { origin: server.url };
      const accepted: Array<[string, RequestInit, number]> = [
        ['/api/boards', { method: 'POST', body: '{"format":"tabula","version":1,"shapes":[]}', headers: { ...JSON_TYPE, ...sameOrigin, 'sec-fetch-site': 'same-origin' } }, 201],
        ['/api/boards', { method: 'POST', body: '{"format":"tabula","version":1,"shapes":[]}', headers: { 'content-type': 'application/json; charset=utf-8', 'sec-fetch-site': 'same-origin' } }, 201],
        // A script: no Origin, no Sec-Fetch-Site; an empty POST needs no Content-Type.
        ['/api/boards', { method: 'POST', body: '{"format":"tabula","version":1,"shapes":[]}', headers: JSON_TYPE }, 201],
        ['/api/boards', { method: 'POST' }, 201],
      ];
      for (const [path, init, status] of accepted) expect((await api(path, init)).status, JSON.stringify(init.headers)).toBe(status);
      const id = await newBoard();
      expect((await api(`/api/boards/${id}/versions`, { method: 'POST', body: '{}', headers: { ...JSON_TYPE, ...sameOrigin } })).status).toBe(201);
      expect((await api(`/api/boards/${id}/assets`, { method: 'POST', body: PNG, headers: { 'content-type': 'image/png', ...sameOrigin } })).status).toBe(201);
      expect((await api(`/api/boards/${id}`, { method: 'DELETE', headers: sameOrigin })).status).toBe(204);
    });

    it('puts security headers on answers: JSON, SVG exports and images never run as pages of the origin', async () => {
      const id = await newBoard();
      const board = await api(`/api/boards/${id}`);
      expect(board.headers.get('x-content-type-options')).toBe('nosniff');
      expect(board.headers.get('referrer-policy')).toBe('no-referrer');
      expect(board.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");

      const svg = await api(`/api/boards/${id}/export.svg`);
      expect(svg.headers.get('content-type')).toContain('image/svg+xml');
      expect(svg.headers.get('x-content-type-options')).toBe('nosniff');
      const policy = svg.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain('sandbox');
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toMatch(/script-src/);

      const asset = (await (await api(`/api/boards/${id}/assets`, { method: 'POST', body: PNG, headers: { 'content-type': 'image/png' } })).json()) as { url: string };
      const image = await api(asset.url);
      expect(image.headers.get('x-content-type-options')).toBe('nosniff');
      expect(image.headers.get('content-security-policy')).toContain("default-src 'none'");
    });

    it('echoes no attacker-sized text in its reasons', async () => {
      const long = 'x'.repeat(100_000);
      for (const response of [
        await api('/api/boards', { method: 'POST', body: `{"${long}": `, headers: JSON_TYPE }),
        await api('/api/boards', { method: 'POST', body: JSON.stringify({ format: 'tabula', version: 1, shapes: [{ id: long, type: long }] }), headers: JSON_TYPE }),
        await api('/api/boards', { method: 'POST', body: '{}', headers: { 'content-type': `application/${long.slice(0, 8_000)}` } }),
        await api('/api/boards', { method: 'POST', body: '{}', headers: { ...JSON_TYPE, origin: `https://${long.slice(0, 8_000)}.example` } }),
      ]) {
        expect(response.status).toBeGreaterThanOrEqual(400);
        const { error } = (await response.json()) as { error: string };
        expect(error.length).toBeLessThanOrEqual(MAX_ECHOED_CHARS + 40);
      }
    });
  });

  describe(`PUBLIC_URL is the one origin browsers may come from (${store.name})`, () => {
    const publicUrl = 'https://board.example.com';
    const { server, sockets } = useTestServer({ ...store.env, PUBLIC_URL: `${publicUrl}/`, ALLOWED_ORIGINS: 'https://admin.example.com' });
    const post = (origin: string) => fetch(`${server.url}/api/boards`, { method: 'POST', headers: { ...JSON_TYPE, origin } });

    it('REST writes: the public origin and ALLOWED_ORIGINS pass; the Host the request reached does not', async () => {
      expect((await post(publicUrl)).status).toBe(201);
      expect((await post('https://admin.example.com')).status).toBe(201);
      // What a rebound DNS name looks like: Origin and Host agree, but are not the public origin.
      const rebound = await post(server.url);
      expect(rebound.status).toBe(403);
      expect(await rebound.json()).toEqual({ error: expect.stringContaining('not allowed') });
      expect((await post('https://evil.example')).status).toBe(403);
    });

    it('sockets, Socket.IO and /yjs: the same origins pass, the rebound one does not', async () => {
      expect(await socketAccepted(server.url, publicUrl, sockets)).toBe(true);
      expect(await socketAccepted(server.url, 'https://admin.example.com', sockets)).toBe(true);
      expect(await socketAccepted(server.url, server.url, sockets)).toBe(false);
      expect(await yjsStatus(server.url, publicUrl)).toBe(101);
      expect(await yjsStatus(server.url, server.url)).toBe(403);
      expect(await yjsStatus(server.url, 'https://evil.example')).toBe(403);
    });
  });

  describe(`storage failures are logged, and answered without detail (${store.name})`, () => {
    const { log, lines } = capturedLogger();
    let server: TestServer;
    afterAll(async () => {
      await server?.close().catch(() => undefined);
    });

    it('/readyz says 503 with a generic reason; a failing route answers 500 and logs the request', async () => {
      server = await startTestServer(store.env, undefined, log);
      const id = ((await (await fetch(`${server.url}/api/boards`, { method: 'POST' })).json()) as { id: string }).id;
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      await server.store.close();

      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ error: 'storage is not reachable' });
      expect(lines).toContainEqual(expect.objectContaining({ msg: expect.stringContaining('readiness check failed'), err: expect.objectContaining({ message: expect.any(String) }) }));

      const failed = await apiAs(server.url)(`/api/boards/${id}?probe=1`);
      expect(failed.status).toBe(500);
      expect(await failed.json()).toEqual({ error: 'internal error' });
      await eventually(() =>
        expect(lines).toContainEqual(expect.objectContaining({ level: 50, msg: 'request failed', method: 'GET', url: `/api/boards/${id}?probe=1`, client: '127.0.0.1' })),
      );
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    });
  });
}
