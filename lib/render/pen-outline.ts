import { getStroke } from 'perfect-freehand';

/** Every point of a mouse stroke carries this pressure; such strokes get simulated pressure. */
export const DEFAULT_PRESSURE = 0.5;

export type Outline = readonly (readonly number[])[];

/**
 * Finished strokes' points never change (the schema makes them immutable once the stroke ends)
 * and the shape cache keeps the same array while a shape is unchanged, so the outline is
 * computed once per stroke rather than on every redraw.
 */
const finishedOutlines = new WeakMap<readonly number[], { size: number; outline: Outline }>();

/** Whether a stroke came from a device that reports pressure (a pen), not a mouse. */
export function hasRealPressure(points: readonly number[]): boolean {
  for (let i = 2; i < points.length; i += 3) if (points[i] !== DEFAULT_PRESSURE) return true;
  return false;
}

/**
 * The filled polygon around a pen stroke, from perfect-freehand. `points` is flat
 * [x, y, pressure, ...]; `strokeWidth` is the stroke's nominal diameter; `complete` is false while
 * the stroke is still being drawn (its end is then drawn without a taper and not cached).
 */
export function penOutline(points: readonly number[], strokeWidth: number, complete: boolean): Outline {
  const cached = complete ? finishedOutlines.get(points) : undefined;
  if (cached && cached.size === strokeWidth) return cached.outline;
  const input: number[][] = [];
  for (let i = 0; i + 2 < points.length; i += 3) input.push([points[i]!, points[i + 1]!, points[i + 2]!]);
  const outline = getStroke(input, {
    size: strokeWidth,
    thinning: 0.6,
    smoothing: 0.5,
    streamline: 0.5,
    simulatePressure: !hasRealPressure(points),
    last: complete,
  });
  if (complete) finishedOutlines.set(points, { size: strokeWidth, outline });
  return outline;
}
