/**
 * Checks an untrusted Yjs update against the board model before it is applied.
 *
 * A board is `shapes: Y.Map<shapeId, Y.Map<prop, value>>`. The update is decoded (not applied)
 * and every inserted item is located: which root or shape it belongs to, under which key. Items
 * are accepted only where the model allows them: a Y.Map under a valid shape id in `shapes`, and
 * a single JSON value that passes the property's schema under a known property of a shape.
 * Deletions are always allowed; that is what erasing is.
 *
 * An item written with an origin (a map key overwritten, for instance) carries neither its parent
 * nor its key on the wire: both are inherited from the item it references, which lives either in
 * the same update or in the board's document.
 */
import * as Y from 'yjs';
import { chatMessageSchema, isMetaPropName, isShapePropName, META_PROP_SCHEMAS, SHAPE_ID_PATTERN, SHAPE_PROP_SCHEMAS } from '../../lib/board/schema';
import { CHAT_KEY, META_KEY, SHAPES_KEY } from '../../lib/board/doc';

export class InvalidUpdateError extends Error {
  override name = 'InvalidUpdateError';
}

/**
 * The update builds on items the server does not have yet. That is not an offence: a client's
 * edits can overtake the sync step 2 that carries what they build on. The caller may hold the
 * update back and try again once more has arrived.
 */
export class MissingDependencyError extends InvalidUpdateError {
  override name = 'MissingDependencyError';
}

/** Root types a client may write to. Later capabilities (chat, metadata) add theirs here. */
export const WRITABLE_ROOTS: ReadonlySet<string> = new Set([SHAPES_KEY, META_KEY, CHAT_KEY]);

/** Where an item sits: in a root type, or in the map of one shape, or somewhere not allowed. */
type Location =
  | { kind: 'root'; root: string; key: string | null }
  | { kind: 'shape'; key: string | null }
  | { kind: 'gone' };

type Struct = Y.Item | Y.GC | Y.Skip;

/** Depth guard: origin chains in a well-formed update are short; a crafted one must not recurse forever. */
const MAX_REFERENCE_DEPTH = 10_000;

export function validateUpdate(doc: Y.Doc, update: Uint8Array): void {
  let decoded: { structs: Struct[]; ds: unknown };
  try {
    decoded = Y.decodeUpdate(update) as { structs: Struct[]; ds: unknown };
  } catch {
    throw new InvalidUpdateError('the update could not be decoded');
  }
  const byClient = new Map<number, Y.Item[]>();
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const list = byClient.get(struct.id.client);
    if (list) list.push(struct);
    else byClient.set(struct.id.client, [struct]);
  }
  const locator = new Locator(doc, byClient);
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Item) checkItem(struct, locator.locate(struct, 0));
  }
}

function checkItem(item: Y.Item, location: Location): void {
  const content = item.content;
  if (content instanceof Y.ContentDeleted || location.kind === 'gone') return;
  if (location.kind === 'root') {
    if (!WRITABLE_ROOTS.has(location.root)) throw new InvalidUpdateError(`writes to "${location.root}" are not allowed`);
    if (location.root === CHAT_KEY) {
      if (location.key !== null || !(content instanceof Y.ContentAny)) throw new InvalidUpdateError('chat holds a list of plain messages');
      for (const message of content.arr) {
        const result = chatMessageSchema.safeParse(message);
        if (!result.success) throw new InvalidUpdateError(`a chat message is invalid: ${result.error.issues[0]?.message ?? 'bad value'}`);
      }
      return;
    }
    if (location.root === META_KEY) {
      const key = location.key;
      if (key === null || !isMetaPropName(key)) throw new InvalidUpdateError(`unknown board property "${String(key)}"`);
      checkPlainValue(content, `board property "${key}"`, META_PROP_SCHEMAS[key]);
      return;
    }
    if (location.key === null || !SHAPE_ID_PATTERN.test(location.key)) throw new InvalidUpdateError('a shape needs a valid id');
    if (!(content instanceof Y.ContentType) || !(content.type instanceof Y.Map)) {
      throw new InvalidUpdateError('a shape must be a map of properties');
    }
    return;
  }
  const key = location.key;
  if (key === null || !isShapePropName(key)) throw new InvalidUpdateError(`unknown shape property "${String(key)}"`);
  checkPlainValue(content, `shape property "${key}"`, SHAPE_PROP_SCHEMAS[key]);
}

