/**
 * Who may do what on a board (the outside contract's "Access"): the roles a token grants, and the
 * right each action needs. Shared by the server, which enforces them, and the page, which offers
 * only what the person may do.
 *
 * - `view`: read the board and take part in presence (cursor, name); no document change.
 * - `edit`: everything a board offers to people drawing on it.
 * - `owner`: also delete the board, reset its links and restore versions.
 * - `admin` (server only, ADMIN_TOKEN): the owner of every board.
 */
export type LinkRole = 'edit' | 'view';
export type Role = 'admin' | 'owner' | LinkRole;

/** What an action needs. */
export type Right = 'read' | 'edit' | 'own';

const RANK: Record<Role, number> = { view: 0, edit: 1, owner: 2, admin: 3 };
const NEEDED: Record<Right, number> = { read: 0, edit: 1, own: 2 };

export function roleAllows(role: Role, right: Right): boolean {
  return RANK[role] >= NEEDED[right];
}

/** A board's link to a page: the token travels in the URL fragment, never to the server's logs. */
export function boardLink(boardId: string, role: LinkRole, token: string | null): string {
  return token ? `/b/${boardId}#${role}=${token}` : `/b/${boardId}`;
}
