/**
 * The wire shape of a live preview: what a person is drawing or changing right now, published in
 * their awareness state while the gesture runs (the document gets one update when it ends).
 *
 * - `draw`: a shape being created (a stroke, a rectangle...), complete but for its id and z.
 * - `edit`: existing shapes being moved, resized, rotated or retyped, as the absolute properties
 *   they have at this moment. Absolute, not relative: when the final document update arrives
 *   before the preview is cleared, the shape stays where it is instead of jumping by the offset
 *   twice.
 *
 * Everything is bounded so that a state stays far below MAX_AWARENESS_BYTES (64 KB): a stroke is
 * simplified to at most MAX_PREVIEW_POINT_VALUES numbers, text is cut, at most MAX_PREVIEW_SHAPES
 * shapes are edited in one preview. `lib/presence/preview.ts` builds previews within these bounds.
 */
import { z } from '../protocol/zod';
import { SHAPE_PROP_SCHEMAS, shapeIdSchema } from '../board/schema';

/** x, y, pressure per point: 500 points. Simplified strokes of any length fit. */
export const MAX_PREVIEW_POINT_VALUES = 1_500;
export const MAX_PREVIEW_TEXT_LENGTH = 4_000;
export const MAX_PREVIEW_SHAPES = 100;

const P = SHAPE_PROP_SCHEMAS;

const previewProps = {
  x: P.x,
  y: P.y,
  w: P.w,
  h: P.h,
  rotation: P.rotation.optional(),
  stroke: P.stroke.optional(),
  fill: P.fill.optional(),
  strokeWidth: P.strokeWidth.optional(),
  opacity: P.opacity.optional(),
  points: z.array(P.x).max(MAX_PREVIEW_POINT_VALUES).optional(),
  text: z.string().max(MAX_PREVIEW_TEXT_LENGTH).optional(),
  fontSize: P.fontSize.optional(),
};

export const previewShapeSchema = z.object({ type: P.type, ...previewProps });

export const previewPatchSchema = z.object({ id: shapeIdSchema, ...previewProps }).partial({
  x: true,
  y: true,
  w: true,
  h: true,
});

export const previewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('draw'), shape: previewShapeSchema }),
  z.object({ kind: z.literal('edit'), shapes: z.array(previewPatchSchema).min(1).max(MAX_PREVIEW_SHAPES) }),
]);

export type PreviewShape = z.infer<typeof previewShapeSchema>;
export type PreviewPatch = z.infer<typeof previewPatchSchema>;
export type Preview = z.infer<typeof previewSchema>;
