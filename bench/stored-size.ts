/**
 * The stored size of a board, in bytes (sizes, not times: it may run on a busy machine):
 *
 *   npx tsx bench/stored-size.ts [--counts 10000,50000,100000]
 *
 * For each count, the benchmarks' deterministic drawing (render-board.ts: half pen strokes of 50
 * points, the rest boxes, lines, arrows and texts over 20,000 x 20,000) is built the way
 * `POST /api/boards` builds it (shapes written in batches, then folded into the V2 snapshot the
 * store keeps), and measured:
 *
 * - JSON: the Tabula file, as `JSON.stringify` writes it;
 * - stored: the V2 snapshot the store keeps after compaction (what a newcomer is sent);
 * - V1: the same state in Yjs's V1 encoding (what `/yjs` clients are sent as sync step 2);
 * - with float noise: the same drawing with every coordinate off by a float's noise, as other
 *   programs write them (`52.230000000000004`), stored as it came and as the importer rounds it.
 */
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { writeShapes } from '../lib/board/doc';
import { quantizeShape } from '../lib/board/quantize';
import { type Shape, shapeSchema } from '../lib/board/schema';
import { mergeStored } from '../server/store/stored-doc';
import { generateBoard } from './render-board';

const { values: args } = parseArgs({ options: { counts: { type: 'string', default: '10000,50000,100000' } } });
const counts = args.counts.split(',').map(Number);

/** The bytes the store keeps for these shapes, and their V1 state. */
function stored(shapes: readonly Shape[]): { v2: number; v1: number } {
  const doc = new Y.Doc();
  for (let i = 0; i < shapes.length; i += 1_000) writeShapes(doc, shapes.slice(i, i + 1_000));
  const v1 = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { v2: mergeStored(null, [v1]).byteLength, v1: v1.byteLength };
}

/** A float's noise on every coordinate: what 0.1 + 0.2 leaves (0.30000000000000004). */
const noisy = (value: number) => value + 0.1 + 0.2;
function withNoise(shape: Shape): Shape {
  const out = { ...shape, x: noisy(shape.x), y: noisy(shape.y), w: noisy(shape.w), h: noisy(shape.h) };
  if ('points' in shape) {
    const stride = shape.type === 'pen' ? 3 : 2;
    (out as { points: number[] }).points = shape.points.map((value, i) => (i % stride === 2 ? value : noisy(value)));
  }
  return out;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
console.log('| shapes | JSON | stored (V2) | V1 | with float noise: stored as it came | with float noise: stored rounded |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const count of counts) {
  const file = generateBoard(count);
  const shapes = file.shapes.map((shape) => quantizeShape(shapeSchema.parse(shape)));
  const whole = stored(shapes);
  const noise = shapes.map(withNoise);
  const asItCame = stored(noise);
  const rounded = stored(noise.map(quantizeShape));
  console.log(`| ${count} | ${mb(JSON.stringify(file).length)} | ${mb(whole.v2)} | ${mb(whole.v1)} | ${mb(asItCame.v2)} | ${mb(rounded.v2)} |`);
}
