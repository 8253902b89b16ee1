import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { getShapesMap, readShapes } from './doc';
import { MAX_TEXT_LENGTH } from './schema';
import { migrateTexts, MIGRATION_ORIGIN, shiftIndex, spliceText, textSplice, writeShapeText } from './text';

/** Two documents that exchange every update at once, like two synced peers. */
function twoPeers() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(b, update, 'remote'));
  b.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(a, update, 'remote'));
  return { a, b };
}

describe('textSplice: what a text box change amounts to', () => {
  it('finds the one changed stretch, keeping the common start and end', () => {
    expect(textSplice('hello', 'hello')).toBeNull();
    expect(textSplice('hello', 'hello!')).toEqual({ index: 5, remove: 0, insert: '!' });
    expect(textSplice('hello', 'jello')).toEqual({ index: 0, remove: 1, insert: 'j' });
    expect(textSplice('hello world', 'hello there world')).toEqual({ index: 6, remove: 0, insert: 'there ' });
    expect(textSplice('aaa', 'aa')).toEqual({ index: 2, remove: 1, insert: '' });
    expect(textSplice('abc', '')).toEqual({ index: 0, remove: 3, insert: '' });
  });

  it('never splits a surrogate pair', () => {
    // 😀 and 😃 share their high surrogate; the whole emoji is replaced.
    expect(textSplice('a😀b', 'a😃b')).toEqual({ index: 1, remove: 2, insert: '😃' });
  });

  it('turns a Y.Text into the new value', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'plan for Q3');
    spliceText(text, 'plan for Q4 and Q1');
    expect(text.toString()).toBe('plan for Q4 and Q1');
  });
});

describe('two people typing in one text at once', () => {
  it('keeps both people\u2019s words, each where they typed it', () => {
    const { a, b } = twoPeers();
    const shape = new Y.Map<unknown>();
    a.getMap('shapes').set('s1', shape);
    writeShapeText(shape, 'Agenda: ');
    const textA = (a.getMap('shapes').get('s1') as Y.Map<unknown>).get('text') as Y.Text;
    const textB = (b.getMap('shapes').get('s1') as Y.Map<unknown>).get('text') as Y.Text;
    // Offline from each other for a moment: both type at the end, then sync.
    const offline = { a: new Y.Doc(), b: new Y.Doc() };
    Y.applyUpdate(offline.a, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(offline.b, Y.encodeStateAsUpdate(b));
    const text = (doc: Y.Doc) => (doc.getMap('shapes').get('s1') as Y.Map<unknown>).get('text') as Y.Text;
    for (const char of 'budget') spliceText(text(offline.a), text(offline.a).toString() + char);
    for (const char of 'hiring') spliceText(text(offline.b), text(offline.b).toString() + char);
    Y.applyUpdate(offline.a, Y.encodeStateAsUpdate(offline.b));
    Y.applyUpdate(offline.b, Y.encodeStateAsUpdate(offline.a));
    expect(text(offline.a).toString()).toBe(text(offline.b).toString());
    expect(text(offline.a).toString()).toMatch(/^Agenda: (budgethiring|hiringbudget)$/);
    // Live, keystroke by keystroke, at two places.
    spliceText(textA, 'Agenda: budget');
    spliceText(textB, 'Weekly Agenda: budget');
    spliceText(textA, 'Weekly Agenda: budget, hiring');
    expect(textA.toString()).toBe('Weekly Agenda: budget, hiring');
    expect(textB.toString()).toBe('Weekly Agenda: budget, hiring');
  });

  it('moves a caret with the other person\u2019s change, as the text box shows it', () => {
    const { a, b } = twoPeers();
    a.getText('t').insert(0, 'hello world');
    let moved = [0, 5, 6, 11];
    b.getText('t').observe((event) => {
      moved = moved.map((caret) => shiftIndex(caret, event.delta as never));
    });
    a.getText('t').insert(6, 'big ');
    expect(b.getText('t').toString()).toBe('hello big world');
    // Insertions before a caret push it; one exactly at it goes after it.
    expect(moved).toEqual([0, 5, 6, 15]);
    a.getText('t').delete(0, 6);
    expect(moved).toEqual([0, 0, 0, 9]);
  });
});

describe('migrateTexts: boards stored with plain-string text', () => {
  it('turns plain strings into Y.Texts with the same content, once, and other peers get them', () => {
    const { a, b } = twoPeers();
    const shapes = a.getMap<Y.Map<unknown>>('shapes');
    const note = new Y.Map<unknown>();
    const done = new Y.Map<unknown>();
    a.transact(() => {
      shapes.set('note', note);
      note.set('type', 'sticky');
      note.set('text', 'plain words');
      shapes.set('done', done);
      done.set('text', new Y.Text('already'));
      shapes.set('rect', new Y.Map());
    });
    const origins: unknown[] = [];
    a.on('afterTransaction', (transaction: Y.Transaction) => origins.push(transaction.origin));
    expect(migrateTexts(shapes)).toBe(1);
    expect(origins).toEqual([MIGRATION_ORIGIN]);
    expect(note.get('text')).toBeInstanceOf(Y.Text);
    expect((note.get('text') as Y.Text).toString()).toBe('plain words');
    expect(((b.getMap('shapes').get('note') as Y.Map<unknown>).get('text') as Y.Text).toString()).toBe('plain words');
    expect(migrateTexts(shapes)).toBe(0);
  });

  it('two people migrating one board at once end with one equal text', () => {
    const a = new Y.Doc();
    const note = new Y.Map<unknown>();
    a.getMap('shapes').set('note', note);
    note.set('text', 'old');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    migrateTexts(a.getMap<Y.Map<unknown>>('shapes'));
    migrateTexts(b.getMap<Y.Map<unknown>>('shapes'));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const doc of [a, b]) expect(((doc.getMap('shapes').get('note') as Y.Map<unknown>).get('text') as Y.Text).toString()).toBe('old');
  });
});

describe('reading a text longer than the schema allows', () => {
  it('shows its first MAX_TEXT_LENGTH characters instead of dropping the note', () => {
    const doc = new Y.Doc();
    const note = new Y.Map<unknown>();
    doc.transact(() => {
      getShapesMap(doc).set('note', note);
      for (const [key, value] of Object.entries({ type: 'sticky', x: 0, y: 0, w: 200, h: 200, z: 'a0' })) note.set(key, value);
      note.set('text', new Y.Text('x'.repeat(MAX_TEXT_LENGTH + 50)));
    });
    const { shapes, invalid } = readShapes(doc);
    expect(invalid).toEqual([]);
    expect(shapes[0]).toMatchObject({ type: 'sticky', text: 'x'.repeat(MAX_TEXT_LENGTH) });
  });
});
