import { describe, expect, it } from 'vitest';
import type { StorageLike } from '../local/storage';
import { authorizedFetch, forgetLinkTokens, keepLinks, keptAccessKey, openBoardAccess, parseAccessFragment, readKeptTokens } from './kept-access';

function memoryStorage(): StorageLike & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

const EDIT = 'e'.repeat(32);
const VIEW = 'v'.repeat(32);
const OWNER = 'o'.repeat(32);

describe('parseAccessFragment', () => {
  it('reads #edit= and #view=, and nothing else', () => {
    expect(parseAccessFragment(`#edit=${EDIT}`)).toEqual({ role: 'edit', token: EDIT });
    expect(parseAccessFragment(`#view=${VIEW}`)).toEqual({ role: 'view', token: VIEW });
    expect(parseAccessFragment('')).toBeNull();
    expect(parseAccessFragment('#owner=abc')).toBeNull();
    expect(parseAccessFragment('#edit=<script>')).toBeNull();
  });
});

describe('openBoardAccess', () => {
  it('keeps the fragment token per board, so a reload without it still has access', () => {
    const storage = memoryStorage();
    expect(openBoardAccess(storage, 'b1', `#view=${VIEW}`)).toEqual({ role: 'view', token: VIEW });
    expect(openBoardAccess(storage, 'b1', '')).toEqual({ role: 'view', token: VIEW });
    expect(openBoardAccess(storage, 'b2', '')).toEqual({ role: 'bare', token: null });
  });

  it('the strongest token wins: owner, then edit, then view', () => {
    const storage = memoryStorage();
    openBoardAccess(storage, 'b', `#view=${VIEW}`);
    expect(openBoardAccess(storage, 'b', `#edit=${EDIT}`)).toEqual({ role: 'edit', token: EDIT });
    storage.setItem(keptAccessKey('b'), JSON.stringify({ ...readKeptTokens(storage, 'b'), owner: OWNER }));
    expect(openBoardAccess(storage, 'b', `#view=${VIEW}`)).toEqual({ role: 'owner', token: OWNER });
  });

  it('forgets link tokens after a reset but keeps the owner token; ignores a malformed record', () => {
    const storage = memoryStorage();
    storage.setItem(keptAccessKey('b'), JSON.stringify({ owner: OWNER, edit: EDIT, view: VIEW }));
    forgetLinkTokens(storage, 'b');
    expect(readKeptTokens(storage, 'b')).toEqual({ owner: OWNER });
    storage.setItem(keptAccessKey('c'), '{not json');
    expect(openBoardAccess(storage, 'c', '')).toEqual({ role: 'bare', token: null });
    expect(openBoardAccess(null, 'c', `#edit=${EDIT}`)).toEqual({ role: 'edit', token: EDIT });
  });
});

describe('authorizedFetch', () => {
  it('adds the token as a Bearer header, keeping the request\'s own headers', async () => {
    const seen: Headers[] = [];
    const fake = (async (_input: unknown, init?: RequestInit) => {
      seen.push(new Headers(init?.headers));
      return new Response('{}');
    }) as typeof fetch;
    await authorizedFetch(EDIT, fake)('/api/boards/b', { headers: { accept: 'application/json' } });
    expect(seen[0]?.get('authorization')).toBe(`Bearer ${EDIT}`);
    expect(seen[0]?.get('accept')).toBe('application/json');
    expect(authorizedFetch(null, fake)).toBe(fake);
  });
});

describe('keepLinks', () => {
  it('keeps the tokens of the links the server gave, and the owner token', () => {
    const storage = memoryStorage();
    keepLinks(storage, 'b', { ownerToken: OWNER, editLink: `/b/b#edit=${EDIT}`, viewLink: `/b/b#view=${VIEW}` });
    expect(readKeptTokens(storage, 'b')).toEqual({ owner: OWNER, edit: EDIT, view: VIEW });
    keepLinks(storage, 'b', { editLink: `/b/b#edit=${'f'.repeat(32)}`, viewLink: `/b/b#view=${'w'.repeat(32)}` });
    expect(readKeptTokens(storage, 'b')).toEqual({ owner: OWNER, edit: 'f'.repeat(32), view: 'w'.repeat(32) });
    expect(openBoardAccess(storage, 'b', '')).toEqual({ role: 'owner', token: OWNER });
  });
});
