import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { roleAllows } from '../../lib/access/roles';
import { silentLogger } from '../log';
import { LevelDocStore } from '../store/level-store';
import { AccessControl, BAD_TOKEN_REASON, NO_ACCESS_REASON, type TrackedConnection } from './access-control';
import { linkToken, ownerToken, tokenRole } from './tokens';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const ADMIN = 'the-admin-token-of-this-instance';
const tokenIn = (link: string) => link.slice(link.indexOf('=') + 1);

describe('tokens', () => {
  it('grant the role they were made for, on their board and link generation only', () => {
    expect(tokenRole(SECRET, 'b1', 1, ownerToken(SECRET, 'b1'))).toBe('owner');
    expect(tokenRole(SECRET, 'b1', 1, linkToken(SECRET, 'b1', 'edit', 1))).toBe('edit');
    expect(tokenRole(SECRET, 'b1', 1, linkToken(SECRET, 'b1', 'view', 1))).toBe('view');
    expect(tokenRole(SECRET, 'b2', 1, linkToken(SECRET, 'b1', 'edit', 1))).toBeNull();
    expect(tokenRole(SECRET, 'b1', 2, linkToken(SECRET, 'b1', 'edit', 1))).toBeNull();
    // The owner token does not depend on the generation: a reset keeps the owner in.
    expect(tokenRole(SECRET, 'b1', 7, ownerToken(SECRET, 'b1'))).toBe('owner');
  });

  it('cannot be made without the secret, and are URL-safe', () => {
    const token = linkToken(SECRET, 'b1', 'edit', 1);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(tokenRole(SECRET, 'b1', 1, linkToken(`${SECRET}x`, 'b1', 'edit', 1))).toBeNull();
    const flipped = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
    expect(tokenRole(SECRET, 'b1', 1, flipped)).toBeNull();
    expect(tokenRole(SECRET, 'b1', 1, '')).toBeNull();
    expect(tokenRole(SECRET, 'b1', 1, `${token}x`)).toBeNull();
  });
});

describe('roles', () => {
  it('view reads, edit edits, the owner and the admin own', () => {
    expect(['read', 'edit', 'own'].map((right) => roleAllows('view', right as never))).toEqual([true, false, false]);
    expect(['read', 'edit', 'own'].map((right) => roleAllows('edit', right as never))).toEqual([true, true, false]);
    expect(['read', 'edit', 'own'].map((right) => roleAllows('owner', right as never))).toEqual([true, true, true]);
    expect(['read', 'edit', 'own'].map((right) => roleAllows('admin', right as never))).toEqual([true, true, true]);
  });
});

describe('AccessControl on a real store', () => {
  let dir: string;
  let store: LevelDocStore;
  let access: AccessControl;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tabula-access-'));
    store = await LevelDocStore.open(dir);
    access = await AccessControl.open(store, { secret: null, adminToken: ADMIN, recheckMs: 1000 }, silentLogger);
  });
  afterEach(async () => {
    access.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a new board is an invite board: a bare link gets 401, its tokens their roles', async () => {
    const created = await access.createInvite('new');
    expect(created.editLink).toMatch(/^\/b\/new#edit=[A-Za-z0-9_-]{32}$/);
    expect(created.viewLink).toMatch(/^\/b\/new#view=[A-Za-z0-9_-]{32}$/);
    expect(await access.decide('new', null)).toEqual({ ok: false, status: 401, reason: NO_ACCESS_REASON });
    expect(await access.decide('new', created.ownerToken)).toMatchObject({ ok: true, role: 'owner' });
    expect(await access.decide('new', tokenIn(created.editLink))).toMatchObject({ ok: true, role: 'edit' });
    expect(await access.decide('new', tokenIn(created.viewLink))).toMatchObject({ ok: true, role: 'view' });
    expect(await access.decide('new', 'nonsense')).toEqual({ ok: false, status: 401, reason: BAD_TOKEN_REASON });
    expect(await access.decide('new', ADMIN)).toMatchObject({ ok: true, role: 'admin' });
    // Another board's token grants nothing here.
    const other = await access.createInvite('other');
    expect(await access.decide('new', other.ownerToken)).toMatchObject({ ok: false, status: 401 });
  });

  it('a board without a record (stored before access existed) is open: a bare link edits, the admin owns it', async () => {
    expect(await access.decide('old', null)).toMatchObject({ ok: true, role: 'edit' });
    expect(await access.authorize('old', null, 'own')).toMatchObject({ ok: false, status: 403 });
    expect(await access.authorize('old', ADMIN, 'own')).toMatchObject({ ok: true, role: 'admin' });
    // It has view-only links too.
    const links = access.linksFor('old', { role: 'admin', generation: 0 });
    expect(await access.decide('old', tokenIn(links.viewLink!))).toMatchObject({ ok: true, role: 'view' });
  });

  it('refuses a right the role lacks with 403 and the reason', async () => {
    const created = await access.createInvite('b');
    expect(await access.authorize('b', tokenIn(created.viewLink), 'edit')).toMatchObject({ ok: false, status: 403, reason: expect.stringContaining('view') });
    expect(await access.authorize('b', tokenIn(created.editLink), 'own')).toMatchObject({ ok: false, status: 403, reason: expect.stringContaining('owner') });
    expect(await access.authorize('b', tokenIn(created.editLink), 'edit')).toMatchObject({ ok: true });
  });

  it('resetting the links makes new ones, refuses the old and closes the connections opened with them', async () => {
    const created = await access.createInvite('b');
    const closed: string[] = [];
    const connection = (name: string, viaLink: boolean): TrackedConnection => ({
      boardId: 'b',
      generation: 1,
      viaLink,
      close: (code) => closed.push(`${name}:${code}`),
    });
    const untrack = [access.track(connection('edit', true)), access.track(connection('view', true)), access.track(connection('owner', false))];
    const reset = await access.resetLinks('b');
    expect(reset.editLink).not.toBe(created.editLink);
    expect(closed.sort()).toEqual(['edit:link-reset', 'view:link-reset']);
    expect(await access.decide('b', tokenIn(created.editLink))).toMatchObject({ ok: false, status: 401 });
    expect(await access.decide('b', tokenIn(created.viewLink))).toMatchObject({ ok: false, status: 401 });
    expect(await access.decide('b', tokenIn(reset.editLink))).toMatchObject({ ok: true, role: 'edit', generation: 2 });
    expect(await access.decide('b', created.ownerToken)).toMatchObject({ ok: true, role: 'owner' });
    for (const stop of untrack) stop();
  });

  it('the secret is kept in the store: tokens hold across a restart', async () => {
    const created = await access.createInvite('b');
    access.close();
    await store.close();
    store = await LevelDocStore.open(dir);
    access = await AccessControl.open(store, { secret: null, adminToken: null, recheckMs: 1000 }, silentLogger);
    expect(await access.decide('b', tokenIn(created.editLink))).toMatchObject({ ok: true, role: 'edit' });
    expect(await access.decide('b', null)).toMatchObject({ ok: false, status: 401 });
  });

  it('AUTH_SECRET, when set, signs instead of the kept secret', async () => {
    const created = await access.createInvite('b');
    const configured = await AccessControl.open(store, { secret: SECRET, adminToken: null, recheckMs: 1000 }, silentLogger);
    expect(await configured.decide('b', created.ownerToken)).toMatchObject({ ok: false, status: 401 });
    expect(await configured.decide('b', ownerToken(SECRET, 'b'))).toMatchObject({ ok: true, role: 'owner' });
    configured.close();
  });
});
