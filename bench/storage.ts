/**
 * Storage benchmarks, for each store (LevelDB always; Postgres when DATABASE_URL is set):
 *
 *   npx tsx bench/storage.ts [--shapes 10000] [--moves 100000] [--append-seconds 5] [--writers 20]
 *
 * 1. Cold load: a board of --shapes shapes (half pen strokes of 50 points) is stored, the server
 *    has it out of memory, and a client in another process connects: time from connect until the
 *    board has arrived (the server's part: reading the store and sending), and until the client
 *    has applied it (synced); and the time to decode the stored board into a document (what the
 *    server does next, to take edits). Measured with the log as written (one update per shape
 *    batch) and again after compaction (one snapshot).
 * 2. Sustained appends: --writers concurrent writers append small updates (one shape move each)
 *    for --append-seconds; appends per second with group commit.
 * 3. Stored size of the board after --moves moves, before and after compaction (logical bytes:
 *    snapshot plus log as the store returns them).
 *
 * Everything runs in this process against a real store; the server is started in-process on a
 * loopback port with a temporary DATA_DIR. Figures print as a markdown table.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { addShapes, getShapesMap, moveShapes, newShapeId, type NewShape } from '../lib/board/doc';
import { newBoardId } from '../lib/protocol';
import { startTabulaServer } from '../server/app';
import { loadConfig } from '../server/config';
import { createLogger } from '../server/log';
import type { DocStore } from '../server/store/doc-store';
import { decodeStoredBoard } from '../server/store/stored-doc';
import type { ColdLoadTimes } from './support/cold-client';

const { values: args } = parseArgs({
  options: {
    shapes: { type: 'string', default: '10000' },
    moves: { type: 'string', default: '100000' },
    'append-seconds': { type: 'string', default: '5' },
    writers: { type: 'string', default: '20' },
  },
});
const SHAPES = Number(args.shapes);
const MOVES = Number(args.moves);
const APPEND_SECONDS = Number(args['append-seconds']);
const WRITERS = Number(args.writers);

function mixedShapes(count: number): NewShape[] {
  return Array.from({ length: count }, (_, i) => {
    const x = (i * 37) % 20_000;
    const y = Math.floor((i * 37) / 20_000) * 60;
    if (i % 2 === 0) {
      const points = Array.from({ length: 50 }, (_, k) => [k * 2, Math.sin(k / 5) * 10 + 10, 0.5]).flat();
      return { id: newShapeId(), type: 'pen', x, y, w: 100, h: 20, points };
    }
    return { id: newShapeId(), type: 'rectangle', x, y, w: 40, h: 30 };
  });
}

function docWith(shapes: NewShape[]): Y.Doc {
  const doc = new Y.Doc();
  addShapes(doc, shapes);
  return doc;
}

const storedBytes = async (store: DocStore, boardId: string) => {
  const stored = await store.load(boardId);
  return (stored?.snapshot?.byteLength ?? 0) + (stored?.updates.reduce((sum, update) => sum + update.byteLength, 0) ?? 0);
};

/** The cold-load client runs in its own process, so that its work is not counted as the server's. */
async function startColdClient(): Promise<{ child: ChildProcess; load(url: string, boardId: string): Promise<ColdLoadTimes> }> {
  const child = fork(new URL('./support/cold-client.ts', import.meta.url), { execArgv: ['--import', 'tsx'] });
  await new Promise((resolve) => child.once('message', resolve));
  return {
    child,
    load: (url, boardId) =>
      new Promise((resolve) => {
        child.once('message', (times: ColdLoadTimes) => resolve(times));
        child.send({ url, boardId });
      }),
  };
}
const coldClient = await startColdClient();

