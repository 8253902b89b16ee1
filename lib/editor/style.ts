/**
 * The look of shapes: the style the panel sets for the next shape, and how a style applies to
 * each shape type (pens store their freehand diameter, notes keep their note colour in `fill`).
 */
import { LABELLED_TYPES, type Shape, type ShapeType } from '../board/schema';
import type { ShapePatch } from '../board/doc';
import { DEFAULT_FONT_FAMILY, DEFAULT_FONT_SIZE, type FontFamily, type TextAlign, textStyleOf } from '../render/text-style';

export type FillMode = 'none' | 'semi' | 'solid';
export type StrokeStyle = 'solid' | 'dashed';

export interface ShapeStyle {
  stroke: string;
  fillMode: FillMode;
  /** Outline width in board units: one of STROKE_WIDTHS. */
  strokeWidth: number;
  strokeStyle: StrokeStyle;
  opacity: number;
  fontSize: number;
  fontFamily: FontFamily;
  /** Null: each type's own (texts and notes start left, labels centre). */
  textAlign: TextAlign | null;
  noteColor: string;
}

export const STROKE_COLORS = [
  { name: 'Black', value: '#1e1e1e' },
  { name: 'Grey', value: '#868e96' },
  { name: 'Red', value: '#e03131' },
  { name: 'Orange', value: '#f08c00' },
  { name: 'Green', value: '#2f9e44' },
  { name: 'Blue', value: '#1971c2' },
  { name: 'Violet', value: '#9c36b5' },
] as const;

export const NOTE_COLORS = [
  { name: 'Yellow', value: '#ffec99' },
  { name: 'Orange', value: '#ffd8a8' },
  { name: 'Pink', value: '#fcc2d7' },
  { name: 'Green', value: '#b2f2bb' },
  { name: 'Blue', value: '#a5d8ff' },
  { name: 'Violet', value: '#d0bfff' },
] as const;

export const STROKE_WIDTHS = [
  { name: 'Thin', value: 1 },
  { name: 'Medium', value: 2 },
  { name: 'Thick', value: 4 },
] as const;

export const FONT_SIZES = [
  { name: 'Small', value: 16 },
  { name: 'Medium', value: 20 },
  { name: 'Large', value: 28 },
  { name: 'Extra large', value: 40 },
] as const;

export const DEFAULT_STROKE = STROKE_COLORS[0].value;
export const DEFAULT_STYLE: ShapeStyle = {
  stroke: DEFAULT_STROKE,
  fillMode: 'none',
  strokeWidth: 2,
  strokeStyle: 'solid',
  opacity: 1,
  fontSize: DEFAULT_FONT_SIZE,
  fontFamily: DEFAULT_FONT_FAMILY,
  textAlign: null,
  noteColor: NOTE_COLORS[0].value,
};

/** A pen stroke's freehand diameter is this many times the outline width of the same style. */
export const PEN_WIDTH_FACTOR = 2;
/** The alpha of a semi-transparent fill, as two hex digits (25%). */
const SEMI_ALPHA = '40';
/** How far a solid fill is mixed from the stroke colour toward white. */
const SOLID_TINT = 0.75;

