/**
 * The board's document model, declared as data: what each root holds, what each key of each map
 * may be, and what plain values pass. The validator knows nothing of shapes or chat beyond this.
 *
 *   shapes: map   shape id -> a map of shape properties (each one plain value, SHAPE_PROP_SCHEMAS,
 *                 except "text": a Y.Text of plain strings, so that concurrent typing merges)
 *   meta:   map   board property -> one plain value (META_PROP_SCHEMAS)
 *   chat:   list  of plain chat messages
 *
 * A slot is where an item may sit: a `value` slot holds one plain JSON value (a Yjs ContentAny of
 * one element, or a list's elements), a `map` or `list` slot a nested Y.Map or Y.Array, a `text`
 * slot a Y.Text of plain strings (no formatting, no embeds). A property that becomes a Y.Text is
 * declared by returning `textSlot(...)` for its key in `shapeSlot.entry`.
 */
import { chatMessageSchema, isMetaPropName, isShapePropName, META_PROP_SCHEMAS, SHAPE_ID_PATTERN, SHAPE_PROP_SCHEMAS } from '../../../lib/board/schema';
import { CHAT_KEY, META_KEY, SHAPES_KEY } from '../../../lib/board/doc';
import { TEXT_KEY } from '../../../lib/board/text';

export interface ValueSlot {
  kind: 'value';
  /** Names the slot in a reason: `shape property "x"`. */
  describe: string;
  /** Null if the value may be stored here, else why not. */
  check(value: unknown): string | null;
}

export interface MapSlot {
  kind: 'map';
  describe: string;
  /** The slot under this key, or null if the key is not part of the model. */
  entry(key: string): Slot | null;
  /** Names a key that is not part of the model, for the reason. */
  unknownKey(key: string): string;
}

export interface ListSlot {
  kind: 'list';
  describe: string;
  element: Slot;
}

export interface TextSlot {
  kind: 'text';
  describe: string;
}

export type Slot = ValueSlot | MapSlot | ListSlot | TextSlot;
export type ContainerSlot = MapSlot | ListSlot | TextSlot;

export interface BoardModel {
  roots: ReadonlyMap<string, ContainerSlot>;
}

interface SafeParser {
  safeParse(value: unknown): { success: boolean; error?: { issues: ReadonlyArray<{ message: string }> } };
}

export function valueSlot(describe: string, schema: SafeParser): ValueSlot {
  return {
    kind: 'value',
    describe,
    check(value) {
      const result = schema.safeParse(value);
      return result.success ? null : (result.error?.issues[0]?.message ?? 'bad value');
    },
  };
}

export function textSlot(describe: string): TextSlot {
  return { kind: 'text', describe };
}

/**
 * A chat message is a plain object with exactly the schema's keys. Its prototype is checked too:
 * lib0 decodes a `__proto__` key by setting the prototype, whose properties a schema would read
 * but Yjs would not store, so that the others would get a message other than the one checked.
 */
const strictChatMessage = chatMessageSchema.strict();
const chatMessageSlot: ValueSlot = {
  kind: 'value',
  describe: 'a chat message',
  check(value) {
    if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return 'not a plain object';
    const result = strictChatMessage.safeParse(value);
    return result.success ? null : (result.error.issues[0]?.message ?? 'bad value');
  },
};

const shapePropSlots = new Map<string, Slot>();
for (const name of Object.keys(SHAPE_PROP_SCHEMAS)) {
  if (!isShapePropName(name)) continue;
  const describe = `shape property "${name}"`;
  shapePropSlots.set(name, name === TEXT_KEY ? textSlot(describe) : valueSlot(describe, SHAPE_PROP_SCHEMAS[name]));
}

export const shapeSlot: MapSlot = {
  kind: 'map',
  describe: 'a shape',
  entry: (key) => shapePropSlots.get(key) ?? null,
  unknownKey: (key) => `unknown shape property ${key}`,
};

const metaPropSlots = new Map<string, Slot>();
for (const name of Object.keys(META_PROP_SCHEMAS)) {
  if (isMetaPropName(name)) metaPropSlots.set(name, valueSlot(`board property "${name}"`, META_PROP_SCHEMAS[name]));
}

export const boardModel: BoardModel = {
  roots: new Map<string, ContainerSlot>([
    [
      SHAPES_KEY,
      {
        kind: 'map',
        describe: 'the shapes',
        entry: (key) => (SHAPE_ID_PATTERN.test(key) ? shapeSlot : null),
        unknownKey: () => 'a shape needs a valid id',
      },
    ],
    [
      META_KEY,
      {
        kind: 'map',
        describe: 'the board properties',
        entry: (key) => metaPropSlots.get(key) ?? null,
        unknownKey: (key) => `unknown board property ${key}`,
      },
    ],
    [CHAT_KEY, { kind: 'list', describe: 'the chat', element: chatMessageSlot }],
  ]),
};

