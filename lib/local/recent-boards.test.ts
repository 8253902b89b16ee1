import { describe, expect, it } from 'vitest';
import { boardTitle, MAX_RECENT_BOARDS, parseRecentBoards, RECENT_BOARDS_KEY, recordRecentBoard } from './recent-boards';
import type { StorageLike } from './storage';

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

  it('titles a board by the start of its id', () => {
    expect(boardTitle('abcdefghijklmnop')).toBe('Board abcdefgh');
  });
});
