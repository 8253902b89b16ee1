/**
 * Typing text in place: what the text box over the canvas shows, and what typing changes in the
 * document when it ends (Escape, or a click outside). A text shape's box is measured to fit its
 * lines; a note keeps its size and wraps its text; a label wraps in its shape's label area and
 * stays centred on it (lib/render/label-layout.ts).
 */
import { isLabelled, type Shape, type ShapeDraft } from '../board/schema';
import { boxCenter, rotatePoint } from '../geometry/transform';
import type { Box, Point } from '../geometry/types';
import { labelArea, labelCenter, layoutBlock } from '../render/label-layout';
import { LINE_HEIGHT, measureTextBox, STICKY_PADDING, type TextMeasurer } from '../render/text-layout';
import { DEFAULT_FONT_FAMILY, type FontFamily, type TextAlign, type TextStyle, textStyleOf } from '../render/text-style';
import type { ShapePatch } from '../board/doc';
import type { ShapeStyle } from './style';

export interface TextEditing {
  /** The shape being edited, or null for a new text that is not stored yet. */
  id: string | null;
  /** A text shape, a note, or the label of a box or an arrow. */
  type: 'text' | 'sticky' | 'label';
  /**
   * The unrotated box in board units. For a label, its area centred on the label's centre on the
   * board: `w` is the width its lines wrap to (0 on an arrow: as wide as the text).
   */
  x: number;
  y: number;
  w: number;
  h: number;
  rotation: number;
  fontSize: number;
  fontFamily: FontFamily;
  textAlign: TextAlign;
  color: string;
  /** A note's colour. */
  fill: string;
  opacity: number;
  /** The text as typed so far. */
  text: string;
  /** The text when editing began: unchanged text stores nothing. */
  original: string;
}

export type TextEditResult =
  | { kind: 'add'; shape: Extract<ShapeDraft, { type: 'text' }> }
  | { kind: 'update'; id: string; patch: ShapePatch }
  | { kind: 'delete'; id: string }
  | { kind: 'none' };

/** A new text whose first line is centred on the clicked point. */
export function newTextEditing(at: Point, style: ShapeStyle): TextEditing {
  const lineHeight = style.fontSize * LINE_HEIGHT;
  return {
    id: null,
    type: 'text',
    x: at.x,
    y: at.y - lineHeight / 2,
    w: 0,
    h: lineHeight,
    rotation: 0,
    fontSize: style.fontSize,
    fontFamily: style.fontFamily,
    textAlign: style.textAlign ?? 'left',
    color: style.stroke,
    fill: 'none',
    opacity: style.opacity,
    text: '',
    original: '',
  };
}

export function editingFor(shape: Shape): TextEditing | null {
  const { size: fontSize, family: fontFamily, align: textAlign } = textStyleOf(shape);
  const { id, rotation, stroke, opacity } = shape;
  const style = { fontSize, fontFamily, textAlign, rotation, color: stroke, opacity };
  if (shape.type === 'text' || shape.type === 'sticky') {
    const { type, x, y, w, h, fill, text } = shape;
    return { id, type, x, y, w, h, ...style, fill, text, original: text };
  }
  if (!isLabelled(shape)) return null;
  const center = labelCenter(shape);
  const w = labelArea(shape).wrapWidth ?? 0;
  const text = shape.text ?? '';
  // A label keeps its shape's colour, or black when its outline is not painted.
  const color = stroke === 'none' || stroke === 'transparent' ? '#1e1e1e' : stroke;
  return { id, type: 'label', x: center.x - w / 2, y: center.y, w, h: 0, ...style, color, fill: 'none', text, original: text };
}

/** The editing's text style. */
export function editingStyle(editing: TextEditing): TextStyle {
  return { size: editing.fontSize, family: editing.fontFamily, align: editing.textAlign };
}

/**
 * The box the text box over the canvas takes, unrotated in board units (the editing's rotation
 * turns it about its centre): a text as wide as its lines (with room for the next character), a
 * note its own box, a label the block of its lines centred on the label's centre.
 */
export function editorBox(editing: TextEditing, measurer: TextMeasurer): Box {
  const style = editingStyle(editing);
  if (editing.type === 'sticky') return { x: editing.x, y: editing.y, w: editing.w, h: editing.h };
  if (editing.type === 'text') {
    const size = measureTextBox(measurer, editing.text || ' ', style);
    return { x: editing.x, y: editing.y, w: size.w + editing.fontSize, h: size.h };
  }
  const center = { x: editing.x + editing.w / 2, y: editing.y };
  const block = layoutBlock(measurer, editing.text || ' ', style, center, editing.w > 0 ? editing.w : null);
  const w = editing.w > 0 ? block.w : block.w + editing.fontSize;
  return { x: center.x - w / 2, y: block.y, w, h: block.h };
}

/** The padding inside the text box: a note's. */
export function editorPadding(editing: TextEditing): number {
  return editing.type === 'sticky' ? STICKY_PADDING : 0;
}

/**
 * The new (x, y) of a rotated box resized to (w, h) with its unrotated top-left corner kept where
 * it is on screen: a text grows right and down, whatever its rotation.
 */
function keepTopLeft(editing: TextEditing, w: number, h: number): Point {
  if (editing.rotation === 0) return { x: editing.x, y: editing.y };
  const corner = rotatePoint({ x: editing.x, y: editing.y }, boxCenter(editing), editing.rotation);
  const center = rotatePoint({ x: corner.x + w / 2, y: corner.y + h / 2 }, corner, editing.rotation);
  return { x: center.x - w / 2, y: center.y - h / 2 };
}

export function finishTextEdit(editing: TextEditing, text: string, measurer: TextMeasurer, userId: string): TextEditResult {
  const blank = text.trim().length === 0;
  // A label emptied stays its shape, without a label.
  if (editing.type === 'sticky' || editing.type === 'label') {
    return editing.id && text !== editing.original ? { kind: 'update', id: editing.id, patch: { text } } : { kind: 'none' };
  }
  if (!editing.id) {
    if (blank) return { kind: 'none' };
    const size = measureTextBox(measurer, text, editingStyle(editing));
    return {
      kind: 'add',
      shape: {
        type: 'text',
        x: editing.x,
        y: editing.y,
        ...size,
        rotation: 0,
        stroke: editing.color,
        fill: 'none',
        strokeWidth: 0,
        strokeStyle: 'solid',
        opacity: editing.opacity,
        text,
        fontSize: editing.fontSize,
        ...(editing.fontFamily !== DEFAULT_FONT_FAMILY ? { fontFamily: editing.fontFamily } : {}),
        ...(editing.textAlign !== 'left' ? { textAlign: editing.textAlign } : {}),
        createdBy: userId,
      },
    };
  }
  // An emptied text is gone, as in any editor.
  if (blank) return { kind: 'delete', id: editing.id };
  if (text === editing.original) return { kind: 'none' };
  const size = measureTextBox(measurer, text, editingStyle(editing));
  return { kind: 'update', id: editing.id, patch: { text, ...size, ...keepTopLeft(editing, size.w, size.h) } };
}
