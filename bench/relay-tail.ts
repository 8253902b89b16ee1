/**
 * The relay's tail under issue 14's workload, on both transports: N people on one board, each
 * sending one update per edit (5 a second, the four values of their own note's box) and one presence
 * message per cursor move (30 a second). Four observers decode everything and time it from the
 * send time carried in it; the others are light people that count what they receive and decode
 * nothing (bench/support/relay-clients.ts).
 *
 *   /yjs      raw WebSocket people on the standard Yjs protocol (a full awareness update per
 *             move, as y-websocket's provider sends); the observers speak it too
 *   socketio  socket.io-client people (an ack per update, the full presence once, then one
 *             compact cursor entry per move); the observers are BoardProvider clients
 *   peer      @y/websocket-server 0.1.1 with the /yjs people (bench-only: `npm install --prefix
 *             bench/peer`; skipped, and said so, when it is not installed)
 *
 * Prints for each run: edit delay p50/p95/p99, cursor p50/p99, the share of edits delivered, the
 * server's CPU (and per delivered message) and peak RSS, the generators' CPU and the share of the
 * intended load they sent, the CPU of other processes, and the load average before and after.
 *
 *   npx tsx bench/relay-tail.ts --transport both --people 50,100,200 --seconds 15
 *   npx tsx bench/relay-tail.ts --transport yjs --people 200 --seconds 15 --profile   # bench/profiles/*.cpuprofile
 *   npx tsx bench/relay-tail.ts --transport yjs --people 200 --peer-people 50,100   # the peer at 50 and 100
 *   npx tsx bench/relay-tail.ts --people 200 --base /tmp/base --repeat 3   # another checkout's server
 *       (git archive <commit> | tar -x -C /tmp/base; ln -s $PWD/node_modules /tmp/base/) in turn
 *       with this one, for ratios measured in one run on a loaded machine
 *
 * Each run starts its own server (one detached process, stopped by its pid) and its own board.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { type ChildMessage, spawnChild } from './support/child-process';
import { OtherCpuMeter } from './support/other-cpu';
import { flagValue, transportsFlag } from './support/flags';
import { cpuMs, memoryMb, writeCalls } from './support/proc';
import { BenchServer, freePort } from './support/server-process';
import { percentile, sleep } from './support/stats';
import { Ticker } from './support/ticker';

type Transport = 'yjs' | 'socketio';
type Target = Transport | 'peer';

const CURSOR_HZ = 30;
const EDITS_PER_SECOND = 5;
const PEER_DIR = 'bench/peer';

function parseOptions(argv: string[]) {
  const value = (name: string) => flagValue(argv, name);
  return {
    transports: transportsFlag<Transport>(argv, ['yjs', 'socketio']),
    people: (value('people') ?? '50,100,200').split(',').map(Number),
    peerPeople: (value('peer-people') ?? '50').split(',').filter(Boolean).map(Number),
    seconds: Number(value('seconds') ?? 15),
    warmup: Number(value('warmup') ?? 2),
    observers: Number(value('observers') ?? 4),
    profile: argv.includes('--profile'),
    /** Another checkout whose server is measured in turn with this one's (same cases, interleaved). */
    base: value('base'),
    repeat: Number(value('repeat') ?? 1),
  };
}

// ---------------------------------------------------------------------------------------------
// Child processes: the light people, and the observers.

