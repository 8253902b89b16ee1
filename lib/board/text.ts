/**
 * The text of text shapes and sticky notes is a Y.Text, so that two people typing in one note at
 * once both keep their words. Boards stored before hold it as a plain string: reading takes both,
 * and `migrateTexts` turns the strings into Y.Texts when a board is opened.
 */
import * as Y from 'yjs';
import { MAX_TEXT_LENGTH } from './schema';

export const TEXT_KEY = 'text';

/** The origin of the one-time conversion of plain-string texts: no one's undo step. */
export const MIGRATION_ORIGIN = Symbol('tabula.text-migration');

/** One edit of a text: remove `remove` characters at `index`, then insert `insert` there. */
export interface TextSplice {
  index: number;
  remove: number;
  insert: string;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The smallest single splice that turns `before` into `after` (what a text box's change event
 * amounts to): the common start and end are kept. It never splits a surrogate pair, so an emoji is
 * replaced whole. Null when the texts are equal.
 */
export function textSplice(before: string, after: string): TextSplice | null {
  if (before === after) return null;
  let start = 0;
  const shortest = Math.min(before.length, after.length);
  while (start < shortest && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < shortest - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
  return { index: start, remove: before.length - start - end, insert: after.slice(start, after.length - end) };
}

/** Makes a Y.Text read `next` by one splice (call inside a transaction to make it one change). */
export function spliceText(text: Y.Text, next: string): void {
  const splice = textSplice(text.toString(), next);
  if (!splice) return;
  if (splice.remove > 0) text.delete(splice.index, splice.remove);
  if (splice.insert) text.insert(splice.index, splice.insert);
}

/**
 * A stored property as read: a Y.Text's content as a string (its first MAX_TEXT_LENGTH characters:
 * the server checks what each update types, not the length it adds up to, and a long text must
 * not make its note vanish), anything else (a legacy plain string included) as it is.
 */
export function textValue(value: unknown): unknown {
  return value instanceof Y.Text ? value.toString().slice(0, MAX_TEXT_LENGTH) : value;
}

/** Writes a shape's text: into its Y.Text by one splice when it has one, else as a new Y.Text. */
export function writeShapeText(shape: Y.Map<unknown>, text: string): void {
  const current = shape.get(TEXT_KEY);
  if (current instanceof Y.Text) spliceText(current, text);
  else shape.set(TEXT_KEY, new Y.Text(text));
}

/** The shape's Y.Text, if its text is one. */
export function shapeYText(shape: Y.Map<unknown> | undefined): Y.Text | null {
  const value = shape?.get(TEXT_KEY);
  return value instanceof Y.Text ? value : null;
}

/**
 * Turns every plain-string text of the shapes map into a Y.Text with the same content, in one
 * transaction; returns how many were converted. Two people opening an old board at once both
 * convert it: the map keeps one of the two equal texts.
 */
export function migrateTexts(shapes: Y.Map<Y.Map<unknown>>, origin: unknown = MIGRATION_ORIGIN): number {
  const pending: Array<[Y.Map<unknown>, string]> = [];
  shapes.forEach((shape) => {
    if (!(shape instanceof Y.Map)) return;
    const text = shape.get(TEXT_KEY);
    if (typeof text === 'string') pending.push([shape, text]);
  });
  if (pending.length === 0) return 0;
  shapes.doc!.transact(() => {
    for (const [shape, text] of pending) shape.set(TEXT_KEY, new Y.Text(text));
  }, origin);
  return pending.length;
}

/** A Yjs text delta: what a Y.Text event says changed, in order from the start. */
export type TextDelta = ReadonlyArray<{ retain?: number; insert?: unknown; delete?: number }>;

/** The delta of one splice between two texts (for a text replaced whole, not edited). */
export function spliceDelta(before: string, after: string): TextDelta {
  const splice = textSplice(before, after);
  if (!splice) return [];
  const delta: Array<{ retain?: number; insert?: string; delete?: number }> = [];
  if (splice.index > 0) delta.push({ retain: splice.index });
  if (splice.remove > 0) delta.push({ delete: splice.remove });
  if (splice.insert) delta.push({ insert: splice.insert });
  return delta;
}

/**
 * Where a caret at `index` is after someone else's change: text inserted before it pushes it
 * right, text deleted before it pulls it left, a caret inside deleted text lands where the deletion
 * was. Text inserted exactly at the caret goes after it, so that two people typing at one place
 * each keep their words together instead of interleaving them.
 */
export function shiftIndex(index: number, delta: TextDelta): number {
  let before = 0; // position in the text as it was
  let shift = 0;
  for (const op of delta) {
    if (before > index) break;
    if (op.retain !== undefined) {
      before += op.retain;
    } else if (op.insert !== undefined) {
      if (before < index) shift += typeof op.insert === 'string' ? op.insert.length : 1;
    } else if (op.delete !== undefined) {
      if (before < index) shift -= Math.min(op.delete, index - before);
      before += op.delete;
    }
  }
  return index + shift;
}
