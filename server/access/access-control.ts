/**
 * The one module that decides who may do what on a board. Every path asks it once per request or
 * connection, with the token it came with: REST (`Authorization: Bearer`), Socket.IO (handshake
 * `auth.token`) and /yjs (`?token=`). See lib/access/roles.ts for the roles and rights.
 *
 * - An invite board (every board created through `POST /api/boards`) grants nothing without a
 *   token; an open board (stored before access existed, or an id opened by hand) lets a bare link
 *   edit, and its owner is the instance admin.
 * - Tokens are HMACs (tokens.ts) with the server secret: AUTH_SECRET, or one created once and kept
 *   in the store, so every instance on one database agrees and tokens outlive a restart.
 * - Open connections are tracked: resetting a board's links closes those opened with a token of
 *   the old generation at once on this instance, and within ACCESS_RECHECK_MS on the others (each
 *   instance rereads the generation of its boards that have connections on a link token).
 */
import { randomBytes } from 'node:crypto';
import { boardLink, type Role, type Right, roleAllows } from '../../lib/access/roles';
import type { ProtocolErrorCode } from '../../lib/protocol';
import type { Logger } from '../log';
import type { DocStore } from '../store/doc-store';
import { isAdminToken, linkToken, ownerToken, tokenRole } from './tokens';

/**
 * `generation`: the board's link generation now; `viaLink`: whether the role came from an edit or
 * view token of that generation (and goes away when the links are reset). A bare link on an open
 * board, the owner token and the admin token do not depend on the links.
 */
export type AccessDecision = { ok: true; role: Role; generation: number; viaLink: boolean } | { ok: false; status: 401 | 403; reason: string };

export const NO_ACCESS_REASON = 'this link lacks access to the board: ask its owner for an edit or view-only link';
export const BAD_TOKEN_REASON = 'this link is not valid for the board: it may have been reset, ask its owner for a new one';
export const LINK_RESET_REASON = "the board's owner reset its links: ask them for a new one";

export interface BoardLinks {
  editLink: string;
  viewLink: string;
}

/** A connection that stays open after its handshake, closed again if its right goes away. */
export interface TrackedConnection {
  boardId: string;
  generation: number;
  viaLink: boolean;
  close(code: ProtocolErrorCode, message: string): void;
}

/** The HTTP status's counterpart for a socket's refusal. */
export const refusalCode = (status: 401 | 403): ProtocolErrorCode => (status === 401 ? 'unauthorized' : 'forbidden');

export class AccessControl {
  private readonly connections = new Map<string, Set<TrackedConnection>>();
  private readonly timer: ReturnType<typeof setInterval>;
  private rechecking = false;

  private constructor(
    private readonly store: DocStore,
    private readonly secret: string,
    private readonly adminToken: string | null,
    recheckMs: number,
    private readonly log: Logger,
  ) {
    this.timer = setInterval(() => void this.recheck(), recheckMs);
    this.timer.unref();
  }

  static async open(store: DocStore, options: { secret: string | null; adminToken: string | null; recheckMs: number }, log: Logger): Promise<AccessControl> {
    const secret = options.secret ?? (await store.keepSecret(randomBytes(32).toString('base64url')));
    return new AccessControl(store, secret, options.adminToken, options.recheckMs, log);
  }

  /** The role a token (null: none) grants on a board, or why it grants nothing. */
  async decide(boardId: string, token: string | null): Promise<AccessDecision> {
    const record = (await this.store.readAccess(boardId)) ?? { mode: 'open', generation: 0 };
    if (!token) {
      return record.mode === 'open'
        ? { ok: true, role: 'edit', generation: record.generation, viaLink: false }
        : { ok: false, status: 401, reason: NO_ACCESS_REASON };
    }
    if (isAdminToken(this.adminToken, token)) return { ok: true, role: 'admin', generation: record.generation, viaLink: false };
    const role = tokenRole(this.secret, boardId, record.generation, token);
    if (!role) return { ok: false, status: 401, reason: BAD_TOKEN_REASON };
    return { ok: true, role, generation: record.generation, viaLink: role !== 'owner' };
  }

  /** `decide`, then whether the role has the right (403 if not). */
  async authorize(boardId: string, token: string | null, right: Right): Promise<AccessDecision> {
    const decision = await this.decide(boardId, token);
    if (!decision.ok || roleAllows(decision.role, right)) return decision;
    const needs = right === 'own' ? "the board's owner" : 'an edit link';
    return { ok: false, status: 403, reason: `a ${decision.role} link cannot do this: it takes ${needs}` };
  }

  /** Makes a new board an invite board; answers its owner token and links. */
  async createInvite(boardId: string): Promise<BoardLinks & { ownerToken: string }> {
    await this.store.createAccess(boardId, { mode: 'invite', generation: 1 });
    return { ownerToken: ownerToken(this.secret, boardId), ...this.linksAt(boardId, 1) };
  }

  /** The links a role may hand on: both for editors and owners, the view-only one for viewers. */
  linksFor(boardId: string, decision: { role: Role; generation: number }): Partial<BoardLinks> {
    const links = this.linksAt(boardId, decision.generation);
    return roleAllows(decision.role, 'edit') ? links : { viewLink: links.viewLink };
  }

  /** New edit and view tokens; connections opened with the old ones are closed. */
  async resetLinks(boardId: string): Promise<BoardLinks> {
    const record = await this.store.resetLinks(boardId);
    this.closeStale(boardId, record.generation);
    return this.linksAt(boardId, record.generation);
  }

  /** Follows a connection until the returned function is called (when it closes). */
  track(connection: TrackedConnection): () => void {
    let set = this.connections.get(connection.boardId);
    if (!set) this.connections.set(connection.boardId, (set = new Set()));
    set.add(connection);
    return () => {
      set.delete(connection);
      if (set.size === 0 && this.connections.get(connection.boardId) === set) this.connections.delete(connection.boardId);
    };
  }

  close(): void {
    clearInterval(this.timer);
  }

  private linksAt(boardId: string, generation: number): BoardLinks {
    return {
      editLink: boardLink(boardId, 'edit', linkToken(this.secret, boardId, 'edit', generation)),
      viewLink: boardLink(boardId, 'view', linkToken(this.secret, boardId, 'view', generation)),
    };
  }

  private closeStale(boardId: string, generation: number): void {
    for (const connection of [...(this.connections.get(boardId) ?? [])]) {
      if (connection.viaLink && connection.generation !== generation) {
        connection.close('link-reset', LINK_RESET_REASON);
      }
    }
  }

  /** Resets made on other instances: reread the generation of boards with link connections. */
  private async recheck(): Promise<void> {
    if (this.rechecking) return;
    this.rechecking = true;
    try {
      for (const [boardId, set] of [...this.connections]) {
        if (![...set].some((connection) => connection.viaLink)) continue;
        const record = await this.store.readAccess(boardId);
        this.closeStale(boardId, record?.generation ?? 0);
      }
    } catch (error) {
      this.log.warn({ err: error }, 'could not recheck access of open connections');
    } finally {
      this.rechecking = false;
    }
  }
}
