/**
 * The ranges and the grid of a shape's numbers, apart from the schema so that the modules the schema
 * uses (packed-points.ts) and those that use the schema (quantize.ts) can share them without a cycle.
 */

/** Coordinates stay well inside the range where float arithmetic on a canvas is exact enough. */
export const MAX_COORDINATE = 1e7;
/** A pen stroke stores x, y and pressure per point; 10,000 points is a very long stroke. */
export const MAX_POINT_VALUES = 30_000;

/** Imported and drawn coordinates are kept in eighths of a unit, pen pressure in 64ths (quantize.ts). */
export const COORDINATE_STEPS_PER_UNIT = 8;
export const PRESSURE_STEPS = 64;
