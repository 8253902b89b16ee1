/**
 * Registers the service worker (public/sw.js, built from service-worker/sw.ts by `next build`)
 * that keeps the app shell in the browser, so that a board page opened before can be reloaded
 * without a network: the page comes from the cache and the board from IndexedDB. Production builds
 * only (a development server's hot reload and a caching worker do not mix).
 *
 * The worker precaches the build's scripts and styles when it installs. The page that registers
 * it was loaded before the worker controlled it, so the page asks the worker to keep the page
 * itself (Serwist's `CACHE_URLS` message).
 */
import { whenIdle } from './when-idle';

function registerOfflineCache(): void {
  if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker
    .register('/sw.js', { scope: '/' })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => registration.active?.postMessage({ type: 'CACHE_URLS', payload: { urlsToCache: [location.href] } }))
    .catch((error: unknown) => console.warn('tabula: offline cache unavailable', error));
}

/** Register at the latest this long after the page opened, synced or not. */
const REGISTER_AT_LATEST_MS = 10_000;

/**
 * Registers the offline cache once the board is shown (`shown`), when the page is idle. The
 * worker's start and its downloads of every script would otherwise compete with opening the
 * board, for the network, the server and the CPU; the cache only serves the next visit.
 * Returns a function that cancels a registration not yet made.
 */
export function registerOfflineCacheAfter(shown: Promise<void>): () => void {
  let cancelled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const latest = new Promise<void>((resolve) => (timer = setTimeout(resolve, REGISTER_AT_LATEST_MS)));
  void Promise.race([shown, latest]).then(() => {
    const register = () => {
      if (!cancelled) registerOfflineCache();
    };
    whenIdle(register, 2_000);
  });
  return () => {
    cancelled = true;
    clearTimeout(timer);
  };
}
