/**
 * Points in a compact stored form. A stroke's points are stored as one base64 string instead of a
 * list of numbers when they are all on the import and pen grid (coordinates in eighths, pressures
 * in 64ths of [0, 1], lib/board/quantize.ts): each point's x and y as the change from the
 * previous point, in eighths, as a zigzag varint (one or two bytes for a hand-drawn stroke), and
 * its pressure in one byte. Yjs stores a number in 2 to 9 bytes plus a tag; a pen point of three
 * numbers takes about 10 bytes as a list and 4 to 6 packed, and a board of strokes about half the
 * bytes to store, send and load. A string, not bytes: Yjs keeps a Uint8Array as binary content,
 * which the server refuses everywhere (server/security/validation/), and a string is plain JSON to
 * any Yjs client.
 *
 *   byte 0: PACKED_POINTS_VERSION   byte 1: stride (2: [x, y, ...], 3: [x, y, pressure, ...])
 *   then per point: zigzag varint dx*8, zigzag varint dy*8, (stride 3) one byte pressure*64
 *
 * Points that are not on the grid stay a list of numbers: both forms are read, forever.
 */
import { fromBase64, toBase64 } from 'lib0/buffer';
// schema.ts checks stored points with unpackPoints: its constants are read inside functions only.
import { COORDINATE_STEPS_PER_UNIT, MAX_COORDINATE, MAX_POINT_VALUES, PRESSURE_STEPS } from './shape-limits';

export const POINTS_KEY = 'points';
export const PACKED_POINTS_VERSION = 1;
/** A varint of more bytes than this would exceed the coordinate range. */
const MAX_VARINT_BYTES = 5;

const strideOf = (type: unknown): 2 | 3 => (type === 'pen' ? 3 : 2);

function onGrid(value: number, steps: number): boolean {
  const scaled = value * steps;
  return Number.isInteger(scaled);
}

function pushVarint(out: number[], value: number): void {
  let zigzag = value >= 0 ? value * 2 : -value * 2 - 1;
  while (zigzag >= 128) {
    out.push((zigzag % 128) | 128);
    zigzag = Math.floor(zigzag / 128);
  }
  out.push(zigzag);
}

/** The points packed, or null when they are not all on the grid (then they are stored as a list). */
export function packPoints(points: readonly number[], stride: 2 | 3): string | null {
  const bytes = packBytes(points, stride);
  return bytes && toBase64(bytes);
}

/** The longest packed string: 5-byte varints for x and y and a pressure byte per point, in base64. */
const maxPackedChars = () => Math.ceil(((2 + (MAX_POINT_VALUES / 2) * 11) * 4) / 3) + 4;

/** The points of a packed string, or null if it is not one (a peer's bad write). */
export function unpackPoints(packed: string): number[] | null {
  if (packed.length > maxPackedChars() || !/^[A-Za-z0-9+/]*={0,2}$/.test(packed)) return null;
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(packed);
  } catch {
    return null;
  }
  return unpackBytes(bytes);
}

function packBytes(points: readonly number[], stride: 2 | 3): Uint8Array | null {
  if (points.length % stride !== 0 || points.length > MAX_POINT_VALUES) return null;
  const out: number[] = [PACKED_POINTS_VERSION, stride];
  let x = 0;
  let y = 0;
  for (let i = 0; i < points.length; i += stride) {
    const px = points[i]!;
    const py = points[i + 1]!;
    if (!(Math.abs(px) <= MAX_COORDINATE && Math.abs(py) <= MAX_COORDINATE) || !onGrid(px, COORDINATE_STEPS_PER_UNIT) || !onGrid(py, COORDINATE_STEPS_PER_UNIT)) return null;
    pushVarint(out, (px - x) * COORDINATE_STEPS_PER_UNIT);
    pushVarint(out, (py - y) * COORDINATE_STEPS_PER_UNIT);
    x = px;
    y = py;
    if (stride === 3) {
      const pressure = points[i + 2]!;
      if (!(pressure >= 0 && pressure <= 1) || !onGrid(pressure, PRESSURE_STEPS)) return null;
      out.push(pressure * PRESSURE_STEPS);
    }
  }
  return Uint8Array.from(out);
}

function unpackBytes(bytes: Uint8Array): number[] | null {
  if (bytes.length < 2 || bytes[0] !== PACKED_POINTS_VERSION || (bytes[1] !== 2 && bytes[1] !== 3)) return null;
  const stride = bytes[1];
  const maxSteps = MAX_COORDINATE * COORDINATE_STEPS_PER_UNIT;
  const points: number[] = [];
  let pos = 2;
  const varint = (): number | null => {
    let value = 0;
    let scale = 1;
    for (let n = 0; n < MAX_VARINT_BYTES && pos < bytes.length; n++) {
      const byte = bytes[pos++]!;
      value += (byte & 127) * scale;
      if (byte < 128) return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
      scale *= 128;
    }
    return null;
  };
  let x = 0;
  let y = 0;
  while (pos < bytes.length) {
    if (points.length + stride > MAX_POINT_VALUES) return null;
    const dx = varint();
    const dy = varint();
    if (dx === null || dy === null) return null;
    x += dx;
    y += dy;
    if (Math.abs(x) > maxSteps || Math.abs(y) > maxSteps) return null;
    points.push(x / COORDINATE_STEPS_PER_UNIT, y / COORDINATE_STEPS_PER_UNIT);
    if (stride === 3) {
      if (pos >= bytes.length || bytes[pos]! > PRESSURE_STEPS) return null;
      points.push(bytes[pos++]! / PRESSURE_STEPS);
    }
  }
  return points;
}

/** What to store for a shape's points: packed when they are on the grid, else the list itself. */
export function storedPoints(points: readonly number[], type: unknown): number[] | string {
  return packPoints(points, strideOf(type)) ?? [...points];
}

/** A stored `points` value as a list of numbers (packed or not); a broken packed value reads as null. */
export function pointsValue(stored: unknown): unknown {
  return typeof stored === 'string' ? unpackPoints(stored) : stored;
}
