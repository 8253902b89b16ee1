/**
 * The process's metrics, in one Registry served at GET /metrics in the Prometheus text format.
 * prom-client stays inside this module: the rest of the server records through the named,
 * typed functions below, so a metric's name, labels and buckets are defined once.
 *
 * One registry per process: a Prometheus target is a process. (Tests that run two servers in one
 * process see their sums; the integration tests read differences.)
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The two ways a client reaches a board. */
export type Transport = 'socket.io' | 'yjs';

const registry = new Registry();
// Process CPU and resident memory, heap, handles, and the event loop's delay
// (nodejs_eventloop_lag_*), sampled by prom-client itself.
collectDefaultMetrics({ register: registry });

/** From a tenth of a millisecond to ten seconds: an apply or an append is usually well under 10 ms. */
const LATENCY_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];
/** Relay lag crosses a network and another process: from a millisecond to ten seconds. */
const RELAY_LAG_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const connections = new Gauge({
  name: 'tabula_connections',
  help: 'Open client connections, by transport',
  labelNames: ['transport'] as const,
  registers: [registry],
});

const counterByTransport = (name: string, help: string) => new Counter({ name, help: `${help}, by transport`, labelNames: ['transport'] as const, registers: [registry] });
const connectionsRefused = counterByTransport('tabula_connections_refused_total', 'Connections refused before they opened (access, caps, draining)');
const messagesReceived = counterByTransport('tabula_messages_received_total', 'Messages received from clients');
const bytesReceived = counterByTransport('tabula_received_bytes_total', 'Bytes of the messages received from clients');
const messagesSent = counterByTransport('tabula_messages_sent_total', 'Messages sent to clients (a broadcast counts once per recipient)');
const bytesSent = counterByTransport('tabula_sent_bytes_total', 'Bytes of the messages sent to clients');

const updateApply = new Histogram({
  name: 'tabula_update_apply_seconds',
  help: "Time to validate and apply one batch of clients' updates to a board (one transaction)",
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});
const storeAppend = new Histogram({
  name: 'tabula_store_append_seconds',
  help: 'Time from handing an update to the store to its being durable (group commit included)',
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});
const relayLag = new Histogram({
  name: 'tabula_relay_lag_seconds',
  help: 'Time from an update being published by one instance to its arrival on this one (Redis relay)',
  buckets: RELAY_LAG_BUCKETS,
  registers: [registry],
});

// Every transport's series exist from the start (at 0), so that a dashboard's rate() has a baseline.
for (const transport of ['socket.io', 'yjs'] as const) {
  connections.set({ transport }, 0);
  for (const counter of [connectionsRefused, messagesReceived, bytesReceived, messagesSent, bytesSent]) counter.inc({ transport }, 0);
}

/** Sources of the boards-in-memory gauge (one per server in this process), read at each scrape. */
const boardSources = new Set<() => number>();
new Gauge({
  name: 'tabula_boards_in_memory',
  help: 'Boards loaded in memory',
  registers: [registry],
  collect() {
    let boards = 0;
    for (const source of boardSources) boards += source();
    this.set(boards);
  },
});

/** Sources of the stored-log gauge (one per server in this process), read at each scrape. */
const storedLogSources = new Set<() => number>();
new Gauge({
  name: 'tabula_stored_log_updates',
  help: 'Updates in the stored logs of the boards in memory since their last snapshot (compaction folds them)',
  registers: [registry],
  collect() {
    let updates = 0;
    for (const source of storedLogSources) updates += source();
    this.set(updates);
  },
});
const compactions = new Counter({
  name: 'tabula_compactions_total',
  help: "Compactions of a board's stored log into one snapshot, by when: while the board is open, or as it leaves memory",
  labelNames: ['when'] as const,
  registers: [registry],
});
for (const when of ['open', 'unload'] as const) compactions.inc({ when }, 0);

/** The scrape: the text and its content type. */
export async function scrapeMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/** Counts a connection as open until the returned function is called (later calls do nothing). */
export function recordConnectionOpened(transport: Transport): () => void {
  connections.inc({ transport });
  let open = true;
  return () => {
    if (!open) return;
    open = false;
    connections.dec({ transport });
  };
}

export function recordConnectionRefused(transport: Transport): void {
  connectionsRefused.inc({ transport });
}

/** `messages` is 0 for a frame that carries more of a message already counted (a binary attachment). */
export function recordReceived(transport: Transport, bytes: number, messages = 1): void {
  messagesReceived.inc({ transport }, messages);
  bytesReceived.inc({ transport }, bytes);
}

/** Like recordReceived, for what goes to one client. */
export function recordSent(transport: Transport, bytes: number, messages = 1): void {
  messagesSent.inc({ transport }, messages);
  bytesSent.inc({ transport }, bytes);
}

export function recordUpdateApply(seconds: number): void {
  updateApply.observe(seconds);
}

export function recordStoreAppend(seconds: number): void {
  storeAppend.observe(seconds);
}

/** For the Redis relay: how long a relayed update took from its origin instance to this one. */
export function recordRelayLag(seconds: number): void {
  relayLag.observe(seconds);
}

/** Counts the boards `source` reports until the returned function is called. */
export function observeBoardsInMemory(source: () => number): () => void {
  boardSources.add(source);
  return () => boardSources.delete(source);
}

/** Counts the stored-log updates `source` reports until the returned function is called. */
export function observeStoredLogs(source: () => number): () => void {
  storedLogSources.add(source);
  return () => storedLogSources.delete(source);
}

export function recordCompaction(when: 'open' | 'unload'): void {
  compactions.inc({ when });
}

/** Seconds since `start` (a `performance.now()` reading). */
export function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}
