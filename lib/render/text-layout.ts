/**
 * Text layout shared by the canvas, the text editor and SVG export: line height, note padding and
 * word wrapping. Widths come from a measurer (the canvas in the browser, an estimate elsewhere).
 */
import type { Font, FontFamily } from './text-style';

export const LINE_HEIGHT = 1.25;
export const STICKY_PADDING = 12;

export interface TextMeasurer {
  /** The width of one line of text in a font, in the same units as its size. */
  width(text: string, font: Font): number;
}

/** Average glyph widths per typeface, in font sizes. */
const AVERAGE_GLYPH: Readonly<Record<FontFamily, number>> = { hand: 0.45, sans: 0.55, mono: 0.6 };

/** An estimate for where no canvas is available (tests, the server): average glyph widths. */
export const ESTIMATED_MEASURER: TextMeasurer = {
  width: (text, font) => text.length * font.size * AVERAGE_GLYPH[font.family],
};

/** The box a text shape needs: its widest line by its number of lines. */
export function measureTextBox(measurer: TextMeasurer, text: string, font: Font): { w: number; h: number } {
  const lines = text.split('\n');
  const w = Math.max(...lines.map((line) => measurer.width(line, font)));
  return { w: Math.ceil(Math.max(w, font.size / 2)), h: Math.ceil(lines.length * font.size * LINE_HEIGHT) };
}

/** Splits a word that is wider than the line into pieces that fit. */
function breakWord(measurer: TextMeasurer, word: string, font: Font, maxWidth: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const char of word) {
    if (piece && measurer.width(piece + char, font) > maxWidth) {
      pieces.push(piece);
      piece = char;
    } else piece += char;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** Lines of text wrapped at word boundaries to fit `maxWidth` (explicit newlines kept). */
export function wrapText(measurer: TextMeasurer, text: string, font: Font, maxWidth: number): string[] {
  const fits = (line: string) => measurer.width(line.trimEnd(), font) <= maxWidth;
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    // Words keep their trailing spaces, so that joining them gives the paragraph back.
    for (const word of paragraph.split(/(?<=\s)/)) {
      if (line && !fits(line + word)) {
        lines.push(line.trimEnd());
        line = word;
      } else {
        line += word;
      }
      if (!fits(line)) {
        // One word wider than the line: break it between characters.
        const pieces = breakWord(measurer, line, font, maxWidth);
        lines.push(...pieces.slice(0, -1));
        line = pieces.at(-1) ?? '';
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
