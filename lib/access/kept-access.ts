/**
 * The tokens a browser holds for each board, and what they let the page do. A link carries its
 * token in the URL fragment (`/b/<id>#edit=<token>`, `#view=<token>`), which never reaches the
 * server's logs or a Referer header; the page keeps it per board in local storage, so that a
 * reload, or opening the board from the recent-boards list, still works. "New board" keeps the
 * owner token the same way.
 */
import type { LinkRole } from './roles';
import type { StorageLike } from '../local/storage';

/** What the page may do: `bare` is a link without a token (it edits an open board, else nothing). */
export type PageRole = 'owner' | LinkRole | 'bare';

export interface KeptTokens {
  owner?: string;
  edit?: string;
  view?: string;
}

const TOKEN = /^[A-Za-z0-9_-]{1,128}$/;
const KINDS = ['owner', 'edit', 'view'] as const;

export const keptAccessKey = (boardId: string) => `tabula:access:${boardId}`;

/** The token in a page's fragment (`#edit=...` or `#view=...`), or null. */
export function parseAccessFragment(hash: string): { role: LinkRole; token: string } | null {
  const match = /^#?(edit|view)=([^&]+)$/.exec(hash);
  if (!match) return null;
  const token = decodeURIComponent(match[2]!);
  return TOKEN.test(token) ? { role: match[1] as LinkRole, token } : null;
}

export function readKeptTokens(storage: StorageLike | null, boardId: string): KeptTokens {
  let value: unknown;
  try {
    value = JSON.parse(storage?.getItem(keptAccessKey(boardId)) ?? '{}');
  } catch {
    return {};
  }
  const kept: KeptTokens = {};
  if (typeof value !== 'object' || value === null) return kept;
  for (const kind of KINDS) {
    const token = (value as Record<string, unknown>)[kind];
    if (typeof token === 'string' && TOKEN.test(token)) kept[kind] = token;
  }
  return kept;
}

export function keepTokens(storage: StorageLike | null, boardId: string, tokens: KeptTokens): void {
  storage?.setItem(keptAccessKey(boardId), JSON.stringify(tokens));
}

/** The token of a link (`/b/<id>#edit=<token>`), or undefined. */
export function tokenOfLink(link: string | undefined): string | undefined {
  return link?.includes('#') ? parseAccessFragment(link.slice(link.indexOf('#')))?.token : undefined;
}

/** Keeps a board's links as the server gave them (at creation, or after a reset), with the owner token if given. */
export function keepLinks(storage: StorageLike | null, boardId: string, links: { editLink?: string; viewLink?: string; ownerToken?: string }): void {
  const kept = readKeptTokens(storage, boardId);
  keepTokens(storage, boardId, {
    owner: links.ownerToken ?? kept.owner,
    edit: tokenOfLink(links.editLink) ?? kept.edit,
    view: tokenOfLink(links.viewLink) ?? kept.view,
  });
}

/** What a page opens a board with: the token it connects with, and the role that gives. */
export interface BoardAccess {
  role: PageRole;
  token: string | null;
}

/**
 * The access a page has, from its fragment and what the browser kept (the fragment's token is
 * kept, replacing one of its kind). The strongest token wins: owner, then edit, then view.
 */
export function openBoardAccess(storage: StorageLike | null, boardId: string, hash: string): BoardAccess {
  const kept = readKeptTokens(storage, boardId);
  const fragment = parseAccessFragment(hash);
  if (fragment && kept[fragment.role] !== fragment.token) {
    kept[fragment.role] = fragment.token;
    keepTokens(storage, boardId, kept);
  }
  for (const kind of KINDS) {
    const token = kept[kind];
    if (token) return { role: kind, token };
  }
  return { role: 'bare', token: null };
}

/** After a refusal or a reset, the kept edit and view tokens are useless: forgotten (the owner's stays). */
export function forgetLinkTokens(storage: StorageLike | null, boardId: string): void {
  const kept = readKeptTokens(storage, boardId);
  keepTokens(storage, boardId, kept.owner ? { owner: kept.owner } : {});
}

/** `fetch` for the board's API, with the page's token as `Authorization: Bearer`. */
export function authorizedFetch(token: string | null, fetchImpl: typeof fetch = fetch): typeof fetch {
  if (!token) return fetchImpl;
  return (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    return fetchImpl(input, { ...init, headers });
  };
}
