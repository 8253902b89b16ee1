/**
 * Presence and edit load on one board: N people, each moving a cursor 30 times a second and making
 * 5 edits a second, for 20 s, on this machine. Prints, for each N: edit and cursor delay p50/p99
 * (measured by a few full observer clients), the share of edits delivered, the server's CPU and
 * peak memory, the generator's CPU, how late its own timers ran, and the share of the intended
 * load it sent. The load runs for `--warmup` seconds (everyone starts at once) before the
 * measured window; the worst second of the window is printed beside the whole window's p99.
 *
 *   npx tsx bench/presence-load.ts                      # 50, 100 and 200 people, 20 s each
 *   npx tsx bench/presence-load.ts --people 200 --seconds 20 --warmup 2 --observers 4
 *   npx tsx bench/presence-load.ts --people 200 --profile   # writes the server's .cpuprofile
 *   npx tsx bench/presence-load.ts --people 200 --edit-rate 0   # presence only
 *
 * Method (the shared benchmarking notes, ../shared/BENCHMARKS.md from the repository root): most people are light clients (raw WebSocket, they
 * send at the full rate and only count what they receive) in one process; the observers are full
 * clients (BoardProvider, Y.Doc, Awareness) in another, and time what they receive from the send
 * time carried in it. The server is started for each N as one detached process and stopped by
 * its pid.
 */
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type ChildMessage, spawnChild } from './support/child-process';
import { cpuMs, memoryMb } from './support/proc';
import { BenchServer } from './support/server-process';
import { percentile } from './support/stats';
import { Ticker } from './support/ticker';
import { flagValue } from './support/flags';

type Role = 'light' | 'observer';

interface Options {
  people: number[];
  seconds: number;
  /** Seconds of full load before the measured window (everyone starts at once). */
  warmup: number;
  observers: number;
  profile: boolean;
  editRate: number;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string) => flagValue(argv, name);
  return {
    people: (value('people') ?? '50,100,200').split(',').map(Number),
    seconds: Number(value('seconds') ?? 20),
    warmup: Number(value('warmup') ?? 2),
    observers: Number(value('observers') ?? 4),
    profile: argv.includes('--profile'),
    editRate: Number(value('edit-rate') ?? 5),
  };
}

const CURSOR_HZ = 30;
/** Edits a second per person (`--edit-rate`, passed to the children in BENCH_EDIT_RATE). */
const EDITS_PER_SECOND = Number(process.env.BENCH_EDIT_RATE ?? 5);

// ---------------------------------------------------------------------------------------------
// Child processes: the light clients, and the observers.

