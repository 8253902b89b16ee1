/**
 * What may be written where: the slot under a key of a container, and whether an item's content
 * fits it. The content kinds are checked exactly (by type reference), never with `instanceof`.
 */
import type { ContainerSlot, Slot } from './board-model';
import { InvalidUpdateError, quote } from './errors';
import type { Place } from './server-copy';
import { TYPE_REFS, type WireContent, Y_ARRAY, Y_MAP, Y_TEXT } from './wire-update';

/** The characters of a Y.Text: plain strings. */
const TEXT_CHARACTERS = { kind: 'characters', describe: 'the characters of a text' } as const;
export type EntrySlot = Slot | typeof TEXT_CHARACTERS;

/** The slot of the entry an item at `place` writes; refuses keys and positions outside the model. */
export function entrySlot({ slot, key }: Pick<Place, 'slot' | 'key'>): EntrySlot {
  if (slot.kind === 'map') {
    if (key === null) throw new InvalidUpdateError(`an item without a key in ${slot.describe}`);
    const entry = slot.entry(key);
    if (!entry) throw new InvalidUpdateError(slot.unknownKey(quote(key)));
    return entry;
  }
  if (key !== null) throw new InvalidUpdateError(`an item with a key in ${slot.describe}`);
  return slot.kind === 'list' ? slot.element : TEXT_CHARACTERS;
}

const TYPE_OF_SLOT = { map: Y_MAP, list: Y_ARRAY, text: Y_TEXT } as const;

/**
 * Checks the content of an item (from `from`, the part the server does not have) against the
 * entry slot it writes. Returns the container slot the item opens, if it is a container.
 */
export function checkContent(entry: EntrySlot, container: ContainerSlot, content: WireContent, from: number): ContainerSlot | null {
  // A deleted entry carries no content: it is allowed wherever an entry is.
  if (content.kind === 'deleted') return null;
  if (entry.kind === 'characters') {
    if (content.kind !== 'string') throw new InvalidUpdateError(`${container.describe} holds plain text only`);
    return null;
  }
  if (entry.kind === 'value') {
    if (content.kind !== 'any') throw new InvalidUpdateError(`${entry.describe} must be ${container.kind === 'list' ? 'plain values' : 'one plain value'}`);
    if (container.kind === 'map' && content.values.length !== 1) throw new InvalidUpdateError(`${entry.describe} must be one plain value`);
    for (let i = from; i < content.values.length; i++) {
      const problem = entry.check(content.values[i]);
      if (problem !== null) throw new InvalidUpdateError(`${entry.describe} is invalid: ${problem}`);
    }
    return null;
  }
  const typeRef = TYPE_OF_SLOT[entry.kind];
  if (content.kind !== 'type' || content.typeRef !== typeRef) {
    throw new InvalidUpdateError(`${entry.describe} must be a ${TYPE_REFS[typeRef]}${content.kind === 'type' ? `, not a ${TYPE_REFS[content.typeRef]}` : ''}`);
  }
  return entry;
}