function checkPlainValue(content: Y.Item['content'], what: string, schema: { safeParse(value: unknown): { success: boolean; error?: { issues: Array<{ message: string }> } } }): void {
  if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) throw new InvalidUpdateError(`${what} must be one plain value`);
  const result = schema.safeParse(content.arr[0]);
  if (!result.success) throw new InvalidUpdateError(`${what} is invalid: ${result.error?.issues[0]?.message ?? 'bad value'}`);
}

class Locator {
  constructor(
    private readonly doc: Y.Doc,
    private readonly updateItems: ReadonlyMap<number, Y.Item[]>,
  ) {}

  /** The location of an item of the update. */
  locate(item: Y.Item, depth: number): Location {
    if (depth > MAX_REFERENCE_DEPTH) throw new InvalidUpdateError('the update references itself too deeply');
    const parent = item.parent as unknown;
    if (typeof parent === 'string') return { kind: 'root', root: parent, key: item.parentSub };
    if (parent instanceof Y.ID) return this.insideContainer(parent, item.parentSub, depth);
    // No parent on the wire: inherited, with the key, from the left or right neighbour.
    const reference = item.origin ?? item.rightOrigin;
    if (!reference) throw new InvalidUpdateError('an item has neither parent nor neighbour');
    return this.locateId(reference, depth + 1);
  }

  /** The location of the item with this id, in the update or in the document. */
  private locateId(id: Y.ID, depth: number): Location {
    const fromUpdate = this.findInUpdate(id);
    if (fromUpdate) return this.locate(fromUpdate, depth);
    const fromDoc = this.findInDoc(id);
    if (fromDoc === 'gone') return { kind: 'gone' };
    return this.locateDocItem(fromDoc);
  }

  /** The location of a child of the container item `containerId`, under `key`. */
  private insideContainer(containerId: Y.ID, key: string | null, depth: number): Location {
    const fromUpdate = this.findInUpdate(containerId);
    let containerLocation: Location;
    if (fromUpdate) {
      if (!(fromUpdate.content instanceof Y.ContentType)) throw new InvalidUpdateError('a parent is not a container');
      containerLocation = this.locate(fromUpdate, depth + 1);
    } else {
      const fromDoc = this.findInDoc(containerId);
      if (fromDoc === 'gone') return { kind: 'gone' };
      if (!(fromDoc.content instanceof Y.ContentType)) throw new InvalidUpdateError('a parent is not a container');
      containerLocation = this.locateDocItem(fromDoc);
    }
    return this.childOf(containerLocation, key);
  }

  /** A shape's map is a container directly under `shapes`; nothing else may contain items. */
  private childOf(container: Location, key: string | null): Location {
    if (container.kind === 'gone') return container;
    if (container.kind === 'root' && container.root === SHAPES_KEY) return { kind: 'shape', key };
    throw new InvalidUpdateError('items may only be nested inside a shape');
  }

  /** Items already in the document carry their resolved parent type. */
  private locateDocItem(item: Y.Item): Location {
    const parent = item.parent as Y.AbstractType<unknown> | null;
    if (!parent) return { kind: 'gone' };
    const holder = parent._item;
    if (holder === null) return { kind: 'root', root: this.rootName(parent), key: item.parentSub };
    if (holder.deleted) return { kind: 'gone' };
    return this.childOf(this.locateDocItem(holder), item.parentSub);
  }

  private rootName(type: Y.AbstractType<unknown>): string {
    for (const [name, root] of this.doc.share) if (root === type) return name;
    throw new InvalidUpdateError('an item belongs to an unknown root');
  }

  /** Binary search: an update's structs are sorted by clock within each client. */
  private findInUpdate(id: Y.ID): Y.Item | null {
    const items = this.updateItems.get(id.client);
    if (!items) return null;
    let low = 0;
    let high = items.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const item = items[middle]!;
      if (id.clock < item.id.clock) high = middle - 1;
      else if (id.clock >= item.id.clock + item.length) low = middle + 1;
      else return item;
    }
    return null;
  }

  private findInDoc(id: Y.ID): Y.Item | 'gone' {
    const structs = this.doc.store.clients.get(id.client);
    const last = structs?.[structs.length - 1];
    if (!structs || !last || id.clock >= last.id.clock + last.length) {
      throw new MissingDependencyError('the update refers to an item the server has never seen');
    }
    const struct = structs[Y.findIndexSS(structs, id.clock)];
    return struct instanceof Y.Item ? struct : 'gone';
  }
}
