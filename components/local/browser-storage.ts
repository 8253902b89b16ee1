import type { StorageLike } from '../../lib/local/storage';

/**
 * The browser's local storage, or null where it is unavailable (disabled, sandboxed). Writes that
 * fail (quota, private mode) are dropped: remembering names and boards is a convenience.
 */
export function browserStorage(): StorageLike | null {
  let storage: Storage;
  try {
    storage = window.localStorage;
  } catch {
    return null;
  }
  return {
    getItem: (key) => {
      try {
        return storage.getItem(key);
      } catch {
        return null;
      }
    },
    setItem: (key, value) => {
      try {
        storage.setItem(key, value);
      } catch {
        // Not remembered; the page works on.
      }
    },
  };
}
