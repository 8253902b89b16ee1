/**
 * One board, N people spread over 1, 2 and 3 instances (Redis and Postgres between them): edit
 * and cursor delay p50/p99 within one instance and across instances, the servers' CPU per
 * delivered message, and Redis traffic per edit. Loopback only; prints figures, gates nothing.
 *
 *   DATABASE_URL=postgres://... npx tsx bench/scale-out.ts                       # 20 people, 1,2,3 instances, 10 s
 *   DATABASE_URL=postgres://... npx tsx bench/scale-out.ts --people 200 --instances 2,3 --seconds 20
 *
 * Method (../shared/BENCHMARKS.md): most people are light clients (raw Socket.IO frames, sending
 * at the full rate, counting what they receive without decoding) in one process; a few full
 * observers (BoardProvider, Y.Doc, Awareness) in another time what they receive from the send
 * time carried in it, and sort each delay by whether its sender is on their instance. Person i
 * and observer j are on instance i mod k and j mod k. The benchmark starts its own redis-server
 * (so that Redis's INFO counts only this run) and the instances as processes of their own,
 * stopped by their pids. A run where the generator's CPU nears 100% measures the generator.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import * as Y from 'yjs';
import { getShapesMap } from '../lib/board/doc';
import { BOX_KEY } from '../lib/board/stored-box';
import { RedisProcess } from '../server/test/support/redis-process';
import { type ChildMessage, spawnChild } from './support/child-process';
import { cpuMs } from './support/proc';
import { BenchServer } from './support/server-process';
import { percentile, sleep } from './support/stats';
import { flagValue } from './support/flags';

const CURSOR_HZ = 30;
const EDITS_PER_SECOND = 5;

interface Options {
  people: number;
  instances: number[];
  seconds: number;
  observers: number;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string) => flagValue(argv, name);
  return {
    people: Number(value('people') ?? 20),
    instances: (value('instances') ?? '1,2,3').split(',').map(Number),
    seconds: Number(value('seconds') ?? 10),
    observers: Number(value('observers') ?? 4),
  };
}

/** A person's instance: index mod the number of instances. */
const instanceOf = (index: number, urls: readonly string[]) => index % urls.length;

// ---------------------------------------------------------------------------------------------
// Child processes.

