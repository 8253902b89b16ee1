/**
 * The look of a text, note or label: its size, typeface and alignment, with the defaults of shapes
 * that store none (every board from before text styles). The three typefaces are bundled with the
 * app (app/fonts.css): Caveat (hand-written), Inter (sans-serif), JetBrains Mono (monospace), each
 * with system fonts behind it while it loads.
 */
import type { Shape, SHAPE_PROP_SCHEMAS } from '../board/schema';
import type { z } from 'zod';

export type FontFamily = z.infer<(typeof SHAPE_PROP_SCHEMAS)['fontFamily']>;
export type TextAlign = z.infer<(typeof SHAPE_PROP_SCHEMAS)['textAlign']>;

export const FONT_FAMILIES: readonly FontFamily[] = ['hand', 'sans', 'mono'];
export const TEXT_ALIGNS: readonly TextAlign[] = ['left', 'center', 'right'];

/** The CSS font-family list of each typeface: the bundled font first. */
export const FONT_STACKS: Readonly<Record<FontFamily, string>> = {
  hand: '"Caveat", "Segoe Print", "Bradley Hand", cursive',
  sans: '"Inter", system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  mono: '"JetBrains Mono", ui-monospace, Menlo, Consolas, "Liberation Mono", monospace',
};

export const DEFAULT_FONT_SIZE = 20;
export const DEFAULT_FONT_FAMILY: FontFamily = 'sans';

/** A font to measure and draw text in. */
export interface Font {
  size: number;
  family: FontFamily;
}

export interface TextStyle extends Font {
  align: TextAlign;
}

/** The CSS / canvas `font` shorthand of a font. */
export function cssFont(font: Font): string {
  return `${font.size}px ${FONT_STACKS[font.family]}`;
}

/** A shape's text style; absent properties take the defaults (labels centre, texts and notes start left). */
export function textStyleOf(shape: Shape): TextStyle {
  const styled = shape as Partial<Record<'fontSize' | 'fontFamily' | 'textAlign', unknown>> & Shape;
  const labelled = shape.type !== 'text' && shape.type !== 'sticky';
  return {
    size: typeof styled.fontSize === 'number' ? styled.fontSize : DEFAULT_FONT_SIZE,
    family: (styled.fontFamily as FontFamily | undefined) ?? DEFAULT_FONT_FAMILY,
    align: (styled.textAlign as TextAlign | undefined) ?? (labelled ? 'center' : 'left'),
  };
}

/** Where a line aligned `align` is anchored in a span from `left`, `width` wide. */
export function alignedX(align: TextAlign, left: number, width: number): number {
  return align === 'left' ? left : align === 'center' ? left + width / 2 : left + width;
}
