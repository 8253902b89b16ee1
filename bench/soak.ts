/**
 * The soak: N people on one board for a long time (issue 14, item 4), one line per window (a
 * minute by default) so that growth shows: edit delay p50/p99/worst and cursor p99 as the
 * observers saw them, the server's RSS and heap, the event loop's delay, the board's stored size
 * and the number of updates in its stored log (it must be compacted while the board stays open).
 * Loopback only; prints figures, gates nothing.
 *
 *   npx tsx bench/soak.ts --people 100 --minutes 60 --transport yjs --store level
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/tabula_soak npx tsx bench/soak.ts --people 100 --minutes 60 --store postgres
 *   npx tsx bench/soak.ts --people 30 --minutes 5 --window 30 --server-flags=--heapsnapshot-signal=SIGUSR2
 *
 * Workload (the issue's): each person edits their own note 5 times a second (one update per edit,
 * its x, y, w and h, written as one `box` as Tabula stores them) and moves their cursor 30 times a
 * second (one awareness update per move). With
 * `--transport yjs` each person is a raw y-websocket connection to /yjs/<board>; with `socketio`
 * a socket.io-client connection (bench/support/relay-clients.ts, shared with relay-tail.ts). Method
 * (../shared/BENCHMARKS.md): most people are light clients that send at the full rate and only
 * count what they receive, in one process; 4 observers in another apply everything and time each
 * edit and cursor move from the send time carried in it. The generator's CPU and the share of the
 * intended load it sent are printed: a run where the generator saturates measures the generator.
 *
 * Columns: edit p50/p99/worst (ms), cursor p99 (ms), RSS and heap used (MB, from /proc and the
 * server's /metrics), event-loop delay p99/max (ms, prom-client's, reset at each scrape), the
 * stored size of the board (LevelDB: the data directory; Postgres: snapshot plus log row bytes),
 * the updates in its stored log, compactions so far, the server's CPU share, the generator's CPU
 * share and sent share, the machine's 1-minute load average, the longest pause of the generator's
 * own event loops (light people / observers) and when the window's worst edit arrived (s since the
 * start): a worst edit that coincides with a generator pause is the generator's, not the server's.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { type ChildMessage, spawnChild } from './support/child-process';
import { cpuMs, memoryMb } from './support/proc';
import { BenchServer } from './support/server-process';
import { sleep } from './support/stats';

const CURSOR_HZ = 30;
const EDITS_PER_SECOND = 5;
/** Delays are kept in a histogram of 0.1 ms buckets up to 30 s, for the run's overall percentiles. */
const BUCKET_MS = 0.1;
const BUCKETS = 300_000;

