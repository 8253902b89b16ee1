/**
 * Access in tests: every test server has an instance admin (ADMIN_TOKEN), so suites about other
 * things can call the API on any board as the admin; suites about access use the tokens a board
 * is created with.
 */
import { TEST_ADMIN_TOKEN } from '../../../e2e/support/access';

export { TEST_ADMIN_TOKEN };

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** fetch on the server's API with `Authorization: Bearer <token>` (the admin's unless given). */
export function apiAs(url: string, token: string | null = TEST_ADMIN_TOKEN) {
  return (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${url}${path}`, { ...init, headers: { ...(token ? bearer(token) : {}), ...(init.headers as Record<string, string> | undefined) } });
}

export interface CreatedBoard {
  id: string;
  ownerToken: string;
  editLink: string;
  viewLink: string;
  editToken: string;
  viewToken: string;
}

/** The token in a link's fragment (`/b/<id>#edit=<token>`). */
export function tokenOf(link: string): string {
  const match = /#(?:edit|view)=([A-Za-z0-9_-]+)$/.exec(link);
  if (!match?.[1]) throw new Error(`not a link with a token: ${link}`);
  return match[1];
}

/** `POST /api/boards` as anyone may; the answer with the links' tokens taken out. */
export async function createBoard(url: string, body?: unknown): Promise<CreatedBoard> {
  const response = await fetch(`${url}/api/boards`, {
    method: 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  if (response.status !== 201) throw new Error(`POST /api/boards answered ${response.status}: ${await response.text()}`);
  const created = (await response.json()) as Omit<CreatedBoard, 'editToken' | 'viewToken'>;
  return { ...created, editToken: tokenOf(created.editLink), viewToken: tokenOf(created.viewLink) };
}
