/**
 * One attacker flooding at its full budget while honest people edit: how much the server's other
 * work suffers. In one run, on one server, the same measure twice: without the attacker, then with
 * it, each on a fresh board.
 *
 *   npx tsx bench/flood.ts [--seconds 10] [--rate 10]
 *
 * The server runs as its own process (bench/support/server-process.ts). Two honest people are
 * full clients (BoardProvider, their own Y.Doc): the writer sets the x of its shape `--rate` times
 * a second and the observer times each change from the send time (shared clock: this process).
 * The attacker is a raw WebSocket on /yjs: each second it sends just under the connection's budget
 * (lib/protocol/limits.ts), in messages just under the presence limit; if the server closes it, it
 * reconnects at once and counts the close. The server's worst stall is seen from outside: GET
 * /healthz every 20 ms, and the slowest answer is reported.
 *
 * Printed per phase: the slowest /healthz answer, the honest edit delay p50/p99, the edits
 * delivered, and (with the attacker) the bytes it sent and how often it was closed.
 */
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { addShape, getShapesMap, updateShapes } from '../lib/board/doc';
import { readGeometry } from '../lib/board/stored-box';
import { encodeAwarenessEntries, MAX_AWARENESS_BYTES, MAX_BYTES_PER_SECOND, MAX_MESSAGES_PER_SECOND, newBoardId } from '../lib/protocol';
import { BoardProvider } from '../lib/sync/board-provider';
import { BenchServer } from './support/server-process';
import { now, percentile, sleep, withTimeout } from './support/stats';

const argument = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = argument('seconds', 10);
const RATE = argument('rate', 10);

interface Person {
  doc: Y.Doc;
  provider: BoardProvider;
  destroy(): void;
}

async function person(url: string, boardId: string): Promise<Person> {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  const provider = new BoardProvider({ url, boardId, doc, awareness });
  await withTimeout(provider.whenSynced(), 30_000, 'an honest client did not sync');
  return { doc, provider, destroy: () => (provider.destroy(), awareness.destroy(), doc.destroy()) };
}

/** Sends just under the budget each second until stopped; counts bytes sent and closes suffered. */
function attacker(url: string, boardId: string) {
  const stats = { bytes: 0, closes: 0 };
  // Messages a little under the presence limit, as many a second as the byte budget allows.
  const entry = { clientID: 77, clock: 1, state: { user: { name: 'flood', color: '#000000' }, pad: 'x'.repeat(MAX_AWARENESS_BYTES - 1024) } };
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, encodeAwarenessEntries([entry]));
  const message = encoding.toUint8Array(encoder);
  const perSecond = Math.min(MAX_MESSAGES_PER_SECOND, Math.floor(MAX_BYTES_PER_SECOND / message.byteLength)) * 0.95;
  let ws: WebSocket | null = null;
  let stopped = false;
  const open = () => {
    ws = new WebSocket(`${url.replace('http', 'ws')}/yjs/${boardId}`);
    ws.on('error', () => undefined);
    ws.on('close', () => {
      if (stopped) return;
      stats.closes++;
      open();
    });
  };
  open();
  const timer = setInterval(() => {
    for (let i = 0; i < perSecond / 100; i++) {
      if (ws?.readyState !== WebSocket.OPEN) return;
      ws.send(message);
      stats.bytes += message.byteLength;
    }
  }, 10);
  return {
    stats,
    stop() {
      stopped = true;
      clearInterval(timer);
      ws?.terminate();
    },
  };
}

async function phase(server: BenchServer, withAttacker: boolean) {
  const boardId = newBoardId();
  const writer = await person(server.url, boardId);
  const observer = await person(server.url, boardId);
  const shape = addShape(writer.doc, { id: 'honest', type: 'rectangle', x: 0, y: 0, w: 10, h: 10 });
  const sentAt = new Map<number, number>();
  const delays: number[] = [];
  getShapesMap(observer.doc).observeDeep(() => {
    const map = getShapesMap(observer.doc).get(shape.id);
    const x = map && readGeometry(map)?.x;
    const sent = typeof x === 'number' ? sentAt.get(x) : undefined;
    if (sent !== undefined) {
      delays.push(now() - sent);
      sentAt.delete(x as number);
    }
  });
  const flood = withAttacker ? attacker(server.url, boardId) : null;
  let slowestHealth = 0;
  let probing = true;
  const probe = (async () => {
    while (probing) {
      const start = now();
      await fetch(`${server.url}/healthz`).then((response) => response.arrayBuffer());
      slowestHealth = Math.max(slowestHealth, now() - start);
      await sleep(20);
    }
  })();
  let x = 0;
  const edits = setInterval(() => {
    x++;
    sentAt.set(x, now());
    updateShapes(writer.doc, new Map([[shape.id, { x }]]));
  }, 1000 / RATE);
  await sleep(SECONDS * 1000);
  clearInterval(edits);
  flood?.stop();
  await sleep(1000);
  probing = false;
  await probe;
  writer.destroy();
  observer.destroy();
  delays.sort((a, b) => a - b);
  return { slowestHealth, p50: percentile(delays, 50), p99: percentile(delays, 99), delivered: delays.length, sent: x, flood: flood?.stats ?? null };
}

const server = await BenchServer.start();
try {
  for (const withAttacker of [false, true]) {
    const result = await phase(server, withAttacker);
    const flood = result.flood ? `; attacker sent ${(result.flood.bytes / 1024 / 1024).toFixed(1)} MB, closed ${result.flood.closes} times` : '';
    console.log(
      `${withAttacker ? 'with the attacker   ' : 'without an attacker '}: slowest /healthz ${result.slowestHealth.toFixed(1)} ms; ` +
        `honest edit delay p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms; ${result.delivered}/${result.sent} edits delivered${flood}`,
    );
  }
} finally {
  await server.stop();
}
process.exit(0);
