/**
 * Reads Excalidraw drawings (`.excalidraw` files, and what Excalidraw puts on the clipboard) into
 * Tabula shapes. The public file format is
 *
 *   { "type": "excalidraw", "version": 2, "source": "...", "elements": [ ... ], "appState": {...}, "files": {...} }
 *
 * Elements are in paint order. Each has `x`, `y`, `width`, `height`, `angle` (radians, about the
 * element's centre), `strokeColor`, `backgroundColor`, `strokeWidth`, `opacity` (0-100) and, for
 * lines, arrows and free-draw strokes, `points` ([x, y] pairs relative to x/y). Image elements
 * name a `fileId` whose bytes are a data URL in `files`. Deleted elements (`isDeleted`) are dropped
 * silently; element types without a Tabula counterpart (frame, embeddable, ...) and images whose
 * file is missing or not PNG, JPEG, GIF or WebP are skipped and counted.
 *
 * What does not carry over: the hand-drawn look (roughness), fill patterns (every fill is solid),
 * rounded corners and nested groups; dashed and dotted strokes become dashed. An arrow's or
 * line's `startBinding`/`endBinding` to an imported element becomes a Tabula binding to its shape.
 * A text bound to a container (`containerId`: a rectangle, ellipse, diamond or arrow) becomes that
 * shape's label. Font families map to Tabula's three (hand-written, sans-serif, monospace), and
 * text alignment comes over.
 */
import { z } from '../protocol/zod';
import { isLabelled, MAX_COORDINATE, MAX_POINT_VALUES, MAX_TEXT_LENGTH, type Shape, shapeSchema } from '../board/schema';
import { quantizeCoordinate as quantize, quantizePressure } from '../board/quantize';
import { boundsOfPoints } from '../geometry/box';
import { DEFAULT_PRESSURE } from '../render/pen-outline';
import { type ImageType, MAX_ASSET_BYTES, sniffImageType } from './assets';
import { MAX_IMPORT_ITEMS, type SkipCounts } from './import-result';

/** Excalidraw draws free-draw strokes with perfect-freehand at `strokeWidth * 4.25`; so does Tabula's pen at `strokeWidth`. */
export const FREEDRAW_SIZE_FACTOR = 4.25;
const DEFAULT_STROKE = '#1e1e1e';
const DEFAULT_FONT_SIZE = 20;

const finite = z.number().finite();
const fileSchema = z.object({
  type: z.enum(['excalidraw', 'excalidraw/clipboard']),
  elements: z.array(z.unknown()),
  files: z.record(z.string(), z.unknown()).optional(),
});

const elementSchema = z
  .object({
    type: z.string(),
    x: finite,
    y: finite,
    width: finite.optional(),
    height: finite.optional(),
    angle: finite.optional(),
    strokeColor: z.string().optional(),
    backgroundColor: z.string().optional(),
    strokeWidth: finite.optional(),
    strokeStyle: z.string().optional(),
    opacity: finite.optional(),
    isDeleted: z.boolean().optional(),
    points: z.array(z.array(finite).min(2)).optional(),
    pressures: z.array(finite).optional(),
    simulatePressure: z.boolean().optional(),
    text: z.string().optional(),
    fontSize: finite.optional(),
    fontFamily: finite.optional(),
    textAlign: z.string().optional(),
    containerId: z.string().nullable().optional(),
    startArrowhead: z.string().nullable().optional(),
    endArrowhead: z.string().nullable().optional(),
    fileId: z.string().nullable().optional(),
    id: z.string().optional(),
    startBinding: z.object({ elementId: z.string() }).loose().nullable().optional(),
    endBinding: z.object({ elementId: z.string() }).loose().nullable().optional(),
    locked: z.boolean().optional(),
    /** Innermost group first. */
    groupIds: z.array(z.string()).optional(),
  })
  .loose();

type Element = z.infer<typeof elementSchema>;

/** The shape under construction: a Shape without id and z (placeholders are added to validate). */
type Draft = Record<string, unknown> & { type: Shape['type'] };

/**
 * An image embedded in the drawing. Its shape carries `placeholder` as its asset id until the
 * file has been uploaded to the board (see `resolveImages` in import.ts).
 */
