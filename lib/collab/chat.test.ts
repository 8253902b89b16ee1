import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_CHAT_TEXT_LENGTH } from '../board/schema';
import { ChatLog, chatText, getChatArray } from './chat';

const ada = { id: 'user-ada', name: 'Ada', color: '#e03131' };
const bob = { id: 'user-bob', name: 'Bob', color: '#1971c2' };

function pair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (update: Uint8Array) => Y.applyUpdate(b, update));
  b.on('update', (update: Uint8Array) => Y.applyUpdate(a, update));
  return { a: new ChatLog(a, () => 1000), b: new ChatLog(b, () => 2000), docA: a };
}

describe('ChatLog', () => {
  it('sends messages that the other side reads, in order', () => {
    const { a, b } = pair();
    a.send(ada, '  hello  ');
    b.send(bob, 'hi Ada');
    expect(b.getMessages().map((m) => [m.author, m.text, m.at])).toEqual([
      ['Ada', 'hello', 1000],
      ['Bob', 'hi Ada', 2000],
    ]);
    expect(a.getMessages()).toEqual(b.getMessages());
  });

  it('refuses blank text and cuts long text at the cap', () => {
    const { a } = pair();
    expect(a.send(ada, '   ')).toBeNull();
    expect(a.send(ada, 'x'.repeat(MAX_CHAT_TEXT_LENGTH + 10))!.text).toHaveLength(MAX_CHAT_TEXT_LENGTH);
    expect(chatText(' a \n')).toBe('a');
  });

  it('keeps text as text', () => {
    const { a, b } = pair();
    a.send(ada, '<img src=x onerror=alert(1)>');
    expect(b.getMessages()[0]!.text).toBe('<img src=x onerror=alert(1)>');
  });

  it('skips entries that do not match the schema', () => {
    const { a, docA } = pair();
    getChatArray(docA).push([{ text: 'no author' }, 42]);
    a.send(ada, 'ok');
    expect(a.getMessages().map((m) => m.text)).toEqual(['ok']);
  });

  it('counts others\' messages after the read marker', () => {
    const { a, b } = pair();
    b.markAllRead();
    a.send(ada, 'one');
    a.send(ada, 'two');
    expect(b.unreadCount(bob.id)).toBe(2);
    expect(a.unreadCount(ada.id)).toBe(0);
    b.markAllRead();
    expect(b.unreadCount(bob.id)).toBe(0);
    b.send(bob, 'mine');
    a.send(ada, 'three');
    expect(b.unreadCount(bob.id)).toBe(1);
    const marker = b.readMarker;
    b.setReadMarker(null);
    expect(b.unreadCount(bob.id)).toBe(3);
    b.setReadMarker(marker);
    expect(b.unreadCount(bob.id)).toBe(1);
  });
});
