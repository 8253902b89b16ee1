/**
 * Text that merges, through a real server: a board stored with plain-string texts (as boards were
 * before texts became Y.Texts) opens and is converted as it loads; then two people type in one
 * sticky note at once, both keep their words, and Undo takes back only one's own typing.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { getShapesMap, readShapes } from '../../lib/board/doc';
import type { Shape } from '../../lib/board/schema';
import { BoardSession } from '../../lib/collab/board-session';
import { newBoardId } from '../../lib/protocol';
import { BoardProvider } from '../../lib/sync/board-provider';
import { LevelDocStore } from '../store/level-store';
import { startTestServer, type TestServer } from './support/in-process';
import { eventually, syncedPeer, withTimeout } from './support/peer';

/** A note as boards stored it before: every property a plain value, the text a string. */
function legacyBoard(noteId: string): Uint8Array {
  const doc = new Y.Doc();
  const note = new Y.Map<unknown>();
  doc.transact(() => {
    getShapesMap(doc).set(noteId, note);
    for (const [key, value] of Object.entries({ type: 'sticky', x: 100, y: 100, w: 200, h: 200, z: 'a0', stroke: '#1e1e1e', strokeWidth: 0, text: 'Agenda:', fontSize: 20 })) {
      note.set(key, value);
    }
  });
  return Y.encodeStateAsUpdate(doc);
}

describe('text that merges, through a real server', () => {
  const boardId = newBoardId();
  const noteId = 'note0000legacy';
  let server: TestServer;
  const sessions: BoardSession[] = [];
  const stops: Array<() => void> = [];

  afterAll(async () => {
    for (const stop of stops) stop();
    for (const session of sessions) session.destroy();
    await server?.dispose();
  });

  function person(name: string): BoardSession {
    const session = new BoardSession({
      url: server.url,
      boardId,
      identity: { userId: `user-${name}`, name },
      provider: (options) => new BoardProvider({ ...options, socketOptions: { forceNew: true, reconnectionDelay: 50, reconnectionDelayMax: 200 } }),
    });
    stops.push(session.start());
    sessions.push(session);
    return session;
  }

  const textOf = (shape: Shape | undefined) => (shape && 'text' in shape ? shape.text : undefined);
  const noteText = (session: BoardSession) => textOf(session.editor.shapeById(noteId));
  const yText = (doc: Y.Doc) => getShapesMap(doc).get(noteId)?.get('text');

  it('opens a stored board with plain-string text, converts it as it loads, and merges two people typing in one note', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'tabula-text-'));
    const store = await LevelDocStore.open(dataDir);
    await store.append(boardId, legacyBoard(noteId));
    await store.close();
    server = await startTestServer({}, dataDir);

    const [ada, bob] = [person('Ada'), person('Bob')];
    await withTimeout(Promise.all([ada.whenSynced(), bob.whenSynced()]), 10_000, 'a session did not sync');
    expect(noteText(ada)).toBe('Agenda:');
    // Converted on opening, and the server took the conversion.
    const observer = await syncedPeer(server.url, boardId);
    stops.push(() => observer.destroy());
    await eventually(() => expect(yText(observer.doc)).toBeInstanceOf(Y.Text));
    // Both converted it at once: wait until each has the other's conversion (one text remains).
    const stateOf = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc)).toString('hex');
    await eventually(() => {
      expect(yText(bob.doc)).toBeInstanceOf(Y.Text);
      expect(stateOf(ada.doc)).toBe(stateOf(bob.doc));
      expect(stateOf(observer.doc)).toBe(stateOf(ada.doc));
    });
    expect(readShapes(observer.doc).shapes[0]).toMatchObject({ id: noteId, type: 'sticky', text: 'Agenda:' });

    // Both open the note and type at once, keystroke by keystroke, Ada at the end and Bob at the
    // start; each one's text box shows what the other typed as it arrives (as the page's does).
    ada.editor.beginTextEdit(noteId);
    bob.editor.beginTextEdit(noteId);
    const seenBy = { ada: [] as string[], bob: [] as string[] };
    const unsubscribe = [
      ada.editor.onOthersTyping(noteId, (text) => (seenBy.ada.push(text), ada.editor.setEditingText(text, true))),
      bob.editor.onOthersTyping(noteId, (text) => (seenBy.bob.push(text), bob.editor.setEditingText(text, true))),
    ];
    const typeAt = (session: BoardSession, at: (text: string) => number, char: string) => {
      const text = session.editor.getState().editing!.text;
      const index = at(text);
      session.editor.setEditingText(text.slice(0, index) + char + text.slice(index));
    };
    const [adaWords, bobWords] = [' budget', 'Weekly '];
    for (let i = 0; i < adaWords.length; i++) {
      typeAt(ada, (text) => text.length, adaWords[i]!);
      typeAt(bob, () => i, bobWords[i]!);
      await new Promise((resolve) => setTimeout(resolve, i % 2 === 0 ? 0 : 15));
    }
    await eventually(() => {
      expect(noteText(ada)).toBe('Weekly Agenda: budget');
      expect(noteText(bob)).toBe('Weekly Agenda: budget');
    });
    expect(ada.editor.getState().editing?.text).toBe('Weekly Agenda: budget');
    expect(bob.editor.getState().editing?.text).toBe('Weekly Agenda: budget');
    expect(seenBy.ada.length).toBeGreaterThan(0);
    expect(seenBy.bob.length).toBeGreaterThan(0);
    for (const stop of unsubscribe) stop();

    // Each person's Undo takes back their own typing only.
    ada.editor.commitText();
    bob.editor.commitText();
    ada.editor.undo();
    await eventually(() => {
      expect(noteText(bob)).toBe('Weekly Agenda:');
      expect(textOf(readShapes(observer.doc).shapes[0])).toBe('Weekly Agenda:');
    });
  });
});
