/**
 * Who this browser's user is: a persistent random id (which gives a stable colour and marks the
 * shapes they create) and a display name, both kept in local storage.
 */
import { MAX_NAME_LENGTH } from '../protocol/limits';
import type { StorageLike } from './storage';

export const USER_ID_KEY = 'tabula:user-id';
export const USER_NAME_KEY = 'tabula:user-name';

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export interface Identity {
  userId: string;
  name: string;
}

function randomId(): string {
  let id = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(16))) id += ID_ALPHABET[byte & 63];
  return id;
}

export function guestName(random: () => number = Math.random): string {
  return `Guest ${1000 + Math.floor(random() * 9000)}`;
}

/** Reads the stored identity, creating and storing whatever part is missing. */
export function loadIdentity(storage: StorageLike | null): Identity {
  let userId = storage?.getItem(USER_ID_KEY) ?? '';
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(userId)) {
    userId = randomId();
    storage?.setItem(USER_ID_KEY, userId);
  }
  let name = cleanName(storage?.getItem(USER_NAME_KEY) ?? '');
  if (!name) {
    name = guestName();
    storage?.setItem(USER_NAME_KEY, name);
  }
  return { userId, name };
}

/** A name as published: trimmed and no longer than the server allows. */
export function cleanName(name: string): string {
  return name.trim().slice(0, MAX_NAME_LENGTH);
}

export function saveName(storage: StorageLike | null, name: string): void {
  const cleaned = cleanName(name);
  if (cleaned) storage?.setItem(USER_NAME_KEY, cleaned);
}
