/** The look of new shapes until the editor has a style panel. */
export const DEFAULT_STROKE = '#1e1e1e';
export const RECTANGLE_STROKE_WIDTH = 2;
export const PEN_STROKE_WIDTH = 4;
