/**
 * Live previews both ways: from the own gesture in progress to the bounded wire form published in
 * awareness (`encodePreview`), and from a peer's wire form to shapes to paint (`previewShapes`).
 * Pure functions; the session decides when to publish, the presence layer paints.
 */
import { type Shape, type ShapeDraft, shapeSchema } from '../board/schema';
import {
  MAX_PREVIEW_POINT_VALUES,
  MAX_PREVIEW_SHAPES,
  MAX_PREVIEW_TEXT_LENGTH,
  type Preview,
  type PreviewPatch,
  type PreviewShape,
} from './preview-schema';

/**
 * A preview larger than this (UTF-8 JSON) is not published. The whole awareness message may not
 * exceed MAX_AWARENESS_BYTES (64 KB); a simplified stroke is about 12 KB.
 */
export const MAX_PREVIEW_BYTES = 32 * 1024;

/** Coordinates are sent to a tenth of a board unit, pressure to a hundredth. */
const round1 = (value: number) => Math.round(value * 10) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;

/** Squared distance from (px, py) to the segment (ax, ay)-(bx, by). */
function segmentDistance2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

/** Indices (of points, not values) that Ramer-Douglas-Peucker keeps at tolerance `epsilon`. */
function douglasPeucker(values: readonly number[], stride: number, epsilon: number): number[] {
  const count = Math.floor(values.length / stride);
  if (count <= 2) return Array.from({ length: count }, (_, i) => i);
  const keep = new Uint8Array(count);
  keep[0] = 1;
  keep[count - 1] = 1;
  const epsilon2 = epsilon * epsilon;
  const stack: [number, number][] = [[0, count - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    const ax = values[first * stride]!;
    const ay = values[first * stride + 1]!;
    const bx = values[last * stride]!;
    const by = values[last * stride + 1]!;
    let worst = -1;
    let worstDistance = epsilon2;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance2(values[i * stride]!, values[i * stride + 1]!, ax, ay, bx, by);
      if (d > worstDistance) {
        worst = i;
        worstDistance = d;
      }
    }
    if (worst !== -1) {
      keep[worst] = 1;
      stack.push([first, worst], [worst, last]);
    }
  }
  const kept: number[] = [];
  keep.forEach((flag, i) => flag && kept.push(i));
  return kept;
}

/**
 * A flat point list ([x, y, ...] or [x, y, pressure, ...]) with at most `maxValues` numbers: as is
 * if it fits, else simplified with a tolerance doubled until it fits (first and last points
 * always kept). Coordinates are rounded to 0.1, pressures to 0.01.
 */
export function simplifyPoints(values: readonly number[], stride: 2 | 3, maxValues = MAX_PREVIEW_POINT_VALUES): number[] {
  const maxPoints = Math.max(2, Math.floor(maxValues / stride));
  const count = Math.floor(values.length / stride);
  let indices: number[];
  if (count <= maxPoints) {
    indices = Array.from({ length: count }, (_, i) => i);
  } else {
    let epsilon = 0.5;
    indices = douglasPeucker(values, stride, epsilon);
    while (indices.length > maxPoints && epsilon < 1e7) {
      epsilon *= 2;
      indices = douglasPeucker(values, stride, epsilon);
    }
    if (indices.length > maxPoints) indices = [0, count - 1];
  }
  const out: number[] = [];
  for (const i of indices) {
    out.push(round1(values[i * stride]!), round1(values[i * stride + 1]!));
    if (stride === 3) out.push(round2(values[i * stride + 2]!));
  }
  return out;
}

function utf8Length(text: string): number {
  // Cheap bound first: a UTF-16 unit is at most 3 UTF-8 bytes.
  return text.length * 3 <= MAX_PREVIEW_BYTES ? text.length : new TextEncoder().encode(text).length;
}

function fits(preview: Preview): boolean {
  const json = JSON.stringify(preview);
  return json.length <= MAX_PREVIEW_BYTES && utf8Length(json) <= MAX_PREVIEW_BYTES;
}

type AnyShapeProps = Partial<Record<'rotation' | 'stroke' | 'fill' | 'strokeWidth' | 'opacity' | 'fontSize', unknown>> & {
  type: Shape['type'];
  x: number;
  y: number;
  w: number;
  h: number;
  points?: readonly number[];
  text?: string;
};

