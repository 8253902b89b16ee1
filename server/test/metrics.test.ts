/**
 * GET /metrics, scraped over HTTP from a real server while real clients (Tabula's provider over
 * socket.io-client, y-websocket's own client over ws) connect, edit and leave: the figures move
 * as they should. The server runs in this process, so the registry is this process's: the test
 * reads differences between scrapes.
 */
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { addShape, newShapeId, readShapes } from '../../lib/board/doc';
import { newBoardId } from '../../lib/protocol';
import { recordRelayLag } from '../metrics/metrics';
import { startTestServer, useTestServer } from './support/in-process';
import { eventually, syncedPeer, withTimeout } from './support/peer';
import { type Samples, sampleOf, scrape } from './support/prometheus-text';
import { yjsClient } from './support/yjs-client';

const TRANSPORTS = ['socket.io', 'yjs'] as const;

/** How much a sample grew from one scrape to the next. */
const grew = (before: Samples, after: Samples, name: string, labels: Record<string, string> = {}) => sampleOf(after, name, labels) - sampleOf(before, name, labels);

describe('GET /metrics', () => {
  const { server, peers, closers } = useTestServer();

  it('answers in the Prometheus text format with every metric the README lists', async () => {
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    for (const [name, type] of [
      ['tabula_connections', 'gauge'],
      ['tabula_connections_refused_total', 'counter'],
      ['tabula_boards_in_memory', 'gauge'],
      ['tabula_messages_received_total', 'counter'],
      ['tabula_received_bytes_total', 'counter'],
      ['tabula_messages_sent_total', 'counter'],
      ['tabula_sent_bytes_total', 'counter'],
      ['tabula_update_apply_seconds', 'histogram'],
      ['tabula_store_append_seconds', 'histogram'],
      ['tabula_relay_lag_seconds', 'histogram'],
      ['nodejs_eventloop_lag_seconds', 'gauge'],
      ['process_cpu_seconds_total', 'counter'],
      ['process_resident_memory_bytes', 'gauge'],
    ]) {
      expect(text).toContain(`# TYPE ${name} ${type}\n`);
    }
    const post = await fetch(`${server.url}/metrics`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('counts connections by transport, boards, messages and bytes both ways, and the apply and store latencies', async () => {
    const before = await scrape(server.url);
    const boardId = newBoardId();
    const a = await syncedPeer(server.url, boardId);
    const b = await syncedPeer(server.url, boardId);
    peers.push(a, b);
    const script = yjsClient(server.url, boardId);
    closers.push(script.provider);
    await withTimeout(script.synced, 10_000, 'the y-websocket client did not sync');

    // One edit after the other, so that each is applied and stored on its own.
    addShape(a.doc, { id: newShapeId(), type: 'rectangle', x: 0, y: 0, w: 10, h: 10 });
    await eventually(() => {
      for (const doc of [a.doc, b.doc, script.doc]) expect(readShapes(doc).shapes).toHaveLength(1);
    }, 10_000);
    addShape(script.doc, { id: newShapeId(), type: 'ellipse', x: 20, y: 0, w: 10, h: 10 });
    await eventually(() => {
      for (const doc of [a.doc, b.doc, script.doc]) expect(readShapes(doc).shapes).toHaveLength(2);
    }, 10_000);

    const during = await scrape(server.url);
    expect(grew(before, during, 'tabula_connections', { transport: 'socket.io' })).toBe(2);
    expect(grew(before, during, 'tabula_connections', { transport: 'yjs' })).toBe(1);
    expect(grew(before, during, 'tabula_boards_in_memory')).toBe(1);
    for (const transport of TRANSPORTS) {
      // Each client sent its step 1, step 2 and an edit or presence; each was sent the others' edit.
      expect(grew(before, during, 'tabula_messages_received_total', { transport })).toBeGreaterThanOrEqual(2);
      expect(grew(before, during, 'tabula_messages_sent_total', { transport })).toBeGreaterThanOrEqual(2);
      expect(grew(before, during, 'tabula_received_bytes_total', { transport })).toBeGreaterThan(0);
      expect(grew(before, during, 'tabula_sent_bytes_total', { transport })).toBeGreaterThan(0);
    }
    // Two edits, each applied in a transaction of its own and appended.
    expect(grew(before, during, 'tabula_update_apply_seconds_count')).toBeGreaterThanOrEqual(2);
    expect(grew(before, during, 'tabula_store_append_seconds_count')).toBeGreaterThanOrEqual(2);
    expect(grew(before, during, 'tabula_store_append_seconds_sum')).toBeGreaterThan(0);

    for (const client of [a, b]) client.destroy();
    script.provider.destroy();
    // Gone from the gauges once the server has seen them go (and the empty board unloaded).
    await eventually(async () => {
      const after = await scrape(server.url);
      for (const transport of TRANSPORTS) expect(grew(before, after, 'tabula_connections', { transport })).toBe(0);
      expect(grew(before, after, 'tabula_boards_in_memory')).toBe(0);
    }, 10_000);
  });

  it('counts refused connections, and the relay lag the Redis relay records', async () => {
    const before = await scrape(server.url);
    const refusedWith = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/yjs/not!a!board!id`);
      ws.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      ws.once('error', () => resolve(0));
    });
    expect(refusedWith).toBe(400);
    recordRelayLag(0.02);
    const after = await scrape(server.url);
    expect(grew(before, after, 'tabula_connections_refused_total', { transport: 'yjs' })).toBe(1);
    expect(grew(before, after, 'tabula_relay_lag_seconds_count')).toBe(1);
    expect(grew(before, after, 'tabula_relay_lag_seconds_bucket', { le: '0.025' })).toBe(1);
    expect(grew(before, after, 'tabula_relay_lag_seconds_bucket', { le: '0.01' })).toBe(0);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  it('takes the token as a bearer token and refuses a request without it', async () => {
    const token = 'metrics-token-of-at-least-24-characters';
    const server = await startTestServer({ METRICS_TOKEN: token });
    try {
      const without = await fetch(`${server.url}/metrics`);
      expect(without.status).toBe(401);
      expect(((await without.json()) as { error: string }).error).toContain('METRICS_TOKEN');
      const wrong = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer not-the-metrics-token-at-all' } });
      expect(wrong.status).toBe(401);
      const samples = await scrape(server.url, { authorization: `Bearer ${token}` });
      expect(sampleOf(samples, 'tabula_connections', { transport: 'yjs' })).toBeGreaterThanOrEqual(0);
    } finally {
      await server.dispose();
    }
  });
});
