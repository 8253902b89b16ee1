/**
 * Typing text in place: what the text box over the canvas shows, and what typing changes in the
 * document when it ends (Escape, or a click outside). A text shape's box is measured to fit its
 * lines; a note keeps its size and wraps its text.
 */
import type { Shape, ShapeDraft } from '../board/schema';
import { boxCenter, rotatePoint } from '../geometry/transform';
import type { Point } from '../geometry/types';
import { LINE_HEIGHT, measureTextBox, type TextMeasurer } from '../render/text-layout';
import type { ShapePatch } from '../board/doc';
import type { ShapeStyle } from './style';

export interface TextEditing {
  /** The shape being edited, or null for a new text that is not stored yet. */
  id: string | null;
  type: 'text' | 'sticky';
  /** The unrotated box in board units. */
  x: number;
  y: number;
  w: number;
  h: number;
  rotation: number;
  fontSize: number;
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
    color: style.stroke,
    fill: 'none',
    opacity: style.opacity,
    text: '',
    original: '',
  };
}

export function editingFor(shape: Shape): TextEditing | null {
  if (shape.type !== 'text' && shape.type !== 'sticky') return null;
  const { id, type, x, y, w, h, rotation, fontSize, stroke, fill, opacity, text } = shape;
  return { id, type, x, y, w, h, rotation, fontSize, color: stroke, fill, opacity, text, original: text };
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
  if (editing.type === 'sticky') {
    return editing.id && text !== editing.original ? { kind: 'update', id: editing.id, patch: { text } } : { kind: 'none' };
  }
  if (!editing.id) {
    if (blank) return { kind: 'none' };
    const size = measureTextBox(measurer, text, editing.fontSize);
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
        createdBy: userId,
      },
    };
  }
  // An emptied text is gone, as in any editor.
  if (blank) return { kind: 'delete', id: editing.id };
  if (text === editing.original) return { kind: 'none' };
  const size = measureTextBox(measurer, text, editing.fontSize);
  return { kind: 'update', id: editing.id, patch: { text, ...size, ...keepTopLeft(editing, size.w, size.h) } };
}
