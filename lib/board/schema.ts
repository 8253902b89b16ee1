/**
 * The shape schema: the single definition of what a shape on a board is. The client renders only
 * what parses; the server checks every property a peer writes against `SHAPE_PROP_SCHEMAS` before
 * it applies the update.
 *
 * A board is `doc.getMap('shapes')`: shape id -> Y.Map of the properties below. A nested map per
 * shape lets two people change different properties of one shape at once and keep both changes.
 * A shape has x, y, w and h; the document stores them as one property, `box` (stored-box.ts).
 */
import { z } from '../protocol/zod';
import { unpackPoints } from './packed-points';
import { MAX_COORDINATE, MAX_POINT_VALUES } from './shape-limits';

export const SHAPE_TYPES = ['rectangle', 'ellipse', 'diamond', 'line', 'arrow', 'pen', 'text', 'sticky', 'image'] as const;
export type ShapeType = (typeof SHAPE_TYPES)[number];

export { MAX_COORDINATE, MAX_POINT_VALUES } from './shape-limits';
export const MAX_TEXT_LENGTH = 10_000;
export const MAX_SHAPE_ID_LENGTH = 64;

const coordinate = z.number().finite().min(-MAX_COORDINATE).max(MAX_COORDINATE);
const size = z.number().finite().min(0).max(MAX_COORDINATE);
export const COLOR_PATTERN = /^(#[0-9a-fA-F]{3,8}|transparent|none)$/;
export const ASSET_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
const color = z.string().max(64).regex(COLOR_PATTERN);

export const SHAPE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const shapeIdSchema = z.string().regex(SHAPE_ID_PATTERN);

export function isPointList(value: unknown): value is number[] {
  if (!Array.isArray(value) || value.length > MAX_POINT_VALUES) return false;
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'number' || !(item >= -MAX_COORDINATE && item <= MAX_COORDINATE)) return false;
  }
  return true;
}

const POINTS_MESSAGE = `points must be a list of at most ${MAX_POINT_VALUES} finite numbers within ±${MAX_COORDINATE}`;
/** A shape's points as files, the API and the editor have them: the list of numbers. */
const pointList = z.custom<number[]>(isPointList, { message: POINTS_MESSAGE });

/**
 * One schema per property as stored, so that a single property written by a peer can be checked
 * alone.
 */
export const SHAPE_PROP_SCHEMAS = {
  type: z.enum(SHAPE_TYPES),
  /** [x, y, w, h]: how the document stores a shape's geometry (stored-box.ts). */
  box: z.tuple([coordinate, coordinate, size, size]),
  /** x, y, w, h: a shape's geometry as boards stored before (and outside clients) write it. */
  x: coordinate,
  y: coordinate,
  w: size,
  h: size,
  /**
   * Radians, clockwise on screen (y points down), about the centre of the box (x, y, w, h). Points
   * of lines and strokes are stored unrotated; the rotation applies on top of them.
   */
  rotation: z.number().finite().min(-1000).max(1000),
  /** A fractional index: shapes paint in ascending `z`, compared as strings. */
  z: z.string().min(1).max(128),
  stroke: color,
  /** For a sticky note, the note's colour. A translucent fill is an 8-digit colour (#rrggbbaa). */
  fill: color,
  strokeWidth: z.number().finite().min(0).max(100),
  opacity: z.number().finite().min(0).max(1),
  /** How outlines, lines and arrows are stroked (pen strokes are always solid). */
  strokeStyle: z.enum(['solid', 'dashed']),
  /**
   * Flat list of numbers relative to (x, y): [x, y, pressure, ...] for pen, [x, y, ...] for lines.
   * Checked with one loop rather than a schema per number: a board holds millions of them. Stored
   * as that list or packed into a string (packed-points.ts); a shape's `points` is always the list.
   */
  points: z.custom<number[] | string>((value) => isPointList(typeof value === 'string' ? unpackPoints(value) : value), { message: POINTS_MESSAGE }),
  text: z.string().max(MAX_TEXT_LENGTH),
  fontSize: z.number().finite().min(4).max(512),
  /** The typeface of a text, note or label: hand-written, sans-serif or monospace (lib/render/fonts.ts). */
  fontFamily: z.enum(['hand', 'sans', 'mono']),
  /** How the lines of a text, note or label sit across its box. */
  textAlign: z.enum(['left', 'center', 'right']),
  createdBy: z.string().max(128),
  /**
   * The shape a line's or arrow's first (start) or last (end) point is bound to: that end follows
   * the shape's outline (lib/geometry/binding.ts). '' is unbound (an end whose shape was deleted).
   */
  startBinding: z.union([z.literal(''), z.string().regex(SHAPE_ID_PATTERN)]),
  endBinding: z.union([z.literal(''), z.string().regex(SHAPE_ID_PATTERN)]),
  /** The group the shape belongs to (a click selects all its shapes); '' or absent: none. */
  groupId: z.union([z.literal(''), z.string().regex(SHAPE_ID_PATTERN)]),
  /** A locked shape cannot be selected by a click or a marquee, moved, resized or erased until unlocked. */
  locked: z.boolean(),
  /** An uploaded file (`POST /api/boards/:id/assets`), served at `/api/assets/<assetId>`. */
  assetId: z.string().regex(ASSET_ID_PATTERN),
} as const;

