/**
 * Update validation time against the update's size and shape:
 *
 *   npx tsx bench/validation.ts [--runs 7] [--lengths 1000,2000,5000,10000,20000]
 *
 * For each length n, three updates are checked against a server's board (server/security/
 * update-validator.ts), --runs times each after a warm-up, and the median printed:
 *   chain      one shape key overwritten n times in a chain (each item's origin is the one
 *              before; the shape that cost the former validator n^2), checked with the sync step
 *              2 limits, which do not cap writes per key;
 *   new shapes n/9 new rectangles in one update (9 structs each), with every value schema-checked;
 *   refusal    the chain with the limits of an update (n above 1,000): refused once it writes
 *              the key 1,000 times, having read the whole update.
 * The time per struct should stay flat as n grows: validation is linear. Yjs's own apply of the
 * same update is printed beside it, for scale. Wall and processor times both; the load average
 * and the other processes' CPU show how busy the machine was.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { addShapes, getShapesMap, newShapeId } from '../lib/board/doc';
import { InvalidUpdateError, SYNC_STEP2_LIMITS, UPDATE_LIMITS, type ValidationLimits, validateUpdate } from '../server/security/update-validator';
import { craftOverwriteChain, untimed } from '../server/test/support/crafted-updates';
import { OtherCpuMeter } from './support/other-cpu';
import { median } from './support/stats';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    lengths: { type: 'string', default: '1000,2000,5000,10000,20000' },
  },
});
const RUNS = Number(args.runs);
const LENGTHS = args.lengths.split(',').map(Number);

interface Case {
  name: string;
  server: () => Y.Doc;
  update: Uint8Array;
  structs: number;
  limits: ValidationLimits;
}

function boardWithShape(): { doc: Y.Doc; shape: Y.Map<unknown> } {
  const doc = new Y.Doc();
  const [shape] = addShapes(doc, [{ id: 'bench-shape', type: 'rectangle', x: 0, y: 0, w: 10, h: 10 }]);
  return { doc, shape: getShapesMap(doc).get(shape!.id)! };
}

function cases(length: number): Case[] {
  const { doc, shape } = boardWithShape();
  const state = Y.encodeStateAsUpdate(doc);
  const server = () => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, state);
    return copy;
  };
  const chain = craftOverwriteChain(shape, 'box', length, 424_242, 0, (i) => [i, 0, 10, 10]);
  const author = new Y.Doc();
  let shapes: Uint8Array | null = null;
  author.on('update', (update: Uint8Array) => (shapes = update));
  addShapes(
    author,
    Array.from({ length: Math.round(length / 9) }, (_, i) => ({ id: newShapeId(), type: 'rectangle' as const, x: i, y: i, w: 10, h: 10 })),
  );
  const empty = () => {
    const copy = new Y.Doc();
    getShapesMap(copy);
    return copy;
  };
  return [
    { name: 'chain', server, update: chain, structs: length, limits: untimed(SYNC_STEP2_LIMITS) },
    { name: 'new shapes', server: empty, update: shapes!, structs: Y.decodeUpdate(shapes!).structs.length, limits: untimed(UPDATE_LIMITS) },
    ...(length > UPDATE_LIMITS.maxKeyWrites ? [{ name: 'refusal', server, update: chain, structs: length, limits: untimed(UPDATE_LIMITS) }] : []),
  ];
}

function processorMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function measure(c: Case): { wallMs: number; cpuMs: number; applyMs: number | null } {
  const walls: number[] = [];
  const cpus: number[] = [];
  const applies: number[] = [];
  const refused = c.name === 'refusal';
  for (let run = -1; run < RUNS; run++) {
    const server = c.server();
    const wall0 = performance.now();
    const cpu0 = processorMs();
    let accepted = true;
    try {
      validateUpdate(server, c.update, { limits: c.limits });
    } catch (error) {
      if (!(error instanceof InvalidUpdateError) || !refused) throw error;
      accepted = false;
    }
    if (accepted === refused) throw new Error(`the ${c.name} case was ${accepted ? 'accepted' : 'refused'}`);
    const wall = performance.now() - wall0;
    const cpu = processorMs() - cpu0;
    let apply = 0;
    if (!refused) {
      const start = performance.now();
      Y.applyUpdate(server, c.update);
      apply = performance.now() - start;
    }
    // The first run warms the JIT up and is not counted.
    if (run < 0) continue;
    walls.push(wall);
    cpus.push(cpu);
    applies.push(apply);
  }
  return { wallMs: median(walls), cpuMs: median(cpus), applyMs: refused ? null : median(applies) };
}

const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');
console.log(`# Update validation (median of ${RUNS} runs after a warm-up); load average before: ${load()}`);
console.log('');
console.log('| update | n | structs | bytes | check, ms | µs / struct | processor ms | µs / struct (processor) | Yjs apply, ms |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
const meter = new OtherCpuMeter();
for (const length of LENGTHS) {
  for (const c of cases(length)) {
    const { wallMs, cpuMs, applyMs } = measure(c);
    const perStruct = (ms: number) => ((1000 * ms) / c.structs).toFixed(2);
    console.log(
      `| ${c.name} | ${length} | ${c.structs} | ${c.update.byteLength} | ${wallMs.toFixed(2)} | ${perStruct(wallMs)} | ${cpuMs.toFixed(2)} | ${perStruct(cpuMs)} | ${applyMs === null ? 'refused' : applyMs.toFixed(2)} |`,
    );
  }
}
console.log('');
console.log(`Other processes used ${meter.stop().toFixed(0)}% of a core meanwhile; load average after: ${load()}.`);
