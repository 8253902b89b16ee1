/**
 * What an open board's Y.Doc keeps per edit (the server's memory in a long soak): 100 people each
 * editing their own shape, every edit applied to one document as the server applies it, then
 * the heap that document holds, its struct count, and its V2 size; once with each edit's x, y, w
 * and h written as four properties (the layout before `box`, which outside clients may still
 * write) and once as Tabula writes them now, one `box` (lib/board/stored-box.ts, through
 * updateShapes). Then what a compaction of that board costs on the main thread (times, so noisy:
 * quote them with the load average): the room's document encoded (what an open room's compaction
 * does, server/rooms/open-compaction.ts) against the stored board decoded and encoded again
 * (mergeStored, what it did before), with the last 2,000 updates as the log.
 *
 *   node --expose-gc --import tsx bench/doc-growth.ts [--edits 50000]
 *
 * A property overwritten leaves its old item in the document as a tombstone (its content dropped).
 * Yjs merges tombstones of one client only when their clocks follow each other under the same
 * key, which they do when each edit writes one property; with four properties per edit they never do.
 */
import { parseArgs } from 'node:util';
import os from 'node:os';
import * as Y from 'yjs';
import { addShape, getShapesMap, updateShapes } from '../lib/board/doc';
import { mergeStored } from '../server/store/stored-doc';

const PEOPLE = 100;

function gcHeap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  gc();
  return process.memoryUsage().heapUsed;
}

const LOG = 2_000;

function timed(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

type Write = (doc: Y.Doc, id: string, edit: number) => void;

function measure(edits: number, write: Write): { bytesPerEdit: number; structs: number; v2: number; encodeMs: number; decodeMs: number } {
  const server = new Y.Doc();
  const queue: Uint8Array[] = [];
  const people = Array.from({ length: PEOPLE }, (_, i) => {
    const doc = new Y.Doc();
    doc.on('update', (update: Uint8Array) => queue.push(update));
    addShape(doc, { id: `s${i}`, type: 'rectangle', x: 0, y: 0, w: 10, h: 10 });
    return { doc, id: `s${i}` };
  });
  for (const update of queue.splice(0)) Y.applyUpdate(server, update);
  const log: Uint8Array[] = [];
  const before = gcHeap();
  for (let e = 0; e < edits; e++) {
    const person = people[e % PEOPLE]!;
    person.doc.transact(() => write(person.doc, person.id, e));
    for (const update of queue.splice(0)) {
      Y.applyUpdate(server, update);
      if (e >= edits - LOG) log.push(update);
    }
  }
  // The people's documents go; only the server's is measured.
  for (const person of people) person.doc.destroy();
  people.length = 0;
  const after = gcHeap();
  let structs = 0;
  server.store.clients.forEach((list) => (structs += list.length));
    const snapshot = Y.encodeStateAsUpdateV2(server);
  const encodeMs = timed(() => Y.encodeStateAsUpdateV2(server));
  const decodeMs = timed(() => mergeStored(snapshot, log));
  return { bytesPerEdit: (after - before) / edits, structs, v2: snapshot.byteLength, encodeMs, decodeMs };
}

const { values } = parseArgs({ options: { edits: { type: 'string', default: '50000' } } });
const edits = Number(values.edits);
console.log(`# ${edits} edits by ${PEOPLE} people, each on their own shape, applied to one document; load average ${os.loadavg()[0]!.toFixed(2)}`);
for (const [name, write] of [
  [
    'four properties per edit',
    (doc, id, e) => {
      const shape = getShapesMap(doc).get(id)!;
      shape.set('x', e);
      shape.set('y', -e);
      shape.set('w', e % 50);
      shape.set('h', e % 40);
    },
  ],
  ['one box per edit (Tabula)', (doc, id, e) => updateShapes(doc, new Map([[id, { x: e, y: -e, w: e % 50, h: e % 40 }]]))],
] as const satisfies ReadonlyArray<readonly [string, Write]>) {
  const { bytesPerEdit, structs, v2, encodeMs, decodeMs } = measure(edits, write);
  console.log(
    `${name.padEnd(26)} heap ${bytesPerEdit.toFixed(0).padStart(5)} B per edit, ${String(structs).padStart(7)} structs, V2 state ${v2} B;` +
      ` compaction: document encoded ${encodeMs.toFixed(0)} ms, stored board decoded and encoded ${decodeMs.toFixed(0)} ms`,
  );
}