async function runChild(role: Role): Promise<void> {
  const url = process.env.BENCH_URL!;
  const boardId = process.env.BENCH_BOARD!;
  const count = Number(process.env.BENCH_COUNT);
  const t0 = Number(process.env.BENCH_T0);
  const send = (message: ChildMessage) => process.send!(message);
  // How late this process's own timers ran in the measured window: a generator that lags this
  // much measures itself as well as the server.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const loopReport = () => ({ loopP99Ms: loopDelay.percentile(99) / 1e6, loopMaxMs: loopDelay.max / 1e6 });
  const ticker = new Ticker();
  const every = (period: number, run: () => void) => ticker.every(period, run);
  const startTicker = () => ticker.start();
  const stopTicker = () => ticker.stop();

  if (role === 'light') {
    const { LightClient } = await import('./support/light-client');
    const clients = Array.from({ length: count }, (_, i) => new LightClient(url, boardId, i, t0));
    for (let i = 0; i < clients.length; i += 20) {
      await Promise.all(clients.slice(i, i + 20).map((client) => client.connect()));
    }
    for (const client of clients) client.createShape();
    let start = { messages: 0, bytes: 0 };
    const totals = () => clients.reduce((sum, c) => ({ messages: sum.messages + c.stats.receivedMessages, bytes: sum.bytes + c.stats.receivedBytes }), { messages: 0, bytes: 0 });
    send({ type: 'ready' });
    let sentAtStart = { cursors: 0, edits: 0 };
    const sentTotals = () => ({
      cursors: clients.reduce((sum, c) => sum + c.stats.sentCursors, 0),
      edits: clients.reduce((sum, c) => sum + c.stats.sentEdits, 0),
    });
    process.on('message', (message: ChildMessage) => {
      if (message.type === 'start') {
        for (const client of clients) {
          every(1000 / CURSOR_HZ, () => client.moveCursor());
          if (EDITS_PER_SECOND > 0) every(1000 / EDITS_PER_SECOND, () => client.edit());
        }
        startTicker();
      } else if (message.type === 'measure') {
        start = totals();
        sentAtStart = sentTotals();
        loopDelay.enable();
      } else if (message.type === 'stop') {
        stopTicker();
        const end = totals();
        const sent = sentTotals();
        send({
          type: 'stopped',
          ...loopReport(),
          sentCursors: sent.cursors - sentAtStart.cursors,
          sentEdits: sent.edits - sentAtStart.edits,
          receivedMessages: end.messages - start.messages,
          receivedBytes: end.bytes - start.bytes,
          lastSeqs: Object.fromEntries(clients.map((c) => [c.shapeId, c.lastSeq])),
        });
      } else if (message.type === 'exit') {
        for (const client of clients) client.close();
        setTimeout(() => process.exit(0), 200);
      }
    });
    return;
  }

  const { Observer, awaitDelivery } = await import('./support/observer');
  const observers = Array.from({ length: count }, (_, i) => new Observer(url, boardId, i, t0));
  await Promise.all(observers.map((o) => o.link.whenSynced()));
  for (const observer of observers) observer.createShape();
  let received = 0;
  for (const observer of observers) observer.link.onMessage(() => received++);
  let receivedAtStart = 0;
  let sentAtStart = { cursors: 0, edits: 0 };
  const sentTotals = () => ({
    cursors: observers.reduce((sum, o) => sum + o.report().sentCursors, 0),
    edits: observers.reduce((sum, o) => sum + o.report().sentEdits, 0),
  });
  send({ type: 'ready' });
  process.on('message', async (message: ChildMessage) => {
    if (message.type === 'start') {
      for (const observer of observers) {
        every(1000 / CURSOR_HZ, () => observer.moveCursor());
        if (EDITS_PER_SECOND > 0) every(1000 / EDITS_PER_SECOND, () => observer.edit());
      }
      startTicker();
    } else if (message.type === 'measure') {
      receivedAtStart = received;
      sentAtStart = sentTotals();
      loopDelay.enable();
      for (const observer of observers) observer.measuring = true;
    } else if (message.type === 'stop') {
      stopTicker();
      for (const observer of observers) observer.measuring = false;
      const sent = sentTotals();
      send({
        type: 'stopped',
        ...loopReport(),
        receivedMessages: received - receivedAtStart,
        lastSeqs: Object.fromEntries(observers.map((o) => [o.shapeId, o.report().lastSeq])),
        sentEdits: sent.edits - sentAtStart.edits,
        sentCursors: sent.cursors - sentAtStart.cursors,
      });
    } else if (message.type === 'drain') {
      send({ type: 'drained', ...(await awaitDelivery(observers, message.lastSeqs as Record<string, number>)) });
    } else if (message.type === 'exit') {
      for (const observer of observers) observer.destroy();
      setTimeout(() => process.exit(0), 200);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The orchestrator.


/** The p99 of the worst one-second window, and which second of the measured window it was. */
function worstSecond(times: number[], delays: number[], startedAt: number, seconds: number): string {
  const bySecond = new Map<number, number[]>();
  times.forEach((time, i) => {
    const second = Math.floor((time - startedAt) / 1000);
    // The window's last moments (and what arrives after it) make no whole second.
    if (second >= seconds) return;
    const list = bySecond.get(second);
    if (list) list.push(delays[i]!);
    else bySecond.set(second, [delays[i]!]);
  });
  let worst = { p99: 0, second: 0 };
  for (const [second, list] of [...bySecond].sort((a, b) => a[0] - b[0])) {
    const p99 = percentile(list.sort((a, b) => a - b), 99);
    if (p99 > worst.p99) worst = { p99, second };
  }
  return `${ms(worst.p99)} (s${worst.second})`;
}

const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(1)}`);

async function runOnce(people: number, options: Options): Promise<void> {
  const server = await BenchServer.start({ nodeFlags: options.profile ? ['--cpu-prof', '--cpu-prof-dir=bench/profiles'] : [] });
  const boardId = `bench_${randomBytes(9).toString('base64url')}`;
  const t0 = Math.floor(performance.timeOrigin + performance.now());
  const observerCount = Math.min(options.observers, people);
  const env = { BENCH_URL: server.url, BENCH_BOARD: boardId, BENCH_T0: String(t0), BENCH_EDIT_RATE: String(options.editRate) };
  const light = spawnChild(import.meta.url, 'light', { ...env, BENCH_COUNT: String(people - observerCount) });
  const observers = spawnChild(import.meta.url, 'observer', { ...env, BENCH_COUNT: String(observerCount) });
  try {
    await Promise.all([light.next('ready'), observers.next('ready')]);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const pids = { server: server.pid, light: light.child.pid!, observers: observers.child.pid! };
    light.child.send({ type: 'start' });
    observers.child.send({ type: 'start' });
    await new Promise((resolve) => setTimeout(resolve, options.warmup * 1000));
    const before = { server: cpuMs(pids.server), light: cpuMs(pids.light), observers: cpuMs(pids.observers) };
    const started = performance.now();
    const startedAt = performance.timeOrigin + started;
    light.child.send({ type: 'measure' });
    observers.child.send({ type: 'measure' });
    await new Promise((resolve) => setTimeout(resolve, options.seconds * 1000));
    light.child.send({ type: 'stop' });
    observers.child.send({ type: 'stop' });
    const [lightStats, observerStats] = await Promise.all([light.next('stopped'), observers.next('stopped')]);
    const elapsed = (performance.now() - started) / 1000;
    const after = { server: cpuMs(pids.server), light: cpuMs(pids.light), observers: cpuMs(pids.observers) };
    const memory = memoryMb(pids.server);

    observers.child.send({ type: 'drain', lastSeqs: { ...(lightStats.lastSeqs as object), ...(observerStats.lastSeqs as object) } });
    const drained = await observers.next('drained');

    const worstEdit = worstSecond(drained.editTimes as number[], drained.editDelays as number[], startedAt, options.seconds);
    const worstCursor = worstSecond(drained.cursorTimes as number[], drained.cursorDelays as number[], startedAt, options.seconds);
    const editDelays = (drained.editDelays as number[]).sort((a, b) => a - b);
    const cursorDelays = (drained.cursorDelays as number[]).sort((a, b) => a - b);
    const expected = drained.expected as number;
    const delivered = expected - (drained.missing as number);
    const sent = (lightStats.sentCursors as number) + (lightStats.sentEdits as number) + (observerStats.sentCursors as number) + (observerStats.sentEdits as number);
    const intended = people * (CURSOR_HZ + options.editRate) * options.seconds;
    const serverCpu = after.server - before.server;
    // Messages the server delivered in the window: counted by the light clients (all of them) and
    // the observers; the light clients' share is exact, the observers' is theirs.
    const deliveredMessages = (lightStats.receivedMessages as number) + (observerStats.receivedMessages as number);
    const row = {
      people,
      'edits/s each': options.editRate,
      'edit p50/p99 ms': `${ms(percentile(editDelays, 50))} / ${ms(percentile(editDelays, 99))}`,
      'cursor p50/p99 ms': `${ms(percentile(cursorDelays, 50))} / ${ms(percentile(cursorDelays, 99))}`,
      'worst second p99 edit / cursor': `${worstEdit} / ${worstCursor}`,
      'edits delivered': `${((100 * delivered) / Math.max(1, expected)).toFixed(2)}% (${delivered}/${expected})`,
      'server CPU': `${((100 * serverCpu) / (elapsed * 1000)).toFixed(0)}%`,
      'server µs/msg': ((serverCpu * 1000) / Math.max(1, deliveredMessages)).toFixed(1),
      // What a relaying server delivers as one message each: every change sent, to every other person.
      'server µs per change per recipient': ((serverCpu * 1000) / Math.max(1, sent * (people - 1))).toFixed(2),
      'msgs delivered/s': Math.round(deliveredMessages / elapsed),
      'MB received/s (light)': ((lightStats.receivedBytes as number) / elapsed / 1e6).toFixed(1),
      'server RSS peak MB': memory.peak.toFixed(0),
      'generator CPU (light+obs)': `${((100 * (after.light - before.light)) / (elapsed * 1000)).toFixed(0)}% + ${((100 * (after.observers - before.observers)) / (elapsed * 1000)).toFixed(0)}%`,
      'load sent': `${((100 * sent) / intended).toFixed(1)}%`,
      'generator lag p99/max ms (light, obs)': `${(lightStats.loopP99Ms as number).toFixed(0)}/${(lightStats.loopMaxMs as number).toFixed(0)}, ${(observerStats.loopP99Ms as number).toFixed(0)}/${(observerStats.loopMaxMs as number).toFixed(0)}`,
    };
    console.log(
      JSON.stringify({
        ...row,
        detail: {
          elapsed,
          light: { cursors: lightStats.sentCursors, edits: lightStats.sentEdits },
          observers: { cursors: observerStats.sentCursors, edits: observerStats.sentEdits },
          intendedPerPerson: { cursors: CURSOR_HZ * options.seconds, edits: options.editRate * options.seconds },
          samples: { edits: editDelays.length, cursors: cursorDelays.length },
          serverCpuMs: serverCpu,
        },
      }),
    );
    console.table([row]);
  } finally {
    light.child.send({ type: 'exit' });
    observers.child.send({ type: 'exit' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const { child } of [light, observers]) if (child.exitCode === null) child.kill('SIGKILL');
    await server.stop();
  }
}

async function main(): Promise<void> {
  const roleIndex = process.argv.indexOf('--role');
  if (roleIndex >= 0) {
    await runChild(process.argv[roleIndex + 1] as Role);
    return;
  }
  const options = parseOptions(process.argv.slice(2));
  for (const people of options.people) await runOnce(people, options);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
