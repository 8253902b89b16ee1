/**
 * Typing into a shape's shared text (its Y.Text): each change of the text box goes in as one
 * splice, so that what others type in it meanwhile stays, and what others change comes back as a
 * Yjs delta, so that the text box can keep its caret in place. The editor makes the undo steps.
 */
import * as Y from 'yjs';
import { getShapesMap, LOCAL_ORIGIN } from '../board/doc';
import { shapeYText, spliceDelta, TEXT_KEY, type TextDelta, textSplice, textValue, writeShapeText } from '../board/text';

/** Writes this person's change of shape `id`'s text, from `before` (what the text box showed) to `after`. */
export function typeIntoShape(doc: Y.Doc, id: string, before: string, after: string): void {
  const shape = getShapesMap(doc).get(id);
  if (!(shape instanceof Y.Map)) return;
  // The splice is what this person's text box changed, so it never removes what it did not show.
  const text = shapeYText(shape);
  const splice = textSplice(before, after);
  if (!splice) return;
  doc.transact(() => {
    if (!text) return writeShapeText(shape, after);
    const index = Math.min(splice.index, text.length);
    if (splice.remove > 0) text.delete(index, Math.min(splice.remove, text.length - index));
    if (splice.insert) text.insert(index, splice.insert);
  }, LOCAL_ORIGIN);
}

/**
 * Gives shape `id` a Y.Text of its text if it has none yet (a box whose label is typed for the
 * first time), so that people who begin typing in it after this reached them type into the same
 * text rather than each setting their own.
 */
export function giveShapeYText(doc: Y.Doc, id: string): void {
  const shape = getShapesMap(doc).get(id);
  if (shape instanceof Y.Map && !shapeYText(shape)) {
    doc.transact(() => writeShapeText(shape, String(textValue(shape.get(TEXT_KEY)) ?? '')), LOCAL_ORIGIN);
  }
}

/**
 * Calls `listener` with the text and the change whenever someone else, or an undo, changes the
 * text of shape `id`; returns the unsubscribe.
 */
export function observeOthersTyping(doc: Y.Doc, id: string, listener: (text: string, delta: TextDelta) => void): () => void {
  const shape = getShapesMap(doc).get(id);
  if (!(shape instanceof Y.Map)) return () => {};
  let last = String(textValue(shape.get(TEXT_KEY)) ?? '');
  // The whole shape is watched: someone may also replace its text (two people converting an old
  // board at once), which is no Y.Text event; its change is then the splice between the texts.
  const observer = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>, transaction: Y.Transaction) => {
    const now = String(textValue(shape.get(TEXT_KEY)) ?? '');
    if (now === last) return;
    const before = last;
    last = now;
    if (transaction.origin === LOCAL_ORIGIN) return;
    const edit = events.find((event) => event instanceof Y.YTextEvent) as Y.YTextEvent | undefined;
    listener(now, edit && events.length === 1 ? (edit.delta as TextDelta) : spliceDelta(before, now));
  };
  shape.observeDeep(observer);
  return () => shape.unobserveDeep(observer);
}
