/**
 * Edit latency: the delay from one person's edit to the others seeing it, on loopback.
 *
 *   npx tsx bench/edit-latency.ts [--clients 2,20] [--seconds 10] [--rate 5] [--warmup 2]
 *                                 [--runs 3] [--observers all|<n>] [--drain 5]
 *                                 [--server-prof <dir>] [--server-entry <file>]
 *
 * For each client count, and each run, a fresh Tabula server is started as its own process
 * (`node --import tsx server/main.ts`: one process, so its pid is the server's for /proc; no UI;
 * LevelDB in a temporary DATA_DIR, DATABASE_URL ignored; port 0 on 127.0.0.1) and every client
 * opens one new board. Each client owns one rectangle and sets its `x` to a counter `--rate` times
 * a second (fixed schedule, random phase, late ticks skipped rather than caught up); the send time
 * of (shape, x) goes into a table shared by every client in this process. Observers are full
 * clients (BoardProvider over socket.io-client, their own Y.Doc and Awareness) that note the
 * receipt time of every (shape, x) they see in a remote transaction (`observeDeep` on the shapes
 * map); delay = receipt - send, both `performance.timeOrigin + performance.now()`.
 *
 * `--observers <n>` makes only the first n clients full; the rest are light clients (see
 * /work/shared/BENCHMARKS.md): they send the same edits at the same rate through a raw Socket.IO
 * connection and count what they receive without decoding it. By default every client is full.
 *
 * Reported per client count (every run, then medians across runs): edits sent / intended, sync
 * messages delivered to clients, delay p50/p95/p99/max over every (edit, observer) pair, this
 * process's CPU and event-loop delay (a saturated generator measures itself, not the server), the
 * server's CPU time (utime + stime from /proc/<pid>/stat) per delivered update and per edit, its
 * peak RSS (VmHWM), and the CPU that every other process on the machine used meanwhile.
 *
 * `--server-prof <dir>` writes a V8 CPU profile of each server; `--server-entry <file>` runs
 * another entry file instead of server/main.ts (an instrumented or patched variant, for
 * comparisons that leave server/ untouched).
 *
 * Loopback only, bounded in time (a watchdog ends the whole run); every process started is stopped
 * by its process group and every temporary directory removed, on success, on error and on Ctrl-C.
 * Nothing here gates CI.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { addShape, getShapesMap, newShapeId, updateShapes } from '../lib/board/doc';
import { encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate, newBoardId, SYNC_EVENT, TICK_EVENT } from '../lib/protocol';
import { BoardProvider } from '../lib/sync/board-provider';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  clients: number[];
  seconds: number;
  rate: number;
  warmup: number;
  runs: number;
  /** Full clients per scenario; null = all. */
  observers: number | null;
  /** Longest wait, after the last measured edit, for deliveries still in flight. */
  drain: number;
  /** Write a V8 CPU profile of each server process into this directory. */
  serverProf: string | null;
  /** The server's entry file (to compare a variant without touching server/). */
  serverEntry: string;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { clients: [2, 20], seconds: 10, rate: 5, warmup: 2, runs: 3, observers: null, drain: 5, serverProf: null, serverEntry: 'server/main.ts' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const positive = (v: string): number => {
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag}: "${v}" is not a positive number`);
      return n;
    };
    switch (flag) {
      case '--clients':
        options.clients = value()
          .split(',')
          .map((s) => Math.round(positive(s.trim())));
        if (options.clients.some((n) => n < 2)) throw new Error('--clients: at least 2 clients per board');
        break;
      case '--seconds':
        options.seconds = positive(value());
        break;
      case '--rate':
        options.rate = positive(value());
        break;
      case '--warmup':
        options.warmup = Number(value());
        if (!(options.warmup >= 0)) throw new Error('--warmup must be >= 0');
        break;
      case '--runs':
        options.runs = Math.round(positive(value()));
        break;
      case '--observers': {
        const v = value();
        options.observers = v === 'all' ? null : Math.round(positive(v));
        break;
      }
      case '--drain':
        options.drain = positive(value());
        break;
      case '--server-prof':
        options.serverProf = path.resolve(value());
        break;
      case '--server-entry':
        options.serverEntry = path.resolve(value());
        break;
      case '--help':
      case '-h':
        console.log('usage: npx tsx bench/edit-latency.ts [--clients 2,20] [--seconds 10] [--rate 5] [--warmup 2] [--runs 3] [--observers all|<n>] [--drain 5] [--server-prof <dir>] [--server-entry <file>]');
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${arg} (try --help)`);
    }
  }
  return options;
}

