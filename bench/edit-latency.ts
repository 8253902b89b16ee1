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
 * ../shared/BENCHMARKS.md from the repository root): they send the same edits at the same rate through a raw Socket.IO
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
 * Loopback only, bounded in time (a watchdog ends the whole run); the server is stopped and its
 * data removed on success, on error and on Ctrl-C (support/server-process.ts). Nothing here gates
 * CI.
 */
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { newBoardId } from '../lib/protocol';
import { type BenchClient, fullClient, Ledger, lightClient } from './support/edit-clients';
import { cpuMs, machineBusyMs, memoryMb } from './support/proc';
import { BenchServer } from './support/server-process';
import { median, percentile, sleep, withTimeout } from './support/stats';

// ---------------------------------------------------------------------------------------------
// Options

const USAGE =
  'usage: npx tsx bench/edit-latency.ts [--clients 2,20] [--seconds 10] [--rate 5] [--warmup 2] [--runs 3] [--observers all|<n>] [--drain 5] [--server-prof <dir>] [--server-entry <file>]';

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
  const { values } = parseArgs({
    args: argv,
    options: {
      clients: { type: 'string', default: '2,20' },
      seconds: { type: 'string', default: '10' },
      rate: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '2' },
      runs: { type: 'string', default: '3' },
      observers: { type: 'string', default: 'all' },
      drain: { type: 'string', default: '5' },
      'server-prof': { type: 'string' },
      'server-entry': { type: 'string', default: 'server/main.ts' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const positive = (flag: string, v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${flag}: "${v}" is not a positive number`);
    return n;
  };
  const clients = values.clients.split(',').map((each) => Math.round(positive('clients', each.trim())));
  if (clients.some((n) => n < 2)) throw new Error('--clients: at least 2 clients per board');
  const warmup = Number(values.warmup);
  if (!(warmup >= 0)) throw new Error('--warmup must be >= 0');
  return {
    clients,
    seconds: positive('seconds', values.seconds),
    rate: positive('rate', values.rate),
    warmup,
    runs: Math.round(positive('runs', values.runs)),
    observers: values.observers === 'all' ? null : Math.round(positive('observers', values.observers)),
    drain: positive('drain', values.drain),
    serverProf: values['server-prof'] ? path.resolve(values['server-prof']) : null,
    serverEntry: path.resolve(values['server-entry']),
  };
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
  const server = await BenchServer.start({ entry: options.serverEntry, nodeFlags: options.serverProf ? ['--cpu-prof', `--cpu-prof-dir=${options.serverProf}`] : [] });
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
    const serverCpu0 = cpuMs(server.pid);
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
    const serverCpuWindow = cpuMs(server.pid);
    loopDelay.disable();

    // Drain: wait for the measured edits still in flight (bounded).
    const drainUntil = performance.now() + options.drain * 1000;
    while ((ledger.outstanding > 0 || clients.some((c) => c.pending() > 0)) && performance.now() < drainUntil) await sleep(10);
    await sleep(50);
    const serverCpu1 = cpuMs(server.pid);
    const wall2 = performance.now();
    const deliveries = clients.reduce((sum, c) => sum + c.received, 0) - received0;

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
      serverPeakRssMb: memoryMb(server.pid).peak,
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
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