export type ShapePropName = keyof typeof SHAPE_PROP_SCHEMAS;
export const SHAPE_PROP_NAMES = Object.keys(SHAPE_PROP_SCHEMAS) as ShapePropName[];

export function isShapePropName(name: string): name is ShapePropName {
  return Object.prototype.hasOwnProperty.call(SHAPE_PROP_SCHEMAS, name);
}

const P = SHAPE_PROP_SCHEMAS;

const baseShape = z.object({
  id: shapeIdSchema,
  x: P.x,
  y: P.y,
  w: P.w,
  h: P.h,
  rotation: P.rotation.default(0),
  z: P.z,
  stroke: P.stroke.default('#1e1e1e'),
  fill: P.fill.default('none'),
  strokeWidth: P.strokeWidth.default(2),
  opacity: P.opacity.default(1),
  strokeStyle: P.strokeStyle.default('solid'),
  createdBy: P.createdBy.optional(),
  locked: P.locked.optional(),
  groupId: P.groupId.optional(),
});

/** The text style of texts and notes; absent: the defaults of lib/render/text-style.ts. */
const textStyle = { fontFamily: P.fontFamily.optional(), textAlign: P.textAlign.optional() };
/**
 * A label: the text a box or an arrow carries (typed in place, drawn centred in the shape or at the
 * arrow's middle). It is the shape's `text`, a Y.Text like a note's; absent or '' is no label.
 */
const label = { text: P.text.optional(), fontSize: P.fontSize.optional(), ...textStyle };
const connector = { points: pointList, startBinding: P.startBinding.optional(), endBinding: P.endBinding.optional() };

export const shapeSchema = z.discriminatedUnion('type', [
  baseShape.extend({ type: z.literal('rectangle'), ...label }),
  baseShape.extend({ type: z.literal('ellipse'), ...label }),
  baseShape.extend({ type: z.literal('diamond'), ...label }),
  baseShape.extend({ type: z.literal('line'), ...connector }),
  baseShape.extend({ type: z.literal('arrow'), ...connector, ...label }),
  baseShape.extend({ type: z.literal('pen'), points: pointList }),
  baseShape.extend({ type: z.literal('text'), text: P.text, fontSize: P.fontSize.default(20), ...textStyle }),
  baseShape.extend({ type: z.literal('sticky'), text: P.text, fontSize: P.fontSize.default(20), ...textStyle }),
  baseShape.extend({ type: z.literal('image'), assetId: P.assetId }),
]);

export type Shape = z.infer<typeof shapeSchema>;
/** What a caller provides to create a shape: defaults may be left out. */
export type ShapeInput = z.input<typeof shapeSchema>;
export type ShapeOf<T extends ShapeType> = Extract<Shape, { type: T }>;

/** The shape types that carry a label. */
export const LABELLED_TYPES = ['rectangle', 'ellipse', 'diamond', 'arrow'] as const satisfies readonly ShapeType[];
export type LabelledShape = ShapeOf<(typeof LABELLED_TYPES)[number]>;
export function isLabelled(shape: Shape): shape is LabelledShape {
  return (LABELLED_TYPES as readonly ShapeType[]).includes(shape.type);
}

/** `Omit` that keeps a union a union (each shape type keeps its own properties). */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * A complete shape but for its id and z order, which are given when it is added to a board: what
 * the tools draw and what others see of a shape being drawn.
 */
export type ShapeDraft = DistributiveOmit<Shape, 'id' | 'z'>;

/** Board-level properties in `doc.getMap('meta')`, checked per property like shape properties. */
export const MAX_TITLE_LENGTH = 200;
export const META_PROP_SCHEMAS = {
  title: z.string().max(MAX_TITLE_LENGTH),
} as const;
export type MetaPropName = keyof typeof META_PROP_SCHEMAS;

export function isMetaPropName(name: string): name is MetaPropName {
  return Object.prototype.hasOwnProperty.call(META_PROP_SCHEMAS, name);
}

/**
 * Chat lives in the board's document (`doc.getArray('chat')`), so its history loads with the
 * board. Messages are immutable plain objects, appended in order.
 */
export const MAX_CHAT_TEXT_LENGTH = 2_000;
export const chatMessageSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  authorId: z.string().max(128),
  author: z.string().max(64),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  text: z.string().min(1).max(MAX_CHAT_TEXT_LENGTH),
  /** Milliseconds since the epoch, as the author's clock had it. */
  at: z.number().int().min(0),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;