// ---------------------------------------------------------------------------------------------
// Clock, statistics, /proc

const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

function median(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return NaN;
  const mid = finite.length >> 1;
  return finite.length % 2 === 1 ? (finite[mid] ?? NaN) : ((finite[mid - 1] ?? 0) + (finite[mid] ?? 0)) / 2;
}

let clockTicks = 100;
try {
  clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  /* 100 on every Linux we run on */
}

/** utime + stime of a process, in milliseconds. */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may contain spaces: fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / clockTicks;
}

/** Busy time of the whole machine (every CPU), in milliseconds. */
function machineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const [, ...values] = line.trim().split(/\s+/);
  const ticks = values.map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already counted in user)
  const busy = ticks.slice(0, 8).reduce((sum, v, i) => (i === 3 || i === 4 ? sum : sum + (v || 0)), 0);
  return (busy * 1000) / clockTicks;
}

function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : NaN;
}

// ---------------------------------------------------------------------------------------------
// Cleanup: every process group started and every temporary directory, whatever happens.

const startedGroups = new Set<number>();
const tempDirs = new Set<string>();

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

function cleanupNow(): void {
  for (const pid of startedGroups) killGroup(pid, 'SIGKILL');
  startedGroups.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

process.on('exit', cleanupNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the server and removing temporary data`);
    cleanupNow();
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------------------------
// The server, as its own process

interface ServerProcess {
  pid: number;
  url: string;
  child: ChildProcess;
  dataDir: string;
  stop(): Promise<void>;
}

async function startServer(profileDir: string | null, entry: string): Promise<ServerProcess> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tabula-bench-'));
  tempDirs.add(dataDir);
  // `node --import tsx` is one process (tsx's CLI would fork a second node): its pid is the
  // server's, for /proc. LOG_LEVEL=info only adds the "listening" line (with the port) and the
  // shutdown line: the server logs nothing per message.
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  // The embedded LevelDB store, whatever this shell has in DATABASE_URL.
  const { DATABASE_URL: _unused, ...inherited } = process.env;
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', entry], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...inherited,
      SERVE_UI: 'false',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  if (child.pid === undefined) throw new Error('could not start the server');
  const pid = child.pid;
  startedGroups.add(pid);

  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start within 30 s\n${stderr}`)), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (code ${code}) before listening\n${stderr}`));
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        try {
          const entry = JSON.parse(line) as { msg?: string; url?: string };
          if (entry.msg === 'listening' && entry.url) {
            clearTimeout(timer);
            resolve(entry.url.replace('localhost', '127.0.0.1'));
          }
        } catch {
          /* not a log line */
        }
      }
    });
  });

  const health = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) });
  if (health.status !== 200) throw new Error(`GET /healthz answered ${health.status}`);
  const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  if (!comm.startsWith('node')) throw new Error(`pid ${pid} is "${comm}", not the server's node process`);

  return {
    pid,
    url,
    child,
    dataDir,
    async stop() {
      killGroup(pid, 'SIGTERM');
      const timedOut = await Promise.race([exited.then(() => false), sleep(5_000).then(() => true)]);
      // The group also holds tsx's esbuild service; make sure nothing of it survives.
      killGroup(pid, 'SIGKILL');
      if (timedOut) await Promise.race([exited, sleep(2_000)]);
      startedGroups.delete(pid);
      rmSync(dataDir, { recursive: true, force: true });
      tempDirs.delete(dataDir);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Clients

/** (shapeId, x) -> send time and what became of the edit. Shared by every client in this process. */
interface EditRecord {
  sentAt: number;
  sender: number;
  measured: boolean;
  /** Observers (other than the sender) that have seen it. */
  seenBy: number;
}

class Ledger {
  readonly edits = new Map<string, EditRecord>();
  readonly delays: number[] = [];
  measuring = false;
  /** Measured (edit, observer) pairs still expected. */
  outstanding = 0;

  constructor(private readonly observerCount: (sender: number) => number) {}

  sent(shapeId: string, x: number, sender: number, sentAt: number): void {
    const measured = this.measuring;
    this.edits.set(`${shapeId}|${x}`, { sentAt, sender, measured, seenBy: 0 });
    if (measured) this.outstanding += this.observerCount(sender);
  }

  seen(shapeId: string, x: unknown, observer: number, at: number): void {
    const record = this.edits.get(`${shapeId}|${String(x)}`);
    if (!record || record.sender === observer) return;
    record.seenBy++;
    if (!record.measured) return;
    this.delays.push(at - record.sentAt);
    this.outstanding--;
  }
}

interface BenchClient {
  index: number;
  full: boolean;
  shapeId: string;
  /** Sync messages received (full and light alike). */
  received: number;
  disconnects: number;
  edit(x: number): void;
  /** Local updates not yet acknowledged by the server. */
  pending(): number;
  /** Shapes this client knows (full clients only). */
  shapeCount(): number;
  destroy(): void;
}

const socketOptions = { forceNew: true, reconnection: false, timeout: 10_000 } as const;

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A real client: BoardProvider, its own Y.Doc and Awareness; observes every remote change. */
async function fullClient(url: string, boardId: string, index: number, ledger: Ledger): Promise<BenchClient> {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  const provider = new BoardProvider({ url, boardId, doc, awareness, socketOptions });
  const shapes = getShapesMap(doc);
  const shapeId = newShapeId();
  const client: BenchClient = {
    index,
    full: true,
    shapeId,
    received: 0,
    disconnects: 0,
    edit(x) {
      ledger.sent(shapeId, x, index, now());
      updateShapes(doc, new Map([[shapeId, { x }]]));
    },
    pending: () => provider.pendingUpdates,
    shapeCount: () => shapes.size,
    destroy() {
      provider.destroy();
      awareness.destroy();
      doc.destroy();
    },
  };
  provider.socket.on(TICK_EVENT, () => {
    client.received++;
  });
  provider.socket.on('disconnect', () => {
    client.disconnects++;
  });
  shapes.observeDeep((events, transaction) => {
    if (transaction.local) return;
    const at = now();
    for (const event of events) {
      if (event.target === shapes || !(event instanceof Y.YMapEvent) || !event.keysChanged.has('x')) continue;
      const id = event.path[0];
      if (typeof id === 'string') ledger.seen(id, (event.target as Y.Map<unknown>).get('x'), index, at);
    }
  });
  try {
    await withTimeout(provider.whenSynced(), 15_000, `client ${index} did not sync`);
  } catch (error) {
    client.destroy();
    throw error;
  }
  addShape(doc, { id: shapeId, type: 'rectangle', x: 0, y: index * 10, w: 40, h: 30 });
  return client;
}

/**
 * A light client: a raw Socket.IO connection with a Y.Doc that holds only its own shape. It sends
 * the same updates as a full client, answers the server's sync step 1, and counts what it
 * receives without decoding or applying any of it.
 */
async function lightClient(url: string, boardId: string, index: number, ledger: Ledger): Promise<BenchClient> {
  const doc = new Y.Doc();
  const socket: Socket = io(url, { ...socketOptions, transports: ['websocket'], auth: { boardId } });
  const shapeId = newShapeId();
  let unacknowledged = 0;
  const onAck = () => {
    unacknowledged--;
  };
  let synced!: () => void;
  const whenSynced = new Promise<void>((resolve) => (synced = resolve));
  const client: BenchClient = {
    index,
    full: false,
    shapeId,
    received: 0,
    disconnects: 0,
    edit(x) {
      ledger.sent(shapeId, x, index, now());
      updateShapes(doc, new Map([[shapeId, { x }]]));
    },
    pending: () => unacknowledged,
    shapeCount: () => NaN,
    destroy() {
      socket.removeAllListeners();
      socket.disconnect();
      doc.destroy();
    },
  };
  socket.on('connect', () => socket.emit(SYNC_EVENT, encodeSyncStep1(doc)));
  socket.on('disconnect', () => {
    client.disconnects++;
  });
  socket.on(TICK_EVENT, () => {
    client.received++;
  });
  socket.on(SYNC_EVENT, (frame: Uint8Array | string) => {
    // Only the type of the sync exchange's messages is read (first byte): 0 = step 1, 1 = step 2.
    if (typeof frame === 'string') return;
    const type = frame[0];
    if (type === 0) {
      unacknowledged++;
      socket.emit(SYNC_EVENT, encodeSyncStep2(doc), onAck);
    } else if (type === 1) synced();
  });
  doc.on('update', (update: Uint8Array) => {
    unacknowledged++;
    socket.emit(SYNC_EVENT, encodeSyncUpdate(update), onAck);
  });
  socket.connect();
  try {
    await withTimeout(whenSynced, 15_000, `light client ${index} did not sync`);
  } catch (error) {
    client.destroy();
    throw error;
  }
  addShape(doc, { id: shapeId, type: 'rectangle', x: 0, y: index * 10, w: 40, h: 30 });
  return client;
}

// ---------------------------------------------------------------------------------------------
// One measurement

interface RunResult {
  clients: number;
  observers: number;
  intended: number;
  sent: number;
  deliveries: number;
  observed: number;
  missing: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  benchCpuPct: number;
  loopDelayP99: number;
  serverCpuPct: number;
  /** CPU used by every other process on the machine during the window (100 = one core). */
  otherCpuPct: number;
  serverUsPerDelivery: number;
  /** Server CPU time per edit received (validating, applying, storing, acknowledging, relaying). */
  serverUsPerEdit: number;
  serverPeakRssMb: number;
  disconnects: number;
}

async function runOnce(clientCount: number, options: Options): Promise<RunResult> {
  const observerCount = Math.min(clientCount, options.observers ?? clientCount);
  const server = await startServer(options.serverProf, options.serverEntry);
  const clients: BenchClient[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  try {
    const boardId = newBoardId();
    const isFull = (i: number) => i < observerCount;
    const ledger = new Ledger((sender) => observerCount - (isFull(sender) ? 1 : 0));

    // Connect a few at a time: a real board fills up over seconds, not in one burst.
    for (let i = 0; i < clientCount; i += 5) {
      const batch = [];
      for (let j = i; j < Math.min(clientCount, i + 5); j++) {
        batch.push((isFull(j) ? fullClient : lightClient)(server.url, boardId, j, ledger));
      }
      const settled = await Promise.allSettled(batch);
      for (const result of settled) if (result.status === 'fulfilled') clients.push(result.value);
      const failed = settled.find((result) => result.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;
    }
    const fulls = clients.filter((c) => c.full);
    await withTimeout(
      (async () => {
        while (fulls.some((c) => c.shapeCount() < clientCount)) await sleep(10);
      })(),
      15_000,
      'the clients did not all see every shape',
    );

    // Fixed schedule per client, random phase; a tick that comes too late is skipped, not caught
    // up, so that a saturated generator shows as "sent < intended".
    const intervalMs = 1000 / options.rate;
    const counters = clients.map(() => 0);
    let sending = true;
    let sentInWindow = 0;
    const startAt = performance.now() + 50;
    for (const client of clients) {
      let due = startAt + Math.random() * intervalMs;
      const tick = () => {
        if (!sending) return;
        const t = performance.now();
        // Timers may fire a fraction of a millisecond early; more than one interval late is a
        // missed tick.
        if (t >= due - 1) {
          if (t - due < intervalMs) {
            const x = ++counters[client.index]!;
            client.edit(x);
            if (ledger.measuring) sentInWindow++;
          }
          due += intervalMs;
          while (due <= t) due += intervalMs;
        }
        const timer = setTimeout(tick, Math.max(0, due - performance.now()));
        timers.add(timer);
        timer.unref();
      };
      const timer = setTimeout(tick, Math.max(0, due - performance.now()));
      timers.add(timer);
    }

    await sleep(options.warmup * 1000);

    // Measurement window.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    const serverCpu0 = processCpuMs(server.pid);
    const machine0 = machineBusyMs();
    const received0 = clients.reduce((sum, c) => sum + c.received, 0);
    ledger.measuring = true;
    await sleep(options.seconds * 1000);
    ledger.measuring = false;
    sending = false;
    for (const timer of timers) clearTimeout(timer);
    const cpu1 = process.cpuUsage(cpu0);
    const wall1 = performance.now();
    const machine1 = machineBusyMs();
    const serverCpuWindow = processCpuMs(server.pid);
    loopDelay.disable();

    // Drain: wait for the measured edits still in flight (bounded).
    const drainUntil = performance.now() + options.drain * 1000;
    while ((ledger.outstanding > 0 || clients.some((c) => c.pending() > 0)) && performance.now() < drainUntil) await sleep(10);
    await sleep(50);
    const serverCpu1 = processCpuMs(server.pid);
    const wall2 = performance.now();
    const deliveries = clients.reduce((sum, c) => sum + c.received, 0) - received0;
    const peakRssKb = statusKb(server.pid, 'VmHWM');

    const delays = [...ledger.delays].sort((a, b) => a - b);
    const benchCpuMs = (cpu1.user + cpu1.system) / 1000;
    return {
      clients: clientCount,
      observers: observerCount,
      intended: Math.round(clientCount * options.rate * options.seconds),
      sent: sentInWindow,
      deliveries,
      observed: delays.length,
      missing: ledger.outstanding,
      p50: percentile(delays, 50),
      p95: percentile(delays, 95),
      p99: percentile(delays, 99),
      max: delays.length > 0 ? (delays[delays.length - 1] ?? NaN) : NaN,
      benchCpuPct: (100 * benchCpuMs) / (wall1 - wall0),
      loopDelayP99: loopDelay.percentile(99) / 1e6,
      serverCpuPct: (100 * (serverCpu1 - serverCpu0)) / (wall2 - wall0),
      otherCpuPct: (100 * (machine1 - machine0 - benchCpuMs - (serverCpuWindow - serverCpu0))) / (wall1 - wall0),
      serverUsPerDelivery: deliveries > 0 ? ((serverCpu1 - serverCpu0) * 1000) / deliveries : NaN,
      serverUsPerEdit: sentInWindow > 0 ? ((serverCpu1 - serverCpu0) * 1000) / sentInWindow : NaN,
      serverPeakRssMb: peakRssKb / 1024,
      disconnects: clients.reduce((sum, c) => sum + c.disconnects, 0),
    };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    for (const client of clients) client.destroy();
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Output

const f = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');

function table(rows: RunResult[], title: string): string {
  const header =
    '| clients (full) | edits sent / intended | deliveries | missing | p50 ms | p95 ms | p99 ms | max ms | bench CPU % | bench loop delay p99 ms | server CPU % | server CPU per delivered update µs | server CPU per edit µs | server peak RSS MB | other processes CPU % |';
  const rule = `|${header
    .split('|')
    .slice(1, -1)
    .map(() => ' --- ')
    .join('|')}|`;
  const lines = rows.map(
    (r) =>
      `| ${r.clients} (${r.observers}) | ${r.sent} / ${r.intended} (${f((100 * r.sent) / r.intended, 0)}%) | ${r.deliveries} | ${r.missing} | ${f(r.p50, 2)} | ${f(r.p95, 2)} | ${f(r.p99, 2)} | ${f(r.max, 1)} | ${f(r.benchCpuPct, 0)} | ${f(r.loopDelayP99, 1)} | ${f(r.serverCpuPct, 0)} | ${f(r.serverUsPerDelivery, 1)} | ${f(r.serverUsPerEdit, 0)} | ${f(r.serverPeakRssMb, 0)} | ${f(r.otherCpuPct, 0)} |`,
  );
  return [`### ${title}`, '', header, rule, ...lines, ''].join('\n');
}

function medianRow(runs: RunResult[]): RunResult {
  const m = (key: keyof RunResult) => median(runs.map((r) => r[key]));
  const first = runs[0]!;
  return {
    clients: first.clients,
    observers: first.observers,
    intended: first.intended,
    sent: Math.round(m('sent')),
    deliveries: Math.round(m('deliveries')),
    observed: Math.round(m('observed')),
    missing: Math.round(m('missing')),
    p50: m('p50'),
    p95: m('p95'),
    p99: m('p99'),
    max: m('max'),
    benchCpuPct: m('benchCpuPct'),
    loopDelayP99: m('loopDelayP99'),
    serverCpuPct: m('serverCpuPct'),
    otherCpuPct: m('otherCpuPct'),
    serverUsPerDelivery: m('serverUsPerDelivery'),
    serverUsPerEdit: m('serverUsPerEdit'),
    serverPeakRssMb: m('serverPeakRssMb'),
    disconnects: Math.round(m('disconnects')),
  };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  // Hard bound on the whole benchmark: setup, warm-up, window and drain per run, plus margin.
  const perRunS = 45 + options.warmup + options.seconds + options.drain;
  const budgetS = perRunS * options.runs * options.clients.length;
  const watchdog = setTimeout(() => {
    console.error(`edit-latency: gave up after ${budgetS} s`);
    cleanupNow();
    process.exit(2);
  }, budgetS * 1000);
  watchdog.unref();

  console.log(
    `edit-latency: ${options.clients.join(', ')} clients, ${options.rate} edits/s each, ${options.warmup} s warm-up + ${options.seconds} s measured, ${options.runs} run(s), ${options.observers === null ? 'all clients full' : `${options.observers} full observer(s), the rest light`}; node ${process.version}`,
  );
  const results = new Map<number, RunResult[]>();
  for (let run = 1; run <= options.runs; run++) {
    for (const clientCount of options.clients) {
      const result = await runOnce(clientCount, options);
      if (!results.has(clientCount)) results.set(clientCount, []);
      results.get(clientCount)!.push(result);
      console.error(
        `run ${run}/${options.runs}, ${clientCount} clients: p50 ${f(result.p50, 2)} ms, p95 ${f(result.p95, 2)} ms, p99 ${f(result.p99, 2)} ms, sent ${result.sent}/${result.intended}, missing ${result.missing}, bench CPU ${f(result.benchCpuPct, 0)}%, server ${f(result.serverUsPerDelivery, 1)} µs/delivery${result.disconnects > 0 ? `, ${result.disconnects} DISCONNECTS` : ''}`,
      );
    }
  }

  console.log('');
  const all = options.clients.flatMap((n) => results.get(n) ?? []);
  if (options.runs > 1) console.log(table(all, 'Every run'));
  console.log(table(options.clients.map((n) => medianRow(results.get(n)!)), options.runs > 1 ? `Medians of ${options.runs} runs` : 'Result'));
  console.log(
    [
      'Delay: from the edit (before the local transaction) to a full observer applying it, over every (edit, observer) pair',
      'of the measured window; "missing" pairs had not arrived when the drain ended. Deliveries: sync messages received by',
      'all clients from the start of the window to the end of the drain; the server CPU time (utime + stime) of the same',
      'interval is divided by them. Bench CPU: this process (all clients) over the window, 100% = one core; when it nears',
      '100% or its loop delay grows, the generator, not the server, is being measured. Other processes: the rest of the',
      `machine's CPU use during the window (${os.cpus().length} CPUs here); delays taken while it is high are not comparable.`,
    ].join('\n'),
  );
  clearTimeout(watchdog);
}

main().then(
  () => {
    cleanupNow();
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    cleanupNow();
    process.exit(1);
  },
);
