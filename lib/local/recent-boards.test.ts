import { describe, expect, it } from 'vitest';
import { boardTitle, MAX_RECENT_BOARDS, parseRecentBoards, RECENT_BOARDS_KEY, recordRecentBoard, recordRecentTitle } from './recent-boards';
import { MAX_TITLE_LENGTH } from '../board/schema';
import type { StorageLike } from './storage';
import { words } from '../i18n';

function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

describe('recent boards', () => {
  it('puts the latest board first, once', () => {
    const storage = memoryStorage();
    recordRecentBoard(storage, 'one', 1);
    recordRecentBoard(storage, 'two', 2);
    recordRecentBoard(storage, 'one', 3);
    expect(parseRecentBoards(storage.getItem(RECENT_BOARDS_KEY))).toEqual([
      { id: 'one', openedAt: 3 },
      { id: 'two', openedAt: 2 },
    ]);
  });

  it('keeps at most MAX_RECENT_BOARDS', () => {
    const storage = memoryStorage();
    for (let i = 0; i < MAX_RECENT_BOARDS + 5; i++) recordRecentBoard(storage, `board${i}`, i);
    const list = parseRecentBoards(storage.getItem(RECENT_BOARDS_KEY));
    expect(list).toHaveLength(MAX_RECENT_BOARDS);
    expect(list[0]?.id).toBe(`board${MAX_RECENT_BOARDS + 4}`);
  });

  it('ignores malformed storage', () => {
    expect(parseRecentBoards(null)).toEqual([]);
    expect(parseRecentBoards('not json')).toEqual([]);
    expect(parseRecentBoards('{"id":"x"}')).toEqual([]);
    expect(parseRecentBoards('[{"id":"bad id","openedAt":1},{"id":"ok","openedAt":"x"},{"id":"good","openedAt":5}]')).toEqual([
      { id: 'good', openedAt: 5 },
    ]);
  });

  it('titles a board by its title, or by the start of its id while it has none', () => {
    expect(words('en', boardTitle('abcdefghijklmnop', undefined))).toBe('Board abcdefgh');
    expect(words('de', boardTitle('abcdefghijklmnop', '  '))).toBe('Board abcdefgh');
    expect(words('fr', boardTitle('abcdefghijklmnop', 'Sprint plan'))).toBe('Sprint plan');
  });

  it("keeps a board's title in its place, through reopening, and adds no board for a title", () => {
    const storage = memoryStorage();
    recordRecentBoard(storage, 'one', 1);
    recordRecentBoard(storage, 'two', 2);
    recordRecentTitle(storage, 'one', 'Plan');
    recordRecentTitle(storage, 'three', 'Not opened');
    const read = () => parseRecentBoards(storage.getItem(RECENT_BOARDS_KEY));
    expect(read()).toEqual([
      { id: 'two', openedAt: 2 },
      { id: 'one', openedAt: 1, title: 'Plan' },
    ]);
    recordRecentBoard(storage, 'one', 3);
    expect(read()[0]).toEqual({ id: 'one', openedAt: 3, title: 'Plan' });
  });

  it('drops a stored title that is not a string and cuts one too long', () => {
    const raw = JSON.stringify([{ id: 'a', openedAt: 1, title: 5 }, { id: 'b', openedAt: 1, title: 'x'.repeat(MAX_TITLE_LENGTH + 9) }]);
    expect(parseRecentBoards(raw)).toEqual([{ id: 'a', openedAt: 1 }, { id: 'b', openedAt: 1, title: 'x'.repeat(MAX_TITLE_LENGTH) }]);
  });
});