async function benchStore(name: string, env: Record<string, string>) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tabula-bench-'));
  const config = loadConfig({ NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SERVE_UI: 'false', LOG_LEVEL: 'silent', ROOM_IDLE_UNLOAD_MS: '0', COMPACT_AFTER_UPDATES: '1000000000', ...env });
  const server = await startTabulaServer(config, createLogger('silent'));
  const url = `http://127.0.0.1:${server.port}`;
  const { store } = server;
  try {
    // 1. Cold load, from the log as written (shapes added in batches of 100, as a paste would).
    // A small board first, so that neither process is timed while still compiling its code.
    const warmUp = newBoardId();
    await store.append(warmUp, Y.encodeStateAsUpdate(docWith(mixedShapes(100))));
    await coldClient.load(url, warmUp);
    const boardId = newBoardId();
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const shapes = mixedShapes(SHAPES);
    for (let i = 0; i < shapes.length; i += 100) addShapes(doc, shapes.slice(i, i + 100));
    for (const update of updates) await store.append(boardId, update);
    const logLoad = await coldClient.load(url, boardId);
    await waitUnloaded(server.rooms, boardId);
    const serverLogLoad = await timed(() => store.load(boardId).then((stored) => applyStored(stored)));
    await store.compact(boardId);
    const snapshotLoad = await coldClient.load(url, boardId);
    await waitUnloaded(server.rooms, boardId);
    const serverSnapshotLoad = await timed(() => store.load(boardId).then((stored) => applyStored(stored)));

    // 2. Sustained appends with group commit.
    const appendBoard = newBoardId();
    const ids = [...getShapesMap(doc).keys()];
    const moveUpdates: Uint8Array[] = [];
    const capture = (update: Uint8Array) => moveUpdates.push(update);
    doc.on('update', capture);
    for (let i = 0; i < 2_000; i++) moveShapes(doc, [ids[i % ids.length]!], 1, 0);
    doc.off('update', capture);
    let appended = 0;
    const deadline = performance.now() + APPEND_SECONDS * 1000;
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        for (let i = writer; performance.now() < deadline; i += WRITERS) {
          await store.append(appendBoard, moveUpdates[i % moveUpdates.length]!);
          appended++;
        }
      }),
    );
    const appendsPerSecond = appended / APPEND_SECONDS;

    // 3. Stored size after many moves, before and after compaction.
    const sizeBoard = newBoardId();
    const sizeDoc = new Y.Doc();
    const sizeUpdates: Uint8Array[] = [];
    sizeDoc.on('update', (update: Uint8Array) => sizeUpdates.push(update));
    addShapes(sizeDoc, mixedShapes(SHAPES));
    const sizeIds = [...getShapesMap(sizeDoc).keys()];
    for (let i = 0; i < MOVES; i++) moveShapes(sizeDoc, [sizeIds[(i * 7919) % sizeIds.length]!], 1, 1);
    for (let i = 0; i < sizeUpdates.length; i += 500) await Promise.all(sizeUpdates.slice(i, i + 500).map((update) => store.append(sizeBoard, update)));
    const before = await storedBytes(store, sizeBoard);
    await store.compact(sizeBoard);
    const after = await storedBytes(store, sizeBoard);

    return { name, logLoad, serverLogLoad, snapshotLoad, serverSnapshotLoad, appendsPerSecond, before, after, updates: sizeUpdates.length };
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function applyStored(stored: Awaited<ReturnType<DocStore['load']>>): void {
  decodeStoredBoard(stored ?? { snapshot: null, updates: [] }).destroy();
}

async function timed(run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function waitUnloaded(rooms: { peek(boardId: string): unknown }, boardId: string): Promise<void> {
  while (rooms.peek(boardId)) await new Promise((resolve) => setTimeout(resolve, 10));
  await new Promise((resolve) => setTimeout(resolve, 50));
}

const stores: Array<[string, Record<string, string>]> = [['LevelDB', {}]];
if (process.env.DATABASE_URL) stores.push(['Postgres', { DATABASE_URL: process.env.DATABASE_URL }]);
else console.log('DATABASE_URL is not set: Postgres is not measured.');

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
console.log(`\n${SHAPES} shapes (half pen strokes of 50 points), ${MOVES} moves, ${WRITERS} writers for ${APPEND_SECONDS} s\n`);
console.log('| store | cold load, log: board arrived / client synced / decoded | cold load, snapshot: board arrived / client synced / decoded | appends/s | stored after moves: before / after compaction |');
console.log('| --- | --- | --- | --- | --- |');
for (const [name, env] of stores) {
  const r = await benchStore(name, env);
  console.log(
    `| ${r.name} | ${r.logLoad.arrivedMs.toFixed(0)} / ${r.logLoad.syncedMs.toFixed(0)} / ${r.serverLogLoad.toFixed(0)} ms | ${r.snapshotLoad.arrivedMs.toFixed(0)} / ${r.snapshotLoad.syncedMs.toFixed(0)} / ${r.serverSnapshotLoad.toFixed(0)} ms | ${r.appendsPerSecond.toFixed(0)} | ${mb(r.before)} (${r.updates} updates) / ${mb(r.after)} |`,
  );
}
coldClient.child.kill();
process.exit(0);
