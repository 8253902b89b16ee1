/**
 * Export and version history of a large board, end to end on a real server (a check, not a CI
 * test: it takes minutes):
 *
 *   npx tsx bench/big-board-io.ts [--count 100000]
 *
 * Creates a board of `count` shapes (the benchmarks' deterministic drawing, render-board.ts) with
 * a streamed `POST /api/boards`, then reads it back as JSON (`GET /api/boards/<id>`), exports it as
 * SVG (`GET .../export.svg`), saves a version (`POST .../versions`), lists the versions and reads
 * that version back. For each step: the status, the characters of the answer, the shapes it holds
 * where it holds shapes, the time, and the server's resident memory (now and peak). It fails (exit 1) if
 * a step answers other than expected or loses shapes.
 */
import { parseArgs } from 'node:util';
import { generateBoard } from './render-board';
import { memoryMb } from './support/proc';
import { BenchServer } from './support/server-process';
import { tabulaFileStream } from '../server/test/support/streamed-file';

const { values: args } = parseArgs({ options: { count: { type: 'string', default: '100000' } } });
const count = Number(args.count);

interface Step {
  step: string;
  status: number;
  bytes: number;
  shapes: number | '';
  seconds: string;
  serverMb: string;
}

const steps: Step[] = [];
let failed = false;

async function main(): Promise<void> {
  // Reading a board of this size costs many MB of a client's HTTP byte budget.
  const server = await BenchServer.start({ env: { HTTP_RATE_BYTES_PER_SECOND: String(1 << 30), HTTP_RATE_BYTE_BURST: String(1 << 30) } });
  try {
    const shapes = generateBoard(count).shapes;
    let token = '';
    const call = async (step: string, path: string, init: RequestInit, expected: number, countShapes: (body: string) => number | '' = () => '') => {
      const started = performance.now();
      const response = await fetch(`${server.url}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), ...(token ? { authorization: `Bearer ${token}` } : {}) } });
      const body = await response.text();
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const memory = memoryMb(server.pid);
      const shapesHeld = response.status === expected ? countShapes(body) : '';
      steps.push({ step, status: response.status, bytes: body.length, shapes: shapesHeld, seconds, serverMb: `${memory.current.toFixed(0)} (peak ${memory.peak.toFixed(0)})` });
      if (response.status !== expected || (shapesHeld !== '' && shapesHeld !== count)) {
        failed = true;
        console.error(`${step}: ${response.status} ${body.slice(0, 300)}`);
      }
      return body;
    };
    const jsonShapes = (body: string) => (JSON.parse(body) as { shapes: unknown[] }).shapes.length;

    const created = JSON.parse(
      await call('create (streamed POST)', '/api/boards', { method: 'POST', body: tabulaFileStream('Large board', shapes), headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit, 201),
    ) as { id: string; ownerToken: string };
    token = created.ownerToken;
    const board = `/api/boards/${created.id}`;
    await call('read as JSON', board, {}, 200, jsonShapes);
    await call('export as SVG', `${board}/export.svg`, {}, 200);
    const version = JSON.parse(await call('save a version', `${board}/versions`, { method: 'POST', body: JSON.stringify({ name: 'big' }), headers: { 'content-type': 'application/json' } }, 201)) as { id: string };
    await call('list versions', `${board}/versions`, {}, 200);
    await call('read the version', `${board}/versions/${version.id}`, {}, 200, jsonShapes);
  } finally {
    await server.stop();
  }
  console.log(`A board of ${count.toLocaleString('en')} shapes:`);
  console.table(steps);
  if (failed) process.exitCode = 1;
}

await main();
