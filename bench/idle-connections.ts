/**
 * Memory per idle connection: N connections spread over B boards in one server process, each a
 * person who opened the board (its sync step 1 answered with the board) and is present (one
 * awareness state), then does nothing. Prints the server's heap and RSS after a full garbage
 * collection with one connection per board (the boards loaded), and again with all N, and the
 * difference per added connection, for Socket.IO or for the standard Yjs protocol at /yjs.
 *
 *   ulimit -n 20000   # the generator and the server each hold N sockets
 *   npx tsx bench/idle-connections.ts --transport socket.io --connections 10000 --boards 100
 *   npx tsx bench/idle-connections.ts --transport yjs --connections 10000 --boards 100
 *   npx tsx bench/idle-connections.ts --transport both   # both, one server each, in one run
 *
 * Method: the server is a child process (bench/support/server-process.ts) started with
 * --expose-gc through bench/support/gc-entry.ts, which answers SIGUSR2 with a full collection and
 * `process.memoryUsage()`. The connections are raw WebSockets in this process (no Y.Doc each):
 * Socket.IO's wire protocol by hand (as bench/support/light-client.ts), or y-websocket's frames.
 * Figures vary with the machine's load less than timings do, but print `uptime` beside them.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { newBoardId } from '../lib/protocol/board-id';
import { AWARENESS_EVENT, SYNC_EVENT } from '../lib/protocol/events';
import { encodeAwarenessEntries, encodeSyncStep1 } from '../lib/protocol/messages';
import { encodeYjsAwarenessFrame, encodeYjsSyncFrame } from '../lib/protocol/yjs-frames';
import { flagValue, transportsFlag } from './support/flags';
import { BenchServer } from './support/server-process';
import { sleep, withTimeout } from './support/stats';

type Transport = 'socket.io' | 'yjs';

interface Options {
  transports: Transport[];
  connections: number;
  boards: number;
  /** Connections opening at once. */
  concurrency: number;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string) => flagValue(argv, name);
  return {
    transports: transportsFlag<Transport>(argv, ['socket.io', 'yjs']),
    connections: Number(value('connections') ?? 10_000),
    boards: Number(value('boards') ?? 100),
    concurrency: Number(value('concurrency') ?? 100),
  };
}

/** What every connection sends first: the sync step 1 of a client with nothing. */
const STEP1 = encodeSyncStep1(new Y.Doc());

function presence(index: number): Uint8Array {
  const state = { user: { name: `Person ${index}`, color: '#1971c2', id: `idle-${index}` }, cursor: { x: index % 1000, y: 0 }, selection: [] };
  return encodeAwarenessEntries([{ clientID: 1_000_000 + index, clock: 1, state }]);
}

/** Resolves once the connection is open, has sent its step 1 and presence, and got the board back. */
function openSocketIo(url: string, boardId: string, index: number): Promise<WebSocket> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
  const sendBinary = (event: string, payload: Uint8Array) => {
    ws.send(`451-${JSON.stringify([event, { _placeholder: true, num: 0 }])}`);
    ws.send(payload, { binary: true });
  };
  return new Promise((resolve, reject) => {
    ws.on('error', reject);
    ws.on('close', (code) => reject(new Error(`closed (${code}) before the board came`)));
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      // The first binary frame is the attachment of the server's first sync message: the board.
      if (isBinary) return resolve(ws);
      const text = data.toString();
      if (text.startsWith('0')) ws.send(`40${JSON.stringify({ boardId })}`);
      else if (text === '2') ws.send('3');
      else if (text.startsWith('40')) {
        sendBinary(SYNC_EVENT, STEP1);
        sendBinary(AWARENESS_EVENT, presence(index));
      } else if (text.startsWith('44')) reject(new Error(`connect refused: ${text}`));
    });
  });
}