async function runChild(role: 'light' | 'observer'): Promise<void> {
  const transport = process.env.BENCH_TRANSPORT as Transport;
  const url = process.env.BENCH_URL!;
  const roomUrl = process.env.BENCH_ROOM_URL!;
  const boardId = process.env.BENCH_BOARD!;
  const count = Number(process.env.BENCH_COUNT);
  const t0 = Number(process.env.BENCH_T0);
  const send = (message: ChildMessage) => process.send!(message);
  const ticker = new Ticker();
  const clients = await import('./support/relay-clients');
  const { Observer, awaitDelivery } = await import('./support/observer');

  const people =
    role === 'light'
      ? Array.from({ length: count }, (_, i) => (transport === 'yjs' ? new clients.YjsLightPerson(roomUrl, i, t0) : new clients.SocketIoLightPerson(url, boardId, i, t0)))
      : Array.from({ length: count }, (_, i) => new Observer(url, boardId, i, t0, { editProperties: 4, link: transport === 'yjs' ? clients.yjsObserverLink(roomUrl) : undefined }));
  let received = 0;
  if (role === 'light') {
    const light = people as InstanceType<typeof clients.YjsLightPerson>[];
    for (let i = 0; i < light.length; i += 20) await Promise.all(light.slice(i, i + 20).map((p) => p.connect()));
  } else {
    const observers = people as InstanceType<typeof Observer>[];
    await Promise.all(observers.map((o) => o.link.whenSynced()));
    for (const o of observers) o.link.onMessage(() => received++);
  }
  for (const person of people) person.createShape();
  const totals = () => {
    let sentCursors = 0;
    let sentEdits = 0;
    let receivedMessages = received;
    for (const person of people) {
      if ('stats' in person) {
        sentCursors += person.stats.sentCursors;
        sentEdits += person.stats.sentEdits;
        receivedMessages += person.stats.receivedMessages;
      } else {
        const report = person.report();
        sentCursors += report.sentCursors;
        sentEdits += report.sentEdits;
      }
    }
    return { sentCursors, sentEdits, receivedMessages };
  };
  let atStart = totals();
  send({ type: 'ready' });
  process.on('message', async (message: ChildMessage) => {
    if (message.type === 'start') {
      for (const person of people) {
        ticker.every(1000 / CURSOR_HZ, () => person.moveCursor());
        ticker.every(1000 / EDITS_PER_SECOND, () => person.edit());
      }
      ticker.start();
    } else if (message.type === 'measure') {
      atStart = totals();
      for (const person of people) if ('measuring' in person) person.measuring = true;
    } else if (message.type === 'stop') {
      ticker.stop();
      for (const person of people) if ('measuring' in person) person.measuring = false;
      const end = totals();
      send({
        type: 'stopped',
        sentCursors: end.sentCursors - atStart.sentCursors,
        sentEdits: end.sentEdits - atStart.sentEdits,
        receivedMessages: end.receivedMessages - atStart.receivedMessages,
        lastSeqs: Object.fromEntries(people.map((p) => [p.shapeId, p.lastSeq])),
      });
    } else if (message.type === 'drain') {
      const observers = people as InstanceType<typeof Observer>[];
      send({ type: 'drained', ...(await awaitDelivery(observers, message.lastSeqs as Record<string, number>, 15_000)) });
    } else if (message.type === 'exit') {
      for (const person of people) {
        if ('destroy' in person) person.destroy();
        else person.close();
      }
      setTimeout(() => process.exit(0), 200);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The orchestrator.

/** The reference y-websocket server, one detached process stopped by its pid. */
async function startPeer(): Promise<{ url: string; pid: number; stop: () => void }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [`${PEER_DIR}/server.mjs`, String(port)], { detached: true, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.on('exit', stop);
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return { url, pid: child.pid!, stop };
    } catch {
      await sleep(100);
    }
  }
  stop();
  throw new Error('the peer did not start');
}

const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(1)} s` : value.toFixed(0));
const load = () => os.loadavg().map((v) => v.toFixed(2)).join(' ');

async function runOnce(target: Target, people: number, options: ReturnType<typeof parseOptions>, base?: string): Promise<Record<string, unknown>> {
  const loadBefore = load();
  const nodeFlags = options.profile ? ['--cpu-prof', '--cpu-prof-dir=bench/profiles'] : [];
  const server =
    target === 'peer'
      ? await startPeer()
      : await BenchServer.start({ nodeFlags, entry: base ? `${base}/server/main.ts` : undefined }).then((s) => ({ url: s.url, pid: s.pid, stop: () => s.stop() }));
  const boardId = `bench_${randomBytes(9).toString('base64url')}`;
  const transport: Transport = target === 'socketio' ? 'socketio' : 'yjs';
  const roomUrl = `${server.url.replace(/^http/, 'ws')}${target === 'peer' ? '/' : '/yjs/'}${boardId}`;
  const t0 = Math.floor(performance.timeOrigin + performance.now());
  const observerCount = Math.min(options.observers, people);
  const env = { BENCH_TRANSPORT: transport, BENCH_URL: server.url, BENCH_ROOM_URL: roomUrl, BENCH_BOARD: boardId, BENCH_T0: String(t0) };
  const light = spawnChild(import.meta.url, 'light', { ...env, BENCH_COUNT: String(people - observerCount) });
  const observers = spawnChild(import.meta.url, 'observer', { ...env, BENCH_COUNT: String(observerCount) });
  try {
    await Promise.all([light.next('ready'), observers.next('ready')]);
    await sleep(1500);
    const pids = { server: server.pid, light: light.child.pid!, observers: observers.child.pid! };
    light.child.send({ type: 'start' });
    observers.child.send({ type: 'start' });
    await sleep(options.warmup * 1000);
    const before = { server: cpuMs(pids.server), light: cpuMs(pids.light), observers: cpuMs(pids.observers), writes: writeCalls(pids.server) };
    const other = new OtherCpuMeter();
    const started = performance.now();
    light.child.send({ type: 'measure' });
    observers.child.send({ type: 'measure' });
    await sleep(options.seconds * 1000);
    light.child.send({ type: 'stop' });
    observers.child.send({ type: 'stop' });
    const [lightStats, observerStats] = await Promise.all([light.next('stopped'), observers.next('stopped')]);
    const elapsed = (performance.now() - started) / 1000;
    const after = { server: cpuMs(pids.server), light: cpuMs(pids.light), observers: cpuMs(pids.observers), writes: writeCalls(pids.server) };
    const otherCpu = other.stop();
    const memory = memoryMb(pids.server);
    observers.child.send({ type: 'drain', lastSeqs: { ...(lightStats.lastSeqs as object), ...(observerStats.lastSeqs as object) } });
    const drained = await observers.next('drained');
    const editDelays = (drained.editDelays as number[]).sort((a, b) => a - b);
    const cursorDelays = (drained.cursorDelays as number[]).sort((a, b) => a - b);
    const expected = drained.expected as number;
    const delivered = expected - (drained.missing as number);
    const sum = (key: string) => (lightStats[key] as number) + (observerStats[key] as number);
    const sent = sum('sentCursors') + sum('sentEdits');
    const serverCpu = after.server - before.server;
    const percentOfCore = (cpu: number) => `${((100 * cpu) / (elapsed * 1000)).toFixed(0)}%`;
    const row = {
      server: target === 'peer' ? '@y/websocket-server' : base ? 'tabula (base)' : 'tabula',
      transport: target === 'socketio' ? 'socket.io' : '/yjs',
      people,
      'edit p50/p95/p99 ms': `${ms(percentile(editDelays, 50))} / ${ms(percentile(editDelays, 95))} / ${ms(percentile(editDelays, 99))}`,
      'cursor p50/p99 ms': `${ms(percentile(cursorDelays, 50))} / ${ms(percentile(cursorDelays, 99))}`,
      delivered: `${((100 * delivered) / Math.max(1, expected)).toFixed(2)}%`,
      'server CPU': percentOfCore(serverCpu),
      'server µs/msg delivered': ((serverCpu * 1000) / Math.max(1, sum('receivedMessages'))).toFixed(1),
      // Load-independent: the server's write system calls and bytes per message delivered.
      'server writes/msg, bytes/msg': `${((after.writes.calls - before.writes.calls) / Math.max(1, sum('receivedMessages'))).toFixed(2)}, ${((after.writes.bytes - before.writes.bytes) / Math.max(1, sum('receivedMessages'))).toFixed(0)}`,
      'server MB written/s': ((after.writes.bytes - before.writes.bytes) / elapsed / 1e6).toFixed(1),
      'server RSS peak MB': memory.peak.toFixed(0),
      'generator CPU light+obs': `${percentOfCore(after.light - before.light)} + ${percentOfCore(after.observers - before.observers)}`,
      'load sent': `${((100 * sent) / (people * (CURSOR_HZ + EDITS_PER_SECOND) * options.seconds)).toFixed(1)}%`,
      'other processes CPU': `${otherCpu.toFixed(0)}%`,
      'load avg before / after': `${loadBefore} / ${load()}`,
    };
    console.log(JSON.stringify({ ...row, p99: { edit: percentile(editDelays, 99), cursor: percentile(cursorDelays, 99) }, samples: { edits: editDelays.length, cursors: cursorDelays.length }, elapsed }));
    return { ...row, editP99: percentile(editDelays, 99), cursorP99: percentile(cursorDelays, 99), serverCpuMs: serverCpu, writes: after.writes.calls - before.writes.calls, writtenBytes: after.writes.bytes - before.writes.bytes, messagesDelivered: sum('receivedMessages'), changesSent: sent };
  } finally {
    light.child.send({ type: 'exit' });
    observers.child.send({ type: 'exit' });
    await sleep(500);
    for (const { child } of [light, observers]) if (child.exitCode === null) child.kill('SIGKILL');
    await server.stop();
  }
}

async function main(): Promise<void> {
  const roleIndex = process.argv.indexOf('--role');
  if (roleIndex >= 0) {
    await runChild(process.argv[roleIndex + 1] as 'light' | 'observer');
    return;
  }
  const options = parseOptions(process.argv.slice(2));
  console.log(`# bench/relay-tail.ts ${process.argv.slice(2).join(' ')}; ${os.cpus().length} cores; load average ${load()}`);
  const rows: Record<string, unknown>[] = [];
  const ratios: Record<string, unknown>[] = [];
  for (const people of options.people) {
    for (const transport of options.transports) {
      for (let round = 0; round < options.repeat; round++) {
        // In turn, the other one first every other round: a machine whose load drifts favours neither.
        const baseFirst = round % 2 === 0;
        const earlyBase = options.base && baseFirst ? await runOnce(transport, people, options, options.base) : null;
        const row = await runOnce(transport, people, options);
        const base = earlyBase ?? (options.base ? await runOnce(transport, people, options, options.base) : null);
        rows.push(...(base ? [base] : []), row);
        if (!base) continue;
        const ratio = (key: string) => ((row[key] as number) / (base[key] as number)).toFixed(2);
        const perChange = (r: Record<string, unknown>, key: string) => (r[key] as number) / Math.max(1, r.changesSent as number);
        const perMessage = (r: Record<string, unknown>, key: string) => (r[key] as number) / Math.max(1, r.messagesDelivered as number);
        ratios.push({
          transport,
          people,
          round,
          'edit p99 this/base': ratio('editP99'),
          'cursor p99 this/base': ratio('cursorP99'),
          'server CPU per msg this/base': (perMessage(row, 'serverCpuMs') / perMessage(base, 'serverCpuMs')).toFixed(2),
          'writes per msg this/base': (perMessage(row, 'writes') / perMessage(base, 'writes')).toFixed(2),
          // Per change sent (edit or cursor move): fair when the two deliver different numbers of messages.
          'server CPU per change sent this/base': (perChange(row, 'serverCpuMs') / perChange(base, 'serverCpuMs')).toFixed(2),
          'bytes written per change sent this/base': (perChange(row, 'writtenBytes') / perChange(base, 'writtenBytes')).toFixed(2),
        });
      }
    }
  }
  if (options.transports.includes('yjs') && options.peerPeople.length > 0) {
    if (existsSync(`${PEER_DIR}/node_modules/@y/websocket-server`)) {
      for (const people of options.peerPeople) rows.push(await runOnce('peer', people, options));
    } else {
      console.log(`# the peer (@y/websocket-server) is not installed: npm install --prefix ${PEER_DIR}`);
    }
  }
  const shown = ['editP99', 'cursorP99', 'serverCpuMs', 'writes', 'writtenBytes', 'messagesDelivered', 'changesSent'];
  console.table(rows.map((row) => Object.fromEntries(Object.entries(row).filter(([key]) => !shown.includes(key)))));
  if (ratios.length > 0) console.table(ratios);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
