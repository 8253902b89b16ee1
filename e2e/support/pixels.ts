/**
 * Reading what a board shows. Shapes are painted on canvases (no DOM node per shape), so the tests
 * take a screenshot of the canvas area, which composites the static layer of committed shapes, the
 * interactive layer above it and any chrome on top, and look for ink where a shape should be.
 *
 * "Ink" is a pixel that clearly differs from the board's background colour (the most common colour
 * of the screenshot). A rectangle counts as shown when all four of its edges carry ink along most
 * of their length; it counts as gone when none of them does. Corners are left out: that is where
 * cursors, resize handles and labels sit. A faint grid or dot pattern stays below the threshold or
 * covers only a small share of an edge, and every spec also checks places where nothing is drawn.
 */
import { inflateSync } from 'node:zlib';
import type { Page } from '@playwright/test';

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, row after row. */
  data: Uint8Array;
}

export interface Point {
  x: number;
  y: number;
}

/** A rectangle by two opposite corners, in board coordinates (= canvas CSS pixels at 100%). */
export interface Rect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/** Decodes the PNGs browsers produce: 8-bit greyscale, RGB or RGBA, not interlaced. */
export function decodePng(png: Buffer): Pixels {
  if (png.length < 8 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let bitDepth = 0;
  let colorType = 0;
  let interlace = 0;
  const idat: Buffer[] = [];
  while (offset + 8 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    offset += 12 + length;
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      bitDepth = body.readUInt8(8);
      colorType = body.readUInt8(9);
      interlace = body.readUInt8(12);
    } else if (type === 'IDAT') {
      idat.push(body);
    } else if (type === 'IEND') {
      break;
    }
  }
  const channelsByType: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };
  const channels = channelsByType[colorType];
  if (bitDepth !== 8 || channels === undefined || interlace !== 0) {
    throw new Error(`unsupported PNG: bit depth ${bitDepth}, colour type ${colorType}, interlace ${interlace}`);
  }

  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new Error('truncated PNG data');
  const current = new Uint8Array(stride);
  const previous = new Uint8Array(stride);
  const data = new Uint8Array(width * height * 4);

  for (let y = 0; y < height; y++) {
    const rowStart = y * (stride + 1);
    const filter = raw[rowStart] ?? 0;
    for (let i = 0; i < stride; i++) {
      const x = raw[rowStart + 1 + i] ?? 0;
      const a = i >= channels ? (current[i - channels] ?? 0) : 0;
      const b = previous[i] ?? 0;
      const c = i >= channels ? (previous[i - channels] ?? 0) : 0;
      let value: number;
      switch (filter) {
        case 0: value = x; break;
        case 1: value = x + a; break;
        case 2: value = x + b; break;
        case 3: value = x + ((a + b) >> 1); break;
        case 4: value = x + paeth(a, b, c); break;
        default: throw new Error(`bad PNG filter type ${filter} in row ${y}`);
      }
      current[i] = value & 0xff;
    }
    for (let px = 0; px < width; px++) {
      const out = (y * width + px) * 4;
      const src = px * channels;
      if (channels >= 3) {
        data[out] = current[src] ?? 0;
        data[out + 1] = current[src + 1] ?? 0;
        data[out + 2] = current[src + 2] ?? 0;
        data[out + 3] = channels === 4 ? (current[src + 3] ?? 255) : 255;
      } else {
        const grey = current[src] ?? 0;
        data[out] = grey;
        data[out + 1] = grey;
        data[out + 2] = grey;
        data[out + 3] = channels === 2 ? (current[src + 1] ?? 255) : 255;
      }
    }
    previous.set(current);
  }
  return { width, height, data };
}

/** The canvas area as the user sees it: 1 image pixel per CSS pixel, origin at board point (0, 0). */
export async function canvasPixels(page: Page): Promise<Pixels> {
  const png = await page.getByTestId('canvas').screenshot({ animations: 'disabled', caret: 'hide', scale: 'css' });
  return decodePng(png);
}

/** A pixel is ink when one of its channels differs from the background by more than this. */
const INK_THRESHOLD = 64;

/** The most common colour, sampled on a sparse grid: the board's background. */
export function backgroundOf(pixels: Pixels): [number, number, number] {
  const counts = new Map<number, number>();
  let best = 0;
  let bestCount = -1;
  for (let y = 0; y < pixels.height; y += 3) {
    for (let x = 0; x < pixels.width; x += 3) {
      const i = (y * pixels.width + x) * 4;
      const key = ((pixels.data[i] ?? 0) << 16) | ((pixels.data[i + 1] ?? 0) << 8) | (pixels.data[i + 2] ?? 0);
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      if (count > bestCount) {
        best = key;
        bestCount = count;
      }
    }
  }
  return [(best >> 16) & 0xff, (best >> 8) & 0xff, best & 0xff];
}

