import { describe, expect, it } from 'vitest';
import { keptAccessKey, openBoardAccess } from '../access/kept-access';
import type { StorageLike } from '../local/storage';
import { THEME_STORAGE_KEY } from '../local/theme';
import { FIRST_VIEW_ID, firstViewScript } from './first-view-script';

const BOARD = 'board_1';
const tokenOf = (letter: string) => letter.repeat(22);

interface Page {
  hash: string;
  stored: Record<string, string>;
  prefersDark?: boolean;
}

/** Runs the script in a bare page and returns the request it makes, if any. */
function requestOf(page: Page): { url: string; headers: Record<string, string> } | null {
  let request: { url: string; headers: Record<string, string> } | null = null;
  const window: Record<string, unknown> = {
    document: {
      getElementById: (id: string) => (id === FIRST_VIEW_ID ? { hasAttribute: () => false, appendChild: () => undefined } : null),
      documentElement: { clientWidth: 1280, clientHeight: 800 },
    },
    location: { hash: page.hash },
    localStorage: { getItem: (key: string) => page.stored[key] ?? null },
    matchMedia: () => ({ matches: page.prefersDark ?? false }),
    fetch: (url: string, init: { headers: Record<string, string> }) => {
      request = { url, headers: init.headers };
      return new Promise(() => undefined);
    },
    URL: { createObjectURL: () => 'blob:view' },
  };
  window.window = window;
  // The page's globals, as the parameters of a function whose body is the script.
  const names = Object.keys(window);
  new Function(...names, firstViewScript(BOARD))(...names.map((name) => window[name]));
  return request;
}

/** The token the page itself opens the board with (lib/access/kept-access.ts). */
function pageToken(page: Page): string | null {
  const items = new Map(Object.entries(page.stored));
  const storage: StorageLike = { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
  return openBoardAccess(storage, BOARD, page.hash).token;
}

describe('the first view script', () => {
  it('asks with the token the page opens the board with', () => {
    const kept = (tokens: Record<string, string>) => ({ [keptAccessKey(BOARD)]: JSON.stringify(tokens) });
    const pages: Page[] = [
      { hash: '', stored: {} },
      { hash: '', stored: kept({ view: tokenOf('v') }) },
      { hash: '', stored: kept({ view: tokenOf('v'), edit: tokenOf('e') }) },
      { hash: '', stored: kept({ view: tokenOf('v'), owner: tokenOf('o'), edit: tokenOf('e') }) },
      { hash: `#edit=${tokenOf('f')}`, stored: kept({ edit: tokenOf('e'), view: tokenOf('v') }) },
      { hash: `#view=${tokenOf('f')}`, stored: kept({ edit: tokenOf('e') }) },
      { hash: `#view=${tokenOf('f')}`, stored: {} },
      { hash: '#edit=not a token', stored: kept({ view: tokenOf('v') }) },
      { hash: '#other=x', stored: { [keptAccessKey(BOARD)]: '{broken' } },
      { hash: '', stored: kept({ edit: 'bad token!', view: tokenOf('v') }) },
    ];
    for (const page of pages) {
      const request = requestOf(page);
      const token = pageToken(page);
      expect(request?.headers.authorization ?? null, JSON.stringify(page)).toBe(token === null ? null : `Bearer ${token}`);
    }
    expect(pageToken(pages[4]!)).toBe(tokenOf('f'));
  });

  it('asks for the opening viewport on this window, in the page theme', () => {
    const url = (page: Page) => requestOf(page)?.url;
    const view = `/api/boards/${BOARD}/view.svg?x=0&y=0&zoom=1&width=1280&height=800`;
    expect(url({ hash: '', stored: {} })).toBe(`${view}&theme=light`);
    expect(url({ hash: '', stored: {}, prefersDark: true })).toBe(`${view}&theme=dark`);
    expect(url({ hash: '', stored: { [THEME_STORAGE_KEY]: 'dark' } })).toBe(`${view}&theme=dark`);
    expect(url({ hash: '', stored: { [THEME_STORAGE_KEY]: 'light' }, prefersDark: true })).toBe(`${view}&theme=light`);
  });
});
