/** Shapes for tests, in the schema's default style. */
import { type ShapeDraft, shapeSchema } from '../schema';

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A draft of any shape type from a few properties (the schema fills in the rest). */
function draft(input: Record<string, unknown>): ShapeDraft {
  const { id: _id, z: _z, ...rest } = shapeSchema.parse({ id: 'draft', z: 'a0', rotation: 0, ...input });
  return rest as ShapeDraft;
}

/** A rectangle over `box`. */
export function rectangleDraft(box: Box, userId: string): ShapeDraft {
  return draft({ type: 'rectangle', ...box, createdBy: userId });
}

/** A pen stroke through absolute points [x, y, pressure, ...] (stored relative to its box). */
export function penDraft(absolutePoints: readonly number[], userId: string): ShapeDraft {
  const xs = absolutePoints.filter((_, i) => i % 3 === 0);
  const ys = absolutePoints.filter((_, i) => i % 3 === 1);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  const points = absolutePoints.map((value, i) => (i % 3 === 0 ? value - x : i % 3 === 1 ? value - y : value));
  return draft({ type: 'pen', x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y, points, createdBy: userId });
}