export interface EmbeddedImage {
  placeholder: string;
  type: ImageType;
  bytes: Uint8Array;
}

export interface ExcalidrawResult {
  shapes: Shape[];
  skipped: SkipCounts;
  images: EmbeddedImage[];
}

/** Placeholder asset ids (valid in the schema) for images not uploaded yet. */
export const PLACEHOLDER_PREFIX = 'pendingimage';
export function isPlaceholderAsset(assetId: string): boolean {
  return assetId.startsWith(PLACEHOLDER_PREFIX);
}

/** The bytes of a `data:` URL, or null if it is not one. */
export function dataUrlBytes(url: string): Uint8Array | null {
  const match = /^data:[^,]*?(;base64)?,/.exec(url);
  if (!match) return null;
  const body = url.slice(match[0].length);
  try {
    if (!match[1]) return new TextEncoder().encode(decodeURIComponent(body));
    return Uint8Array.from(atob(body), (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

/** The embedded file of an image element, if it is an image Tabula takes. */
function embeddedImage(element: Element, files: Record<string, unknown> | undefined, placeholder: string): EmbeddedImage | null {
  const file = element.fileId ? files?.[element.fileId] : undefined;
  const dataURL = typeof file === 'object' && file !== null ? (file as { dataURL?: unknown }).dataURL : undefined;
  if (typeof dataURL !== 'string' || dataURL.length > MAX_ASSET_BYTES * 1.4) return null;
  const bytes = dataUrlBytes(dataURL);
  const type = bytes ? sniffImageType(bytes) : null;
  if (!bytes || !type || bytes.byteLength > MAX_ASSET_BYTES) return null;
  return { placeholder, type, bytes };
}

export type ExcalidrawParse = ({ ok: true } & ExcalidrawResult) | { ok: false; error: string };

/** Whether a parsed JSON value claims to be an Excalidraw drawing (it may still be malformed). */
export function looksLikeExcalidraw(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'excalidraw' || type === 'excalidraw/clipboard';
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

const HEX = /^#[0-9a-fA-F]{3,8}$/;

/** Excalidraw's palette is hex colours and "transparent"; anything else falls back. */
function color(value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  const trimmed = value.trim();
  if (HEX.test(trimmed) && [4, 5, 7, 9].includes(trimmed.length)) return trimmed.toLowerCase();
  if (trimmed === 'transparent') return 'none';
  return fallback;
}

/** An angle in (-pi, pi]: the same turn, well inside the schema's range. */
function normalizeAngle(angle: number): number {
  const turn = Math.PI * 2;
  let a = angle % turn;
  if (a > Math.PI) a -= turn;
  if (a <= -Math.PI) a += turn;
  return Object.is(a, -0) ? 0 : a;
}

function common(element: Element): Draft {
  return {
    type: 'rectangle',
    x: quantize(element.x),
    y: quantize(element.y),
    w: quantize(Math.abs(element.width ?? 0)),
    h: quantize(Math.abs(element.height ?? 0)),
    rotation: normalizeAngle(element.angle ?? 0),
    stroke: color(element.strokeColor, DEFAULT_STROKE),
    fill: color(element.backgroundColor, 'none'),
    strokeWidth: clamp(element.strokeWidth ?? 2, 0, 100),
    opacity: clamp((element.opacity ?? 100) / 100, 0, 1),
    // Dashed and dotted strokes become dashed where the schema has stroke styles; a schema without
    // them drops the property when the shape is parsed.
    ...(element.strokeStyle === 'dashed' || element.strokeStyle === 'dotted' ? { strokeStyle: 'dashed' } : {}),
    ...(element.locked ? { locked: true } : {}),
  };
}

/** Keeps at most `max` points, evenly spread and always including the last one. */
function thin<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const kept: T[] = [];
  const step = (points.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) kept.push(points[Math.round(i * step)]!);
  return kept;
}

/**
 * Excalidraw's points are relative to (x, y) and may go negative; Tabula's are relative to the
 * top-left of their bounding box, which (x, y) is. `stride` 3 carries a pressure per point.
 */
function polyline(element: Element, draft: Draft, stride: 2 | 3): Draft | null {
  const raw = thin(element.points ?? [], Math.floor(MAX_POINT_VALUES / stride));
  if (raw.length < 2 && stride === 2) return null;
  if (raw.length < 1) return null;
  const pressures = element.simulatePressure === false ? element.pressures : undefined;
  const flat: number[] = [];
  raw.forEach((point, i) => {
    flat.push(quantize(point[0]!), quantize(point[1]!));
    if (stride === 3) flat.push(quantizePressure(clamp(pressures?.[i] ?? DEFAULT_PRESSURE, 0, 1)));
  });
  // Eighths minus eighths are exact: the points stay on the grid once moved to the box's corner.
  const box = boundsOfPoints(flat, stride)!;
  const points = flat.map((value, i) => (i % stride === 0 ? value - box.x : i % stride === 1 ? value - box.y : value));
  return { ...draft, x: quantize(element.x) + box.x, y: quantize(element.y) + box.y, w: box.w, h: box.h, points };
}

/** Reverses [x, y, x, y, ...] pairs, so that an arrowhead at the start becomes one at the end. */
function reversePairs(points: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = points.length - 2; i >= 0; i -= 2) out.push(points[i]!, points[i + 1]!);
  return out;
}

/**
 * Excalidraw's font families by number: 1 Virgil, 5 Excalifont (hand-drawn); 2 Helvetica,
 * 6 Nunito, 7 Lilita One (sans-serif); 3 Cascadia, 8 Comic Shanns (monospace). Others: sans-serif.
 */
const FONT_FAMILY_OF: Readonly<Record<number, 'hand' | 'sans' | 'mono'>> = { 1: 'hand', 5: 'hand', 2: 'sans', 6: 'sans', 7: 'sans', 3: 'mono', 8: 'mono' };

/** The text style of a text element, as shape properties (only what Excalidraw states). */
function textStyle(element: Element): Record<string, unknown> {
  const family = element.fontFamily === undefined ? undefined : (FONT_FAMILY_OF[element.fontFamily] ?? 'sans');
  const align = element.textAlign === 'left' || element.textAlign === 'center' || element.textAlign === 'right' ? element.textAlign : undefined;
  return { ...(family ? { fontFamily: family } : {}), ...(align ? { textAlign: align } : {}) };
}

/** The label properties a bound text element gives its container. */
function labelOf(element: Element): Record<string, unknown> {
  return { text: (element.text ?? '').slice(0, MAX_TEXT_LENGTH), fontSize: clamp(element.fontSize ?? DEFAULT_FONT_SIZE, 4, 512), ...textStyle(element) };
}

function toDraft(element: Element): Draft | null {
  const base = common(element);
  switch (element.type) {
    case 'rectangle':
    case 'ellipse':
    case 'diamond':
      return { ...base, type: element.type };
    case 'line':
      return polyline(element, { ...base, type: 'line' }, 2);
    case 'arrow': {
      const start = element.startArrowhead ?? null;
      const end = element.endArrowhead === undefined ? 'arrow' : element.endArrowhead;
      const draft = polyline(element, { ...base, type: end !== null || start !== null ? 'arrow' : 'line' }, 2);
      // Tabula's arrows have one head, at the end: an arrow that points only backwards is reversed.
      if (draft && end === null && start !== null) draft.points = reversePairs(draft.points as number[]);
      return draft;
    }
    case 'freedraw': {
      const draft = polyline(element, { ...base, type: 'pen', fill: 'none' }, 3);
      if (draft) draft.strokeWidth = clamp(Math.round((element.strokeWidth ?? 1) * FREEDRAW_SIZE_FACTOR * 100) / 100, 0.5, 100);
      return draft;
    }
    case 'text':
      return {
        ...base,
        type: 'text',
        fill: 'none',
        ...labelOf(element),
      };
    default:
      return null;
  }
}

function inRange(draft: Draft): boolean {
  const x = draft.x as number;
  const y = draft.y as number;
  return Math.abs(x) <= MAX_COORDINATE && Math.abs(y) <= MAX_COORDINATE;
}

function count(skipped: SkipCounts, reason: string): void {
  skipped[reason] = (skipped[reason] ?? 0) + 1;
}

/**
 * Maps an Excalidraw drawing to Tabula shapes in paint order. Shapes get placeholder ids
 * (`x0`, `x1`, ...) and z indices; the importer gives them fresh ones.
 */
export function parseExcalidraw(value: unknown): ExcalidrawParse {
  const file = fileSchema.safeParse(value);
  if (!file.success) {
    return { ok: false, error: looksLikeExcalidraw(value) ? 'the Excalidraw file has no list of elements' : 'not an Excalidraw file' };
  }
  if (file.data.elements.length > MAX_IMPORT_ITEMS) return { ok: false, error: `the drawing has more than ${MAX_IMPORT_ITEMS} elements` };
  const shapes: Shape[] = [];
  const skipped: SkipCounts = {};
  const images: EmbeddedImage[] = [];
  // Excalidraw element id -> placeholder id, and the connectors whose ends name elements.
  const placeholderOf = new Map<string, string>();
  const connectors: Array<{ shape: Shape; start: string | undefined; end: string | undefined }> = [];
  // Tabula's groups are flat: an element joins its outermost Excalidraw group, under an id of ours.
  const groupOf = new Map<string, string>();
  // Texts bound to a container that is imported become its label (after the loop: it may come first).
  const boundTexts: Element[] = [];
  for (const raw of file.data.elements) {
    const parsed = elementSchema.safeParse(raw);
    if (!parsed.success) {
      count(skipped, 'unreadable');
      continue;
    }
    const element = parsed.data;
    if (element.isDeleted) continue;
    if (element.type === 'text' && element.containerId) {
      boundTexts.push(element);
      continue;
    }
    let draft = toDraft(element);
    if (element.type === 'image') {
      const image = embeddedImage(element, file.data.files, `${PLACEHOLDER_PREFIX}${String(images.length).padStart(6, '0')}`);
      if (image) {
        images.push(image);
        draft = { ...common(element), type: 'image', stroke: 'none', strokeWidth: 0, fill: 'none', assetId: image.placeholder };
      }
    }
    if (!draft) {
      count(skipped, KNOWN_TYPES.has(element.type) ? 'unreadable' : element.type);
      continue;
    }
    const shape = inRange(draft) ? shapeSchema.safeParse({ ...draft, id: `x${shapes.length}`, z: 'a0' }) : null;
    if (!shape?.success) {
      count(skipped, 'unreadable');
      continue;
    }
    const outerGroup = element.groupIds?.at(-1);
    if (outerGroup) {
      if (!groupOf.has(outerGroup)) groupOf.set(outerGroup, `g${groupOf.size}`);
      Object.assign(shape.data, { groupId: groupOf.get(outerGroup) });
    }
    shapes.push(shape.data);
    if (element.id) placeholderOf.set(element.id, shape.data.id);
    const [start, end] = [element.startBinding?.elementId, element.endBinding?.elementId];
    // A backward-only arrow was reversed (toDraft): its ends swap.
    const reversed = element.type === 'arrow' && element.endArrowhead === null && (element.startArrowhead ?? null) !== null;
    if (start || end) connectors.push({ shape: shape.data, start: reversed ? end : start, end: reversed ? start : end });
  }
  const byElementId = new Map(shapes.map((shape) => [shape.id, shape]));
  for (const text of boundTexts) {
    const container = byElementId.get(placeholderOf.get(text.containerId!) ?? '');
    const labelled = container ? shapeSchema.safeParse({ ...container, ...labelOf(text) }) : null;
    if (container && labelled?.success && isLabelled(labelled.data)) Object.assign(container, labelOf(text));
    else count(skipped, 'unreadable');
  }
  for (const { shape, start, end } of connectors) {
    const bound = (id: string | undefined) => (id ? placeholderOf.get(id) : undefined);
    const startBinding = bound(start);
    const endBinding = bound(end);
    if (startBinding) Object.assign(shape, { startBinding });
    if (endBinding) Object.assign(shape, { endBinding });
  }
  // An image whose shape was refused never gets uploaded.
  const used = new Set(shapes.flatMap((shape) => (shape.type === 'image' ? [shape.assetId] : [])));
  return { ok: true, shapes, skipped, images: images.filter((image) => used.has(image.placeholder)) };
}

const KNOWN_TYPES = new Set(['rectangle', 'ellipse', 'diamond', 'line', 'arrow', 'freedraw', 'text']);