class InkMap {
  private readonly background: [number, number, number];
  constructor(private readonly pixels: Pixels) {
    this.background = backgroundOf(pixels);
  }

  isInk(x: number, y: number): boolean {
    const px = Math.round(x);
    const py = Math.round(y);
    if (px < 0 || py < 0 || px >= this.pixels.width || py >= this.pixels.height) return false;
    const i = (py * this.pixels.width + px) * 4;
    const [r, g, b] = this.background;
    const d = this.pixels.data;
    return (
      Math.abs((d[i] ?? 0) - r) > INK_THRESHOLD ||
      Math.abs((d[i + 1] ?? 0) - g) > INK_THRESHOLD ||
      Math.abs((d[i + 2] ?? 0) - b) > INK_THRESHOLD
    );
  }

  /** Whether any pixel within `radius` (a square) of the point is ink. */
  inkNear(x: number, y: number, radius: number): boolean {
    for (let dy = -radius; dy <= radius; dy++) {
      for (let dx = -radius; dx <= radius; dx++) {
        if (this.isInk(x + dx, y + dy)) return true;
      }
    }
    return false;
  }
}

/** How far from the exact line the tests look for a shape's stroke. */
const EDGE_BAND = 5;
/** The share of each edge's length left out at both ends (corners, handles, cursors). */
const EDGE_MARGIN = 0.15;

/** Share (0..1) of sample points along a segment that have ink near them. */
function segmentCoverage(ink: InkMap, from: Point, to: Point, margin: number, radius: number): number {
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  const samples = Math.max(1, Math.floor((length * (1 - 2 * margin)) / 2));
  let hits = 0;
  for (let s = 0; s <= samples; s++) {
    const t = margin + ((1 - 2 * margin) * s) / samples;
    if (ink.inkNear(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t, radius)) hits++;
  }
  return hits / (samples + 1);
}

export interface EdgeCoverage {
  top: number;
  right: number;
  bottom: number;
  left: number;
  /** The weakest edge: near 1 when the rectangle is shown. */
  min: number;
  /** The strongest edge: near 0 when nothing is drawn there. */
  max: number;
}

export function normalizeRect(rect: Rect): Rect {
  return {
    x1: Math.min(rect.x1, rect.x2),
    y1: Math.min(rect.y1, rect.y2),
    x2: Math.max(rect.x1, rect.x2),
    y2: Math.max(rect.y1, rect.y2),
  };
}

export function rectEdgeCoverage(pixels: Pixels, rect: Rect): EdgeCoverage {
  const ink = new InkMap(pixels);
  const { x1, y1, x2, y2 } = normalizeRect(rect);
  const edge = (from: Point, to: Point) => segmentCoverage(ink, from, to, EDGE_MARGIN, EDGE_BAND);
  const top = edge({ x: x1, y: y1 }, { x: x2, y: y1 });
  const right = edge({ x: x2, y: y1 }, { x: x2, y: y2 });
  const bottom = edge({ x: x1, y: y2 }, { x: x2, y: y2 });
  const left = edge({ x: x1, y: y1 }, { x: x1, y: y2 });
  const all = [top, right, bottom, left];
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    top: round(top),
    right: round(right),
    bottom: round(bottom),
    left: round(left),
    min: round(Math.min(...all)),
    max: round(Math.max(...all)),
  };
}

/** Share (0..1) of a polyline's length, ends left out, that has ink within `radius` pixels. */
export function pathCoverage(pixels: Pixels, points: readonly Point[], radius = 4): number {
  const ink = new InkMap(pixels);
  let weighted = 0;
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1];
    const to = points[i];
    if (!from || !to) continue;
    const length = Math.hypot(to.x - from.x, to.y - from.y);
    weighted += segmentCoverage(ink, from, to, 0.05, radius) * length;
    total += length;
  }
  return total === 0 ? 0 : Math.round((weighted / total) * 100) / 100;
}

/** Share (0..1) of the pixels inside an area that are ink. */
export function inkShare(pixels: Pixels, rect: Rect): number {
  const ink = new InkMap(pixels);
  const { x1, y1, x2, y2 } = normalizeRect(rect);
  let hits = 0;
  let total = 0;
  for (let y = y1; y <= y2; y += 2) {
    for (let x = x1; x <= x2; x += 2) {
      total++;
      if (ink.isInk(x, y)) hits++;
    }
  }
  return total === 0 ? 0 : hits / total;
}