function previewShapeOf(shape: AnyShapeProps): PreviewShape {
  const out: PreviewShape = { type: shape.type, x: round1(shape.x), y: round1(shape.y), w: round1(shape.w), h: round1(shape.h) };
  for (const key of ['rotation', 'stroke', 'fill', 'strokeWidth', 'opacity', 'fontSize'] as const) {
    const value = shape[key];
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  if (shape.points) out.points = simplifyPoints(shape.points, shape.type === 'pen' ? 3 : 2);
  if (shape.text !== undefined) out.text = shape.text.slice(0, MAX_PREVIEW_TEXT_LENGTH);
  return out;
}

/**
 * A gesture in progress as others should see it live (the editor describes its own: Editor.livePreview):
 * a shape being drawn, shapes being moved, or shapes changed in other ways (a resize, a rotation,
 * text being typed) as `edits`: each shape's id and its properties as they are now.
 */
export interface LiveGesture {
  shape: ShapeDraft | null;
  move: { ids: readonly string[]; dx: number; dy: number } | null;
  edits?: readonly ShapeEdit[] | null;
}

/** A shape being changed live: its id and the properties that change, as they are now. */
export interface ShapeEdit {
  id: string;
  x?: number;
  y?: number;
  w?: number;
  h?: number;
  rotation?: number;
  stroke?: string;
  fill?: string;
  strokeWidth?: number;
  opacity?: number;
  points?: readonly number[];
  text?: string;
  fontSize?: number;
}

function patchOf(edit: ShapeEdit, type: Shape['type'] | undefined): PreviewPatch {
  const patch: Record<string, unknown> = { id: edit.id };
  for (const [key, value] of Object.entries(edit)) {
    if (key === 'id' || value === undefined) continue;
    if (key === 'points' && Array.isArray(value)) patch.points = simplifyPoints(value as number[], type === 'pen' ? 3 : 2);
    else if (key === 'text' && typeof value === 'string') patch.text = value.slice(0, MAX_PREVIEW_TEXT_LENGTH);
    else if (typeof value === 'number' && ['x', 'y', 'w', 'h'].includes(key)) patch[key] = round1(value);
    else patch[key] = value;
  }
  return patch as PreviewPatch;
}

/**
 * The wire form of the own gesture in progress, or null when there is nothing to show (no
 * gesture, a click that has not moved yet, more shapes than a preview may carry, or too large).
 * `lookup` gives the current shapes by id (a move is published as the shapes' new positions).
 */
export function encodePreview(gesture: LiveGesture, lookup: (id: string) => Shape | undefined): Preview | null {
  let preview: Preview | null = null;
  if (gesture.edits && gesture.edits.length > 0) {
    if (gesture.edits.length > MAX_PREVIEW_SHAPES) return null;
    preview = { kind: 'edit', shapes: gesture.edits.map((edit) => patchOf(edit, lookup(edit.id)?.type)) };
  } else if (gesture.shape) {
    preview = { kind: 'draw', shape: previewShapeOf(gesture.shape) };
  } else if (gesture.move) {
    const { ids, dx, dy } = gesture.move;
    if (ids.length > MAX_PREVIEW_SHAPES) return null;
    const shapes: PreviewPatch[] = [];
    for (const id of ids) {
      const shape = lookup(id);
      if (shape) shapes.push({ id, x: round1(shape.x + dx), y: round1(shape.y + dy) });
    }
    if (shapes.length > 0) preview = { kind: 'edit', shapes };
  }
  return preview && fits(preview) ? preview : null;
}

/** Whether two previews would paint the same (so that an unchanged one is not re-sent). */
export function samePreview(a: Preview | null | undefined, b: Preview | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface PreviewPaint {
  /** Shapes to paint as the peer sees them now. */
  shapes: Shape[];
  /** Committed shapes the peer is changing: the static layer leaves them out meanwhile. */
  hidden: string[];
}

/**
 * What a peer's preview paints over the board. `key` makes the ids of drawn shapes unique per
 * peer. Patches of shapes that no longer exist, and anything that does not make a valid shape,
 * are skipped.
 */
export function previewShapes(preview: Preview | undefined, key: string, lookup: (id: string) => Shape | undefined): PreviewPaint {
  if (!preview) return { shapes: [], hidden: [] };
  if (preview.kind === 'draw') {
    const parsed = shapeSchema.safeParse({ ...preview.shape, id: `preview-${key}`, z: 'preview' });
    return { shapes: parsed.success ? [parsed.data] : [], hidden: [] };
  }
  const shapes: Shape[] = [];
  const hidden: string[] = [];
  for (const patch of preview.shapes) {
    const base = lookup(patch.id);
    if (!base) continue;
    const parsed = shapeSchema.safeParse({ ...base, ...patch, type: base.type });
    if (!parsed.success) continue;
    shapes.push(parsed.data);
    hidden.push(patch.id);
  }
  return { shapes, hidden };
}
