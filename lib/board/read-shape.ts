/**
 * Reading a stored shape (the Y.Map of its properties) into a Shape. Opening a board reads every
 * shape, and going through the zod schema for each adds up to a visible wait on a large board.
 * So the common case, every property present of the expected type and range,
 * is checked here with plain comparisons and the object built as the schema builds it; anything
 * else goes to the schema, which stays the definition of a valid shape. The property checks
 * below mirror SHAPE_PROP_SCHEMAS, and the tests hold the two to the same answers; which
 * properties a type has, which are required and their defaults are read from the schema itself.
 * A shape's x, y, w and h are read from its `box` or its legacy keys by stored-box.ts's rule.
 */
import type * as Y from 'yjs';
import { POINTS_KEY, pointsValue } from './packed-points';
import { BOX_KEY, boxIndex, isStoredBox, storedGeometry } from './stored-box';
import { TEXT_KEY, textValue } from './text';
import {
  ASSET_ID_PATTERN,
  COLOR_PATTERN,
  isPointList,
  MAX_COORDINATE,
  MAX_TEXT_LENGTH,
  SHAPE_ID_PATTERN,
  SHAPE_TYPES,
  type Shape,
  type ShapePropName,
  shapeSchema,
} from './schema';

type Check = (value: unknown) => boolean;

const numberIn =
  (min: number, max: number): Check =>
  (value) =>
    typeof value === 'number' && value >= min && value <= max;

const stringOf =
  (minLength: number, maxLength: number, pattern?: RegExp): Check =>
  (value) =>
    typeof value === 'string' && value.length >= minLength && value.length <= maxLength && (pattern === undefined || pattern.test(value));

const oneOf =
  (options: readonly string[]): Check =>
  (value) =>
    typeof value === 'string' && options.includes(value);

const isShapeId = stringOf(1, 64, SHAPE_ID_PATTERN);

/** What SHAPE_PROP_SCHEMAS accepts, property by property, without zod. */
export const FAST_PROP_CHECKS: Readonly<Record<ShapePropName, Check>> = {
  type: oneOf(SHAPE_TYPES),
  box: isStoredBox,
  x: numberIn(-MAX_COORDINATE, MAX_COORDINATE),
  y: numberIn(-MAX_COORDINATE, MAX_COORDINATE),
  w: numberIn(0, MAX_COORDINATE),
  h: numberIn(0, MAX_COORDINATE),
  rotation: numberIn(-1000, 1000),
  z: stringOf(1, 128),
  stroke: stringOf(0, 64, COLOR_PATTERN),
  fill: stringOf(0, 64, COLOR_PATTERN),
  strokeWidth: numberIn(0, 100),
  opacity: numberIn(0, 1),
  strokeStyle: oneOf(['solid', 'dashed']),
  points: isPointList,
  text: stringOf(0, MAX_TEXT_LENGTH),
  fontSize: numberIn(4, 512),
  fontFamily: oneOf(['hand', 'sans', 'mono']),
  textAlign: oneOf(['left', 'center', 'right']),
  createdBy: stringOf(0, 128),
  assetId: stringOf(16, 64, ASSET_ID_PATTERN),
  locked: (value) => typeof value === 'boolean',
  groupId: (value) => value === '' || isShapeId(value),
  startBinding: (value) => value === '' || isShapeId(value),
  endBinding: (value) => value === '' || isShapeId(value),
};


/**
 * A stored property as a shape has it: a text's string (a Y.Text, or on boards stored before a
 * plain string), points as a list (packed or not: packed-points.ts).
 */
export function propValue(key: string, stored: unknown): unknown {
  return key === POINTS_KEY ? pointsValue(stored) : textValue(stored);
}

/** One output property of a shape type, in the schema's order. */
interface Field {
  key: string;
  check: Check;
  required: boolean;
  /** The schema's default when the property is absent (undefined: left out). */
  fallback: unknown;
  /** For x, y, w and h: their slot in the stored box (else -1). */
  boxIndex: number;
}

/** Per type, its fields as the schema lists them: the order zod builds its output in. */
const LAYOUTS: ReadonlyMap<string, readonly Field[]> = new Map(
  shapeSchema.options.map((option) => {
    const fields = Object.entries(option.shape).flatMap(([key, schema]): Field[] => {
      // The id is the map's key, not a property (checked on its own).
      if (key === 'id') return [];
      const absent = schema.safeParse(undefined);
      return [
        { key, check: FAST_PROP_CHECKS[key as ShapePropName], required: !absent.success, fallback: absent.success ? absent.data : undefined, boxIndex: boxIndex(key) },
      ];
    });
    return [option.shape.type.value, fields] as const;
  }),
);

/**
 * The shape if every property is one the fast checks accept, else null: null means "ask the
 * schema", not "invalid".
 */
export function readShapeFast(id: string, map: Y.Map<unknown>): Shape | null {
  const type = map.get('type');
  const fields = typeof type === 'string' ? LAYOUTS.get(type) : undefined;
  if (!fields || !isShapeId(id)) return null;
  const stored = map.get(BOX_KEY);
  const box = isStoredBox(stored) ? stored : null;
  const shape: Record<string, unknown> = { id };
  for (const field of fields) {
    let value = propValue(field.key, map.get(field.key));
    // A legacy key wins over the box (stored-box.ts).
    if (value === undefined && box && field.boxIndex >= 0) value = box[field.boxIndex];
    if (value === undefined) {
      if (field.required) return null;
      if (field.fallback !== undefined) shape[field.key] = field.fallback;
    } else if (field.check(value)) {
      shape[field.key] = value;
    } else {
      return null;
    }
  }
  return shape as Shape;
}

/** Parses one stored shape; a shape that does not match the schema yields null, never a throw. */
export function readShape(id: string, map: Y.Map<unknown>): Shape | null {
  const fast = readShapeFast(id, map);
  if (fast) return fast;
  const json = map.toJSON() as Record<string, unknown>;
  const parsed = shapeSchema.safeParse({ ...json, ...storedGeometry(map), text: textValue(map.get(TEXT_KEY)), points: pointsValue(json[POINTS_KEY]), id });
  return parsed.success ? parsed.data : null;
}