function parseHex(color: string): [number, number, number] | null {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(color);
  if (!match) return null;
  let hex = match[1]!;
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

const toHex = (channels: readonly number[]) => `#${channels.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** The fill colour of a mode for a stroke colour: semi is the colour at 25%, solid a light tint. */
export function fillFor(mode: FillMode, stroke: string): string {
  const rgb = parseHex(stroke);
  if (mode === 'none' || !rgb) return 'none';
  if (mode === 'semi') return toHex(rgb) + SEMI_ALPHA;
  return toHex(rgb.map((c) => c + (255 - c) * SOLID_TINT));
}

export function fillModeOf(fill: string): FillMode {
  if (fill === 'none' || fill === 'transparent') return 'none';
  return /^#[0-9a-f]{8}$/i.test(fill) ? 'semi' : 'solid';
}

export function hasFill(type: ShapeType): boolean {
  return type === 'rectangle' || type === 'ellipse' || type === 'diamond';
}

/** Texts and notes, whose text is their content. */
export function hasText(type: ShapeType): boolean {
  return type === 'text' || type === 'sticky';
}

/** Whether a type has a text style: texts, notes and the shapes that carry a label. */
export function hasTextStyle(type: ShapeType): boolean {
  return hasText(type) || (LABELLED_TYPES as readonly ShapeType[]).includes(type);
}

/**
 * The text style a new shape of a type takes from the style: texts and notes always take their
 * size; the rest only what differs from the defaults, so that a board stores no more than it needs.
 */
export function textStyleProps(type: ShapeType, style: ShapeStyle): { fontSize?: number; fontFamily?: FontFamily; textAlign?: TextAlign } {
  if (!hasTextStyle(type)) return {};
  return {
    ...(hasText(type) || style.fontSize !== DEFAULT_FONT_SIZE ? { fontSize: style.fontSize } : {}),
    ...(style.fontFamily !== DEFAULT_FONT_FAMILY ? { fontFamily: style.fontFamily } : {}),
    ...(style.textAlign !== null ? { textAlign: style.textAlign } : {}),
  };
}

export function hasOutline(type: ShapeType): boolean {
  return type !== 'text' && type !== 'sticky' && type !== 'image';
}

/** The stored stroke width of a shape type for a style width (pens store their diameter). */
export function storedStrokeWidth(type: ShapeType, width: number): number {
  return type === 'pen' ? width * PEN_WIDTH_FACTOR : width;
}

/** The properties a new shape of a type takes from the style. */
export function styleProps(type: ShapeType, style: ShapeStyle): Pick<Shape, 'stroke' | 'fill' | 'strokeWidth' | 'strokeStyle' | 'opacity'> {
  return {
    stroke: style.stroke,
    fill: type === 'sticky' ? style.noteColor : hasFill(type) ? fillFor(style.fillMode, style.stroke) : 'none',
    strokeWidth: storedStrokeWidth(type, style.strokeWidth),
    strokeStyle: type === 'pen' ? 'solid' : style.strokeStyle,
    opacity: style.opacity,
  };
}

/** The patch that applies part of a style to one shape: only what that shape type has. */
export function stylePatch(shape: Shape, change: Partial<ShapeStyle>): ShapePatch {
  const patch: ShapePatch = {};
  const { type } = shape;
  if (change.stroke !== undefined) {
    patch.stroke = change.stroke;
    if (hasFill(type) && change.fillMode === undefined) {
      const mode = fillModeOf(shape.fill);
      if (mode !== 'none') patch.fill = fillFor(mode, change.stroke);
    }
  }
  if (change.fillMode !== undefined && hasFill(type)) patch.fill = fillFor(change.fillMode, change.stroke ?? shape.stroke);
  if (change.strokeWidth !== undefined && hasOutline(type)) patch.strokeWidth = storedStrokeWidth(type, change.strokeWidth);
  if (change.strokeStyle !== undefined && hasOutline(type) && type !== 'pen') patch.strokeStyle = change.strokeStyle;
  if (change.opacity !== undefined) patch.opacity = change.opacity;
  if (change.fontSize !== undefined && hasTextStyle(type)) patch.fontSize = change.fontSize;
  if (change.fontFamily !== undefined && hasTextStyle(type)) patch.fontFamily = change.fontFamily;
  if (change.textAlign != null && hasTextStyle(type)) patch.textAlign = change.textAlign;
  if (change.noteColor !== undefined && type === 'sticky') patch.fill = change.noteColor;
  return patch;
}

/** The style the panel shows for a shape (the first selected one when several are). */
export function styleOf(shape: Shape, fallback: ShapeStyle): ShapeStyle {
  return {
    stroke: shape.stroke,
    fillMode: hasFill(shape.type) ? fillModeOf(shape.fill) : fallback.fillMode,
    strokeWidth: shape.type === 'pen' ? shape.strokeWidth / PEN_WIDTH_FACTOR : hasOutline(shape.type) ? shape.strokeWidth : fallback.strokeWidth,
    strokeStyle: shape.strokeStyle,
    opacity: shape.opacity,
    ...(hasTextStyle(shape.type) ? { fontSize: textStyleOf(shape).size, fontFamily: textStyleOf(shape).family, textAlign: textStyleOf(shape).align } : { fontSize: fallback.fontSize, fontFamily: fallback.fontFamily, textAlign: fallback.textAlign }),
    noteColor: shape.type === 'sticky' ? shape.fill : fallback.noteColor,
  };
}