async function runChild(role: 'light' | 'observer'): Promise<void> {
  const urls = process.env.BENCH_URLS!.split(',');
  const boardId = process.env.BENCH_BOARD!;
  const count = Number(process.env.BENCH_COUNT);
  const t0 = Number(process.env.BENCH_T0);
  const send = (message: ChildMessage) => process.send!(message);
  let timers: ReturnType<typeof setInterval>[] = [];
  const every = (ms: number, run: () => void) => timers.push(setInterval(run, ms));
  const stopAll = () => {
    for (const timer of timers) clearInterval(timer);
    timers = [];
  };

  if (role === 'light') {
    const { LightClient } = await import('./support/light-client');
    const clients = Array.from({ length: count }, (_, i) => new LightClient(urls[instanceOf(i, urls)]!, boardId, i, t0));
    for (let i = 0; i < clients.length; i += 20) await Promise.all(clients.slice(i, i + 20).map((client) => client.connect()));
    for (const client of clients) client.createShape();
    send({ type: 'ready' });
    let at = { received: 0, edits: 0, cursors: 0 };
    const totals = () => ({
      received: clients.reduce((sum, c) => sum + c.stats.receivedMessages, 0),
      edits: clients.reduce((sum, c) => sum + c.stats.sentEdits, 0),
      cursors: clients.reduce((sum, c) => sum + c.stats.sentCursors, 0),
    });
    process.on('message', (message: ChildMessage) => {
      if (message.type === 'start') {
        at = totals();
        const cursors = Boolean(message.cursors);
        // Each person on a timer of its own, started at a random moment of the period.
        for (const client of clients) {
          setTimeout(() => {
            if (cursors) every(1000 / CURSOR_HZ, () => client.moveCursor());
            every(1000 / EDITS_PER_SECOND, () => client.edit());
          }, Math.random() * (1000 / EDITS_PER_SECOND));
        }
      } else if (message.type === 'stop') {
        stopAll();
        const end = totals();
        send({ type: 'stopped', received: end.received - at.received, edits: end.edits - at.edits, cursors: end.cursors - at.cursors });
      } else if (message.type === 'exit') {
        for (const client of clients) client.close();
        setTimeout(() => process.exit(0), 200);
      }
    });
    return;
  }

  const { noteEdit, Observer } = await import('./support/observer');
  // Observer j stands for person `count + j`'s place: on instance j mod k.
  const observers = Array.from({ length: count }, (_, j) => new Observer(urls[instanceOf(j, urls)]!, boardId, j, t0));
  await Promise.all(observers.map((o) => o.link.whenSynced()));
  for (const observer of observers) observer.createShape();
  const delays = { editSame: [] as number[], editOther: [] as number[], cursorSame: [] as number[], cursorOther: [] as number[] };
  let measuring = false;
  let received = 0;
  for (const [j, observer] of observers.entries()) {
    const mine = instanceOf(j, urls);
    /** The instance of a sender, from its shape id or presence id (`light<i>`, `light-<i>`, `observer<j>`). */
    const senderInstance = (id: string): number | null => {
      const match = /^(light|observer)-?(\d+)$/.exec(id);
      return match ? instanceOf(Number(match[2]), urls) : null;
    };
    observer.link.onMessage(() => received++);
    getShapesMap(observer.doc).observeDeep((events, transaction) => {
      if (transaction.local || !measuring) return;
      const now = performance.timeOrigin + performance.now();
      for (const event of events) {
        if (!(event instanceof Y.YMapEvent) || !event.keysChanged.has(BOX_KEY)) continue;
        const id = event.path[0];
        const sent = noteEdit(event.target as Y.Map<unknown>)?.sent;
        if (typeof id !== 'string' || sent === undefined) continue;
        const from = senderInstance(id);
        if (from === null) continue;
        (from === mine ? delays.editSame : delays.editOther).push(now - (t0 + sent));
      }
    });
    observer.awareness.on('change', ({ updated }: { updated: number[] }, origin: unknown) => {
      if (origin === 'local' || !measuring) return;
      const now = performance.timeOrigin + performance.now();
      for (const clientID of updated) {
        const state = observer.awareness.getStates().get(clientID) as { user?: { id?: string }; cursor?: { y?: number } } | undefined;
        const from = state?.user?.id ? senderInstance(state.user.id) : null;
        if (from === null || typeof state?.cursor?.y !== 'number') continue;
        (from === mine ? delays.cursorSame : delays.cursorOther).push(now - (t0 + state.cursor.y));
      }
    });
  }
  send({ type: 'ready' });
  process.on('message', (message: ChildMessage) => {
    if (message.type === 'start') {
      received = 0;
      measuring = true;
      for (const observer of observers) {
        if (message.cursors) every(1000 / CURSOR_HZ, () => observer.moveCursor());
        every(1000 / EDITS_PER_SECOND, () => observer.edit());
      }
    } else if (message.type === 'stop') {
      stopAll();
      measuring = false;
      const sent = observers.reduce((sum, o) => ({ edits: sum.edits + o.report().sentEdits, cursors: sum.cursors + o.report().sentCursors }), { edits: 0, cursors: 0 });
      send({ type: 'stopped', received, ...sent, delays: { ...delays } });
      for (const list of Object.values(delays)) list.length = 0;
    } else if (message.type === 'exit') {
      for (const observer of observers) observer.destroy();
      setTimeout(() => process.exit(0), 200);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The orchestrator.


const pct = (values: number[], p: number) => (values.length === 0 ? '-' : percentile([...values].sort((a, b) => a - b), p).toFixed(1));
const p50p99 = (values: number[]) => `${pct(values, 50)} / ${pct(values, 99)} (n=${values.length})`;

/** Redis's own counters: bytes in and out, commands. */
async function redisCounters(redis: Redis): Promise<{ input: number; output: number; commands: number }> {
  const info = await redis.info('stats');
  const field = (name: string) => Number(new RegExp(`${name}:(\\d+)`).exec(info)?.[1] ?? 0);
  return { input: field('total_net_input_bytes'), output: field('total_net_output_bytes'), commands: field('total_commands_processed') };
}

async function runOnce(instances: number, options: Options, redisUrl: string, databaseUrl: string): Promise<void> {
  const prefix = `bench-${randomBytes(4).toString('hex')}:`;
  const servers: BenchServer[] = [];
  for (let i = 0; i < instances; i++) {
    servers.push(await BenchServer.start({ env: { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, REDIS_PREFIX: prefix, INSTANCE_ID: `bench-${i + 1}` } }));
  }
  const redis = new Redis(redisUrl);
  const boardId = `bench_${randomBytes(9).toString('base64url')}`;
  const t0 = Math.floor(performance.timeOrigin + performance.now());
  const env = { BENCH_URLS: servers.map((s) => s.url).join(','), BENCH_BOARD: boardId, BENCH_T0: String(t0) };
  const observerCount = Math.min(options.observers, options.people);
  const light = spawnChild(import.meta.url, 'light', { ...env, BENCH_COUNT: String(options.people - observerCount) });
  const observers = spawnChild(import.meta.url, 'observer', { ...env, BENCH_COUNT: String(observerCount) });
  try {
    await Promise.all([light.next('ready'), observers.next('ready')]);
    await sleep(1500);
    const phase = async (cursors: boolean, seconds: number) => {
      const cpuBefore = servers.map((s) => cpuMs(s.pid));
      const generatorBefore = cpuMs(light.child.pid!) + cpuMs(observers.child.pid!);
      const redisBefore = await redisCounters(redis);
      const started = performance.now();
      for (const child of [light, observers]) child.child.send({ type: 'start', cursors });
      await sleep(seconds * 1000);
      for (const child of [light, observers]) child.child.send({ type: 'stop' });
      const [lightStats, observerStats] = await Promise.all([light.next('stopped'), observers.next('stopped')]);
      const elapsed = (performance.now() - started) / 1000;
      await sleep(500);
      const redisAfter = await redisCounters(redis);
      const serverCpu = servers.reduce((sum, s, i) => sum + cpuMs(s.pid) - cpuBefore[i]!, 0);
      const generatorCpu = cpuMs(light.child.pid!) + cpuMs(observers.child.pid!) - generatorBefore;
      const delivered = (lightStats.received as number) + (observerStats.received as number);
      const edits = (lightStats.edits as number) + (observerStats.edits as number);
      const sentCursors = (lightStats.cursors as number) + (observerStats.cursors as number);
      return { elapsed, serverCpu, generatorCpu, delivered, edits, sentCursors, observerStats, redis: { input: redisAfter.input - redisBefore.input, output: redisAfter.output - redisBefore.output, commands: redisAfter.commands - redisBefore.commands } };
    };
    const full = await phase(true, options.seconds);
    const delays = full.observerStats.delays as Record<'editSame' | 'editOther' | 'cursorSame' | 'cursorOther', number[]>;
    // Edits alone, so that Redis's counters are the edits' (and the heartbeats', a few a second).
    const editsOnly = await phase(false, Math.max(3, Math.round(options.seconds / 3)));
    console.log(
      JSON.stringify({
        instances,
        people: options.people,
        'edit p50/p99 ms, same instance': p50p99(delays.editSame),
        'edit p50/p99 ms, across instances': p50p99(delays.editOther),
        'cursor p50/p99 ms, same instance': p50p99(delays.cursorSame),
        'cursor p50/p99 ms, across instances': p50p99(delays.cursorOther),
        'servers CPU (sum of instances)': `${((100 * full.serverCpu) / (full.elapsed * 1000)).toFixed(0)}%`,
        'server µs per delivered message': ((full.serverCpu * 1000) / Math.max(1, full.delivered)).toFixed(1),
        'messages delivered/s': Math.round(full.delivered / full.elapsed),
        'load sent': `${((100 * (full.edits + full.sentCursors)) / (options.people * (CURSOR_HZ + EDITS_PER_SECOND) * full.elapsed)).toFixed(0)}%`,
        'generator CPU': `${((100 * full.generatorCpu) / (full.elapsed * 1000)).toFixed(0)}%`,
        'redis bytes in+out per change (edits and cursors)': Math.round((full.redis.input + full.redis.output) / Math.max(1, full.edits + full.sentCursors)),
        'redis commands per edit (edits only)': (editsOnly.redis.commands / Math.max(1, editsOnly.edits)).toFixed(2),
        'redis bytes in / out per edit (edits only)': `${Math.round(editsOnly.redis.input / Math.max(1, editsOnly.edits))} / ${Math.round(editsOnly.redis.output / Math.max(1, editsOnly.edits))}`,
      }),
    );
  } finally {
    // BENCH_SERVER_LOG=1 prints what the instances logged (warnings and errors).
    if (process.env.BENCH_SERVER_LOG) for (const server of servers) console.error(server.log());
    for (const child of [light, observers]) child.child.send({ type: 'exit' });
    await sleep(300);
    redis.disconnect();
    await Promise.all(servers.map((server) => server.stop()));
  }
}

async function main(): Promise<void> {
  const roleIndex = process.argv.indexOf('--role');
  if (roleIndex >= 0) {
    await runChild(process.argv[roleIndex + 1] as 'light' | 'observer');
    return;
  }
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error('bench/scale-out.ts needs DATABASE_URL (instances in sync share one Postgres store)');
    process.exit(1);
  }
  const options = parseOptions(process.argv.slice(2));
  console.log(`# ${options.people} people on one board (${options.observers} full observers), ${CURSOR_HZ} cursor moves and ${EDITS_PER_SECOND} edits a second each, ${options.seconds} s; load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const redis = await RedisProcess.start();
  try {
    for (const instances of options.instances) await runOnce(instances, options, redis.url, databaseUrl);
  } finally {
    await redis.kill();
  }
}

main().then(
  () => {
    if (process.argv.includes('--role')) return;
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
