/**
 * A large board for the rendering benchmark, as a Tabula file: `count` shapes spread over a
 * 20,000 x 20,000 board centred on the origin. Half are freehand strokes of 50 points; the rest
 * are rectangles, ellipses, diamonds, arrows, lines and short texts, in a few colours. Seeded, so
 * that every run draws the same board.
 */
import { generateNKeysBetween } from 'fractional-indexing';
import { STROKE_COLORS } from '../lib/editor/style';

export const BOARD_SIZE = 20_000;
const OTHER_TYPES = ['rectangle', 'ellipse', 'diamond', 'arrow', 'line', 'text'] as const;
const WORDS = ['plan', 'idea', 'todo', 'ship it', 'review', 'sketch', 'user flow', 'API', 'later', 'why?'];

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Whole board units, as the pen stores a stroke drawn at 100% (lib/editor/pen.ts). */
const round = (value: number) => Math.round(value);

/** A smooth wandering stroke of 50 points, relative to its box, and the box's size. */
function strokePoints(rand: () => number): { points: number[]; w: number; h: number } {
  const raw: number[] = [];
  let x = 0;
  let y = 0;
  let angle = rand() * Math.PI * 2;
  for (let i = 0; i < 50; i++) {
    raw.push(x, y);
    angle += (rand() - 0.5) * 0.8;
    x += Math.cos(angle) * 4;
    y += Math.sin(angle) * 4;
  }
  const xs = raw.filter((_, i) => i % 2 === 0);
  const ys = raw.filter((_, i) => i % 2 === 1);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const points: number[] = [];
  for (let i = 0; i < raw.length; i += 2) points.push(round(raw[i]! - minX), round(raw[i + 1]! - minY), 0.5);
  return { points, w: round(Math.max(...xs) - minX), h: round(Math.max(...ys) - minY) };
}

export function generateBoard(count: number, seed = 42) {
  const rand = random(seed);
  const zs = generateNKeysBetween(null, null, count);
  const shapes = zs.map((z, i) => {
    const x = round((rand() - 0.5) * BOARD_SIZE);
    const y = round((rand() - 0.5) * BOARD_SIZE);
    const stroke = STROKE_COLORS[Math.floor(rand() * 4) * 2 % STROKE_COLORS.length]!.value;
    const base = { id: `s${i}`, z, x, y, stroke, strokeWidth: 2 };
    if (i % 2 === 0) return { ...base, type: 'pen', strokeWidth: 4, ...strokePoints(rand) };
    const type = OTHER_TYPES[Math.floor(rand() * OTHER_TYPES.length)]!;
    const w = round(40 + rand() * 160);
    const h = round(30 + rand() * 120);
    switch (type) {
      case 'arrow':
      case 'line':
        return { ...base, type, w, h, points: [0, 0, w, h] };
      case 'text': {
        const text = WORDS[Math.floor(rand() * WORDS.length)]!;
        return { ...base, type, w: text.length * 11, h: 25, text, fontSize: 20 };
      }
      default:
        return { ...base, type, w, h, fill: rand() < 0.3 ? '#a5d8ff' : 'none' };
    }
  });
  return { format: 'tabula', version: 1, title: `Benchmark: ${count} shapes`, shapes };
}