function openYjs(url: string, boardId: string, index: number): Promise<WebSocket> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/yjs/${boardId}`, { perMessageDeflate: false });
  return new Promise((resolve, reject) => {
    ws.on('error', reject);
    ws.on('close', (code) => reject(new Error(`closed (${code}) before the board came`)));
    ws.on('open', () => {
      ws.send(encodeYjsSyncFrame(STEP1));
      ws.send(encodeYjsAwarenessFrame(presence(index)));
    });
    ws.on('message', (data: Buffer) => {
      // Sync (0), step 2 (1): the board.
      if (data[0] === 0 && data[1] === 1) resolve(ws);
    });
  });
}

/** The server's memory after a full collection, in bytes. */
async function serverMemory(server: BenchServer): Promise<{ heapUsed: number; rss: number; external: number; arrayBuffers: number }> {
  const before = server.log().length;
  process.kill(server.pid, 'SIGUSR2');
  for (let i = 0; i < 300; i++) {
    await sleep(100);
    const line = /MEMORY (\{.*\})/.exec(server.log().slice(before));
    if (line) return JSON.parse(line[1]!);
  }
  throw new Error('the server did not report its memory');
}

/** RSS as the kernel counts it (VmRSS), for a check of the server's own figure. */
function vmRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) * 1024;
}

async function openAll(transport: Transport, url: string, boards: string[], from: number, to: number, concurrency: number, sockets: WebSocket[]): Promise<void> {
  const open = transport === 'socket.io' ? openSocketIo : openYjs;
  let next = from;
  const worker = async () => {
    while (next < to) {
      const index = next++;
      sockets.push(await withTimeout(open(url, boards[index % boards.length]!, index), 60_000, `connection ${index} did not open`));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

async function measure(transport: Transport, options: Options): Promise<void> {
  const server = await BenchServer.start({
    entry: 'bench/support/gc-entry.ts',
    nodeFlags: ['--expose-gc'],
    env: {
      MAX_CONNECTIONS_PER_ADDRESS: String(options.connections + 100),
      MAX_SOCKETS_PER_BOARD: String(Math.ceil(options.connections / options.boards) + 10),
    },
  });
  const sockets: WebSocket[] = [];
  try {
    const boards = Array.from({ length: options.boards }, () => newBoardId());
    const empty = await serverMemory(server);
    await openAll(transport, server.url, boards, 0, options.boards, options.concurrency, sockets);
    await sleep(1_000);
    const loaded = await serverMemory(server);
    const loadedRss = vmRss(server.pid);
    const started = performance.now();
    await openAll(transport, server.url, boards, options.boards, options.connections, options.concurrency, sockets);
    const openSeconds = (performance.now() - started) / 1000;
    await sleep(2_000);
    const full = await serverMemory(server);
    const fullRss = vmRss(server.pid);
    const added = options.connections - options.boards;
    console.log(`\n${transport}: ${options.connections} idle connections over ${options.boards} boards (load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
    console.log(`  opened ${added} in ${openSeconds.toFixed(1)} s; ${sockets.filter((ws) => ws.readyState === WebSocket.OPEN).length} open at the end`);
    console.log(`  server, empty:                   heap ${mb(empty.heapUsed)} MB, RSS ${mb(empty.rss)} MB`);
    console.log(`  one connection per board:        heap ${mb(loaded.heapUsed)} MB, RSS ${mb(loaded.rss)} MB (VmRSS ${mb(loadedRss)} MB)`);
    console.log(`  all ${options.connections}:${' '.repeat(Math.max(1, 26 - String(options.connections).length))}heap ${mb(full.heapUsed)} MB, RSS ${mb(full.rss)} MB (VmRSS ${mb(fullRss)} MB), external ${mb(full.external)} MB`);
    console.log(`  per added connection:            heap ${kb((full.heapUsed - loaded.heapUsed) / added)} KB, RSS ${kb((full.rss - loaded.rss) / added)} KB, external ${kb((full.external - loaded.external) / added)} KB`);
  } finally {
    for (const ws of sockets) ws.terminate();
    await server.stop();
  }
}

const options = parseOptions(process.argv.slice(2));
for (const transport of options.transports) await measure(transport, options);
process.exit(0);