interface Options {
  people: number;
  minutes: number;
  windowSeconds: number;
  observers: number;
  transport: 'yjs' | 'socketio';
  store: 'level' | 'postgres';
  serverFlags: string[];
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      people: { type: 'string', default: '100' },
      minutes: { type: 'string', default: '60' },
      window: { type: 'string', default: '60' },
      observers: { type: 'string', default: '4' },
      transport: { type: 'string', default: 'yjs' },
      store: { type: 'string', default: 'level' },
      'server-flags': { type: 'string', default: '' },
      role: { type: 'string' },
    },
  });
  const positive = (name: string, value: string) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, not ${value}`);
    return n;
  };
  if (values.transport !== 'yjs' && values.transport !== 'socketio') throw new Error('--transport must be yjs or socketio');
  if (values.store !== 'level' && values.store !== 'postgres') throw new Error('--store must be level or postgres');
  return {
    people: Math.round(positive('people', values.people)),
    minutes: positive('minutes', values.minutes),
    windowSeconds: positive('window', values.window),
    observers: Math.round(positive('observers', values.observers)),
    transport: values.transport,
    store: values.store,
    serverFlags: values['server-flags'] ? values['server-flags'].split(' ') : [],
  };
}

// ---------------------------------------------------------------------------------------------
// Generator processes: light people, and observers.

interface Person {
  connect(): Promise<void>;
  createShape(): void;
  edit(): void;
  moveCursor(): void;
  close(): void;
  stats: { sentEdits: number; sentCursors: number };
}

interface Measuring extends Person {
  takeWindow(): { edits: number[]; cursors: number[]; editTimes: number[] };
}

async function makePeople(transport: string, url: string, boardId: string, count: number, t0: number, observing: boolean): Promise<Measuring[]> {
  const clients = await import('./support/relay-clients');
  const roomUrl = `${url.replace(/^http/, 'ws')}/yjs/${boardId}`;
  if (!observing) {
    return Array.from({ length: count }, (_, i) => {
      const person = transport === 'yjs' ? new clients.YjsLightPerson(roomUrl, i, t0) : new clients.SocketIoLightPerson(url, boardId, i, t0);
      return Object.assign(person, { takeWindow: () => ({ edits: [], cursors: [], editTimes: [] }) });
    });
  }
  const { Observer } = await import('./support/observer');
  return Array.from({ length: count }, (_, i) => {
    const observer = new Observer(url, boardId, i, t0, { editProperties: 4, link: transport === 'yjs' ? clients.yjsObserverLink(roomUrl) : undefined });
    observer.measuring = true;
    const stats = { sentEdits: 0, sentCursors: 0 };
    return {
      stats,
      connect: () => observer.link.whenSynced(),
      createShape: () => observer.createShape(),
      edit: () => {
        observer.edit();
        stats.sentEdits++;
      },
      moveCursor: () => {
        observer.moveCursor();
        stats.sentCursors++;
      },
      close: () => observer.destroy(),
      // The observer's own arrays: the caller empties them once counted.
      takeWindow: () => {
        const report = observer.report();
        report.cursorTimes.length = 0;
        return { edits: report.editDelays, cursors: report.cursorDelays, editTimes: report.editTimes };
      },
    };
  });
}

async function runChild(role: string): Promise<void> {
  const url = process.env.BENCH_URL!;
  const boardId = process.env.BENCH_BOARD!;
  const count = Number(process.env.BENCH_COUNT);
  const t0 = Number(process.env.BENCH_T0);
  const send = (message: ChildMessage) => process.send!(message);
  const people = await makePeople(process.env.BENCH_TRANSPORT!, url, boardId, count, t0, role === 'observer');
  for (let i = 0; i < people.length; i += 20) await Promise.all(people.slice(i, i + 20).map((person) => person.connect()));
  for (const person of people) person.createShape();
  const timers: ReturnType<typeof setInterval>[] = [];
  const editHistogram = new Uint32Array(BUCKETS);
  const cursorHistogram = new Uint32Array(BUCKETS);
  const editWindow = new Uint32Array(BUCKETS);
  const cursorWindow = new Uint32Array(BUCKETS);
  const countDelay = (histogram: Uint32Array, delay: number) => histogram[Math.min(BUCKETS - 1, Math.max(0, Math.floor(delay / BUCKET_MS)))]!++;
  // The generator's own event loop: a pause here shows as edit delay that is not the server's.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  send({ type: 'ready' });
  process.on('message', (message: ChildMessage) => {
    if (message.type === 'start') {
      // Each person on timers of their own, started at a random moment of the period.
      for (const person of people) {
        setTimeout(() => {
          timers.push(setInterval(() => person.moveCursor(), 1000 / CURSOR_HZ));
          timers.push(setInterval(() => person.edit(), 1000 / EDITS_PER_SECOND));
        }, Math.random() * (1000 / EDITS_PER_SECOND));
      }
    } else if (message.type === 'take') {
      // Counted into histograms, not sorted: sorting a minute of cursor delays (~700,000) paused
      // this process for a few hundred ms at each window's end, and the edits queued behind the
      // pause were the window's worst: the generator measuring itself.
      editWindow.fill(0);
      cursorWindow.fill(0);
      let editWorst = -1;
      let worstAt = NaN;
      for (const person of people) {
        const window = person.takeWindow();
        window.edits.forEach((delay, i) => {
          countDelay(editWindow, delay);
          if (delay > editWorst) [editWorst, worstAt] = [delay, window.editTimes[i]!];
        });
        for (const delay of window.cursors) countDelay(cursorWindow, delay);
        // The observer's own arrays, emptied in place so that an hour does not pile up.
        window.edits.length = 0;
        window.cursors.length = 0;
        window.editTimes.length = 0;
      }
      addInto(editHistogram, editWindow);
      addInto(cursorHistogram, cursorWindow);
      const edits = histogramPercentiles(editWindow);
      const cursors = histogramPercentiles(cursorWindow);
      send({
        type: 'window',
        edits: edits.n,
        editP50: edits.p50,
        editP99: edits.p99,
        editWorst: edits.n > 0 ? editWorst : NaN,
        cursors: cursors.n,
        cursorP99: cursors.p99,
        sentEdits: people.reduce((sum, p) => sum + p.stats.sentEdits, 0),
        sentCursors: people.reduce((sum, p) => sum + p.stats.sentCursors, 0),
        worstAtSeconds: (worstAt - t0) / 1000,
        loopMaxMs: loopDelay.max / 1e6,
      });
      loopDelay.reset();
    } else if (message.type === 'summary') {
      for (const timer of timers) clearInterval(timer);
      send({ type: 'summary', edits: histogramPercentiles(editHistogram), cursors: histogramPercentiles(cursorHistogram) });
    } else if (message.type === 'exit') {
      for (const person of people) person.close();
      setTimeout(() => process.exit(0), 200);
    }
  });
}

/** Adds a window's counts into the run's. */
function addInto(total: Uint32Array, window: Uint32Array): void {
  for (let i = 0; i < total.length; i++) total[i]! += window[i]!;
}

function histogramPercentiles(histogram: Uint32Array): { n: number; p50: number; p99: number; p999: number } {
  const n = histogram.reduce((sum, c) => sum + c, 0);
  const at = (p: number) => {
    const rank = Math.ceil((p / 100) * n);
    let seen = 0;
    for (let i = 0; i < histogram.length; i++) {
      seen += histogram[i]!;
      if (seen >= rank) return (i + 1) * BUCKET_MS;
    }
    return NaN;
  };
  return { n, p50: at(50), p99: at(99), p999: at(99.9) };
}

// ---------------------------------------------------------------------------------------------
// The orchestrator.

/** The values of the server's /metrics this benchmark prints (MB, ms, counts). */
async function serverMetrics(url: string): Promise<{ heapMb: number; loopP99: number; loopMax: number; logUpdates: number; compactions: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) => {
    let sum = NaN;
    for (const match of text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'gm'))) sum = (Number.isNaN(sum) ? 0 : sum) + Number(match[1]);
    return sum;
  };
  return {
    heapMb: value('nodejs_heap_size_used_bytes') / 1024 / 1024,
    loopP99: value('nodejs_eventloop_lag_p99_seconds') * 1000,
    loopMax: value('nodejs_eventloop_lag_max_seconds') * 1000,
    logUpdates: value('tabula_stored_log_updates'),
    compactions: value('tabula_compactions_total'),
  };
}

function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? directoryBytes(full) : statSync(full).size;
  }
  return total;
}

/** The board's stored bytes and log length: LevelDB's whole directory, or Postgres's rows of it. */
async function storedBoard(options: Options, dataDir: string, db: pg.Pool | null, boardId: string, metricUpdates: number): Promise<{ mb: number; updates: number }> {
  if (!db) return { mb: directoryBytes(dataDir) / 1024 / 1024, updates: metricUpdates };
  const result = await db.query<{ bytes: string; updates: string }>(
    `SELECT (SELECT coalesce(sum(octet_length(data)), 0) FROM tabula_updates WHERE board_id = $1)
          + (SELECT coalesce(octet_length(snapshot), 0) FROM tabula_boards WHERE id = $1) AS bytes,
            (SELECT count(*) FROM tabula_updates WHERE board_id = $1) AS updates`,
    [boardId],
  );
  const row = result.rows[0]!;
  return { mb: Number(row.bytes) / 1024 / 1024, updates: Number(row.updates) };
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

async function main(): Promise<void> {
  const options = parseOptions();
  const databaseUrl = options.store === 'postgres' ? process.env.DATABASE_URL : undefined;
  if (options.store === 'postgres' && !databaseUrl) throw new Error('--store postgres needs DATABASE_URL');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tabula-soak-'));
  const db = databaseUrl ? new pg.Pool({ connectionString: databaseUrl, max: 1 }) : null;
  const server = await BenchServer.start({ nodeFlags: options.serverFlags, env: { DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) } });
  const boardId = `soak_${randomBytes(9).toString('base64url')}`;
  const t0 = Math.floor(performance.timeOrigin + performance.now());
  const observerCount = Math.min(options.observers, options.people);
  const env = { BENCH_URL: server.url, BENCH_BOARD: boardId, BENCH_T0: String(t0), BENCH_TRANSPORT: options.transport };
  const light = spawnChild(import.meta.url, 'light', { ...env, BENCH_COUNT: String(options.people - observerCount) });
  const observers = spawnChild(import.meta.url, 'observer', { ...env, BENCH_COUNT: String(observerCount) });
  const windows: Array<{ editWorst: number; editP99: number; rss: number; heap: number }> = [];
  try {
    await Promise.all([light.next('ready'), observers.next('ready')]);
    console.log(`# soak: ${options.people} people (${observerCount} observers) on one board, ${options.transport}, ${options.store}, ${options.minutes} min, windows of ${options.windowSeconds} s; server pid ${server.pid}; ${os.cpus().length} CPUs`);
    console.log('# min  edit p50/p99/worst ms  cursor p99  rss MB  heap MB  loop p99/max ms  stored MB  log updates  compactions  server cpu  gen cpu  sent  load1  gen loop max ms (light/observers)  worst at s');
    await sleep(1000);
    light.child.send({ type: 'start' });
    observers.child.send({ type: 'start' });
    const windowsTotal = Math.ceil((options.minutes * 60) / options.windowSeconds);
    let last = { at: performance.now(), server: cpuMs(server.pid), generator: cpuMs(light.child.pid!) + cpuMs(observers.child.pid!), sent: 0 };
    await serverMetrics(server.url); // resets the event loop's histogram
    for (let w = 1; w <= windowsTotal; w++) {
      await sleep(options.windowSeconds * 1000);
      light.child.send({ type: 'take' });
      observers.child.send({ type: 'take' });
      const [lightWindow, observed] = await Promise.all([light.next('window'), observers.next('window')]);
      const metrics = await serverMetrics(server.url);
      const stored = await storedBoard(options, dataDir, db, boardId, metrics.logUpdates);
      const rss = memoryMb(server.pid).current;
      const at = performance.now();
      const serverCpu = cpuMs(server.pid);
      const generator = cpuMs(light.child.pid!) + cpuMs(observers.child.pid!);
      const sent = Number(lightWindow.sentEdits) + Number(lightWindow.sentCursors) + Number(observed.sentEdits) + Number(observed.sentCursors);
      const elapsed = at - last.at;
      const intended = (options.people * (CURSOR_HZ + EDITS_PER_SECOND) * elapsed) / 1000;
      const o = observed as unknown as { editP50: number; editP99: number; editWorst: number; cursorP99: number; worstAtSeconds: number; loopMaxMs: number };
      const lightLoopMax = (lightWindow as unknown as { loopMaxMs: number }).loopMaxMs;
      windows.push({ editWorst: o.editWorst, editP99: o.editP99, rss, heap: metrics.heapMb });
      console.log(
        [
          fixed((w * options.windowSeconds) / 60, 1).padStart(5),
          `${fixed(o.editP50)}/${fixed(o.editP99)}/${fixed(o.editWorst, 0)}`.padStart(20),
          fixed(o.cursorP99).padStart(10),
          fixed(rss, 0).padStart(7),
          fixed(metrics.heapMb, 0).padStart(8),
          `${fixed(metrics.loopP99)}/${fixed(metrics.loopMax)}`.padStart(16),
          fixed(stored.mb, 2).padStart(10),
          String(stored.updates).padStart(12),
          String(metrics.compactions).padStart(12),
          `${fixed(((serverCpu - last.server) / elapsed) * 100, 0)}%`.padStart(11),
          `${fixed(((generator - last.generator) / elapsed) * 100, 0)}%`.padStart(8),
          `${fixed(((sent - last.sent) / intended) * 100, 0)}%`.padStart(5),
          fixed(os.loadavg()[0]!, 2).padStart(6),
          `${fixed(lightLoopMax, 0)}/${fixed(o.loopMaxMs, 0)}`.padStart(34),
          fixed(o.worstAtSeconds, 1).padStart(11),
        ].join(' '),
      );
      last = { at, server: serverCpu, generator, sent };
    }
    observers.child.send({ type: 'summary' });
    const summary = (await observers.next('summary')) as unknown as { edits: { n: number; p50: number; p99: number; p999: number }; cursors: { n: number; p50: number; p99: number; p999: number } };
    const worst = windows.reduce((max, w) => Math.max(max, w.editWorst), 0);
    const settled = windows.slice(Math.min(2, windows.length - 1));
    const rssRange = settled.map((w) => w.rss);
    const heapRange = settled.map((w) => w.heap);
    console.log(`# summary: edits n=${summary.edits.n} p50/p99/p99.9 ${fixed(summary.edits.p50)}/${fixed(summary.edits.p99)}/${fixed(summary.edits.p999)} ms; cursors n=${summary.cursors.n} p50/p99 ${fixed(summary.cursors.p50)}/${fixed(summary.cursors.p99)} ms`);
    console.log(`# worst edit delay of any window ${fixed(worst, 0)} ms; windows with a worst above 250 ms: ${windows.filter((w) => w.editWorst > 250).length} of ${windows.length}`);
    console.log(`# after the first two windows: RSS ${fixed(Math.min(...rssRange), 0)}-${fixed(Math.max(...rssRange), 0)} MB, heap ${fixed(Math.min(...heapRange), 0)}-${fixed(Math.max(...heapRange), 0)} MB; peak RSS ${fixed(memoryMb(server.pid).peak, 0)} MB`);
  } finally {
    light.child.send({ type: 'exit' });
    observers.child.send({ type: 'exit' });
    await sleep(500);
    await server.stop();
    await db?.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const roleIndex = process.argv.indexOf('--role');
if (roleIndex >= 0) {
  void runChild(process.argv[roleIndex + 1]!);
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
