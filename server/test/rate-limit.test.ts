/**
 * Routes that decode or store whole boards are limited per client address: past the burst they
 * answer 429 with Retry-After and a reason; other clients, and the other routes, carry on.
 * X-Forwarded-For counts only as far as TRUST_PROXY says.
 */
import { describe, expect, it } from 'vitest';
import { newBoardId } from '../../lib/protocol';
import { apiAs } from './support/access';
import { useTestServer } from './support/in-process';
import { testStores } from './support/stores';

const BURST = 4;
/** One request every 10 s: the bucket does not refill during a test. */
const LIMIT = { HTTP_RATE_BURST: String(BURST), HTTP_RATE_PER_SECOND: '0.1' };

for (const store of testStores('HTTP rate limit')) {
  describe(`HTTP rate limit per client (${store.name})`, () => {
    const { server } = useTestServer({ ...store.env, ...LIMIT });
    const api = (path: string, init?: RequestInit) => apiAs(server.url)(path, init);

    it('answers 429 with Retry-After past the burst, on every costly route, and not on the others', async () => {
      const { id } = (await (await api('/api/boards', { method: 'POST' })).json()) as { id: string };
      for (let i = 1; i < BURST; i++) expect((await api(`/api/boards/${id}`)).status).toBe(200);
      for (const [path, init] of [
        [`/api/boards/${id}`, undefined],
        [`/api/boards/${id}/export.svg`, undefined],
        [`/api/boards/${id}/versions`, undefined],
        [`/api/boards/${id}/versions`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }],
        [`/api/boards/${newBoardId()}`, undefined],
        ['/api/boards', { method: 'POST' }],
        [`/api/boards/${id}/assets`, { method: 'POST', body: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), headers: { 'content-type': 'image/png' } }],
      ] as const) {
        const response = await api(path, init);
        expect(response.status, `${init?.method ?? 'GET'} ${path}`).toBe(429);
        expect(response.headers.get('retry-after')).toBe('10');
        expect(await response.json()).toEqual({ error: expect.stringContaining('too many requests') });
      }
      // A client cannot choose its bucket: without TRUST_PROXY the header is not believed.
      expect((await api(`/api/boards/${id}`, { headers: { 'x-forwarded-for': '203.0.113.7' } })).status).toBe(429);
      // What does not decode a board is not limited.
      expect((await api('/healthz')).status).toBe(200);
      expect((await api(`/api/assets/${newBoardId()}`)).status).toBe(404);
      expect((await api(`/api/boards/${id}`, { method: 'DELETE' })).status).toBe(204);
    });
  });

  describe(`the bytes a request cost are charged once it is served (${store.name})`, () => {
    // Plenty of requests, but 2 KB of bytes at once and 1 KB a second.
    const { server } = useTestServer({ ...store.env, HTTP_RATE_BURST: '1000', HTTP_RATE_PER_SECOND: '1000', HTTP_RATE_BYTE_BURST: '2048', HTTP_RATE_BYTES_PER_SECOND: '1024' });
    const api = (path: string, init?: RequestInit) => apiAs(server.url)(path, init);

    it('lets small answers through and makes the client wait after a large one', async () => {
      const { id } = (await (await api('/api/boards', { method: 'POST' })).json()) as { id: string };
      // An empty board's answer is a few dozen bytes: well inside the budget, many times over.
      for (let i = 0; i < 20; i++) expect((await api(`/api/boards/${id}`)).status).toBe(200);
      const shapes = Array.from({ length: 40 }, (_, i) => ({ id: `r${i}`, type: 'rectangle', x: i, y: i, w: 10, h: 10, z: `a${i}`, rotation: 0, stroke: '#000000', fill: 'none', strokeWidth: 2, opacity: 1 }));
      const body = JSON.stringify({ format: 'tabula', version: 1, shapes });
      expect(body.length).toBeGreaterThan(4096);
      const created = await api('/api/boards', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
      expect(created.status).toBe(201);
      // The stored body put the client more than a second's bytes in debt.
      const refused = await api(`/api/boards/${id}`);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    });
  });

  describe(`behind a proxy (TRUST_PROXY=1) the client is the address the proxy saw (${store.name})`, () => {
    const { server } = useTestServer({ ...store.env, ...LIMIT, TRUST_PROXY: '1' });
    const get = (forwardedFor: string) => fetch(`${server.url}/api/boards/${newBoardId()}`, { headers: { 'x-forwarded-for': forwardedFor } });

    it('counts each forwarded client apart, and ignores what a client wrote before the proxy', async () => {
      for (let i = 0; i < BURST; i++) expect((await get('198.51.100.1')).status).toBe(404);
      expect((await get('198.51.100.1')).status).toBe(429);
      // The client sent its own X-Forwarded-For; the proxy appended the real address.
      expect((await get('192.0.2.55, 198.51.100.1')).status).toBe(429);
      expect((await get('198.51.100.2')).status).toBe(404);
      // IPv6 clients count per /64.
      for (let i = 0; i < BURST; i++) expect((await get(`2001:db8:1:2::${i + 1}`)).status).toBe(404);
      expect((await get('2001:db8:1:2:ffff::9')).status).toBe(429);
      expect((await get('2001:db8:1:3::1')).status).toBe(404);
    });
  });
}
