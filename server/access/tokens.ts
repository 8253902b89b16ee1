/**
 * Capability tokens: HMAC-SHA256 with the server's secret over what the token grants, so they need
 * no storage, cannot be forged without the secret, and survive a restart.
 *
 * - The owner token of a board covers (board, "owner"): it never changes.
 * - Edit and view tokens cover (board, role, the board's link generation): resetting the links
 *   raises the generation, and every token of an earlier one stops working at once.
 *
 * A token is 32 URL-safe characters (192 bits of the MAC), fit for a URL fragment.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { LinkRole } from '../../lib/access/roles';

const TOKEN_BYTES = 24;
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

function mac(secret: string, parts: readonly (string | number)[]): string {
  return createHmac('sha256', secret).update(parts.join('\n')).digest().subarray(0, TOKEN_BYTES).toString('base64url');
}

export function ownerToken(secret: string, boardId: string): string {
  return mac(secret, ['tabula-owner', boardId]);
}

export function linkToken(secret: string, boardId: string, role: LinkRole, generation: number): string {
  return mac(secret, ['tabula-link', boardId, role, generation]);
}

/** Compares two tokens in constant time (for tokens of equal length). */
export function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What a token grants on a board whose links are at `generation`, or null if it grants nothing. */
export function tokenRole(secret: string, boardId: string, generation: number, token: string): 'owner' | LinkRole | null {
  if (!TOKEN_PATTERN.test(token)) return null;
  if (sameToken(token, ownerToken(secret, boardId))) return 'owner';
  if (sameToken(token, linkToken(secret, boardId, 'edit', generation))) return 'edit';
  if (sameToken(token, linkToken(secret, boardId, 'view', generation))) return 'view';
  return null;
}

/** Compares a token with ADMIN_TOKEN in constant time (for tokens of equal length). */
export function isAdminToken(adminToken: string | null, token: string): boolean {
  return adminToken !== null && sameToken(token, adminToken);
}
