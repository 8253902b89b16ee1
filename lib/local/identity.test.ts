import { describe, expect, it } from 'vitest';
import { guestName, loadIdentity, saveName, USER_ID_KEY, USER_NAME_KEY } from './identity';
import type { StorageLike } from './storage';

function memoryStorage(): StorageLike {
  const data = new Map<string, string>();
  return { getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

describe('identity', () => {
  it('creates a guest identity once and keeps it', () => {
    const storage = memoryStorage();
    const first = loadIdentity(storage);
    expect(first.userId).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(first.name).toMatch(/^Guest \d{4}$/);
    expect(loadIdentity(storage)).toEqual(first);
  });

  it('remembers a new name, trimmed, but not a blank one', () => {
    const storage = memoryStorage();
    loadIdentity(storage);
    saveName(storage, '  Ada  ');
    expect(storage.getItem(USER_NAME_KEY)).toBe('Ada');
    saveName(storage, '   ');
    expect(loadIdentity(storage).name).toBe('Ada');
  });

  it('replaces a malformed stored id', () => {
    const storage = memoryStorage();
    storage.setItem(USER_ID_KEY, '<script>');
    expect(loadIdentity(storage).userId).not.toBe('<script>');
  });

  it('works without storage', () => {
    expect(loadIdentity(null).name).toMatch(/^Guest \d{4}$/);
  });

  it('makes four-digit guest names', () => {
    expect(guestName(() => 0)).toBe('Guest 1000');
    expect(guestName(() => 0.99999)).toBe('Guest 9999');
  });
});
