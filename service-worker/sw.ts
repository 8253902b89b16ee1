/**
 * Tabula's service worker: keeps the app shell so that a board opened before reloads offline (the
 * page from here, the board itself from IndexedDB through y-indexeddb). Built by
 * `service-worker/build.mjs` at the end of `next build`, which puts the build's precache manifest
 * in place of `self.__SW_MANIFEST` and writes `public/sw.js`.
 *
 * - `/_next/static/` (content-hashed): precached at install, served cache first. The precache holds
 *   exactly the current build's files: activation deletes the entries of earlier builds.
 * - Board pages and the home page: network first, so that a deploy shows at once; each page that
 *   loads is kept and served from the cache when the network fails. On activation the kept pages
 *   are fetched again, so that they name the new build's chunks, not the deleted ones.
 * - Everything else (the API, sockets, other origins) is not touched.
 */
import { type PrecacheEntry, type RouteMatchCallbackOptions, ExpirationPlugin, NetworkFirst, Serwist } from 'serwist';

declare const self: ServiceWorkerGlobalScope & { __SW_MANIFEST: (PrecacheEntry | string)[] | undefined };

/** The worker's two caches; activation deletes any other (an earlier worker's). */
const PRECACHE = 'tabula-precache';
const PAGES_CACHE = 'tabula-pages';
/** Boards kept for offline reloads: the most recently used ones. */
const MAX_PAGES = 50;

const BOARD_PATH = /^\/b\/[A-Za-z0-9_-]{1,64}$/;
const isPage = (url: URL): boolean => url.pathname === '/' || BOARD_PATH.test(url.pathname);

/** One entry per page, whatever the query string. */
const pageKey = (href: string): string => {
  const url = new URL(href);
  url.search = '';
  url.hash = '';
  return url.href;
};

/**
 * Navigations, and the page's own request to be kept (a `CACHE_URLS` message: the page was loaded
 * before this worker controlled it). Next's in-app route fetches (RSC payloads) go to the network.
 */
const pageRequest = ({ url, sameOrigin, request, event }: RouteMatchCallbackOptions): boolean =>
  sameOrigin && isPage(url) && (request.mode === 'navigate' || event.type === 'message');

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  precacheOptions: { cacheName: PRECACHE },
  skipWaiting: true,
  clientsClaim: true,
  runtimeCaching: [
    {
      matcher: pageRequest,
      handler: new NetworkFirst({
        cacheName: PAGES_CACHE,
        matchOptions: { ignoreVary: true },
        plugins: [
          { cacheKeyWillBeUsed: async ({ request }) => pageKey(request.url) },
          new ExpirationPlugin({ maxEntries: MAX_PAGES }),
        ],
      }),
    },
  ],
});

/**
 * Fetches every kept page again (from this worker's caches and from an earlier worker's) into the
 * pages cache, then deletes every cache that is not this worker's: a page kept by an earlier build
 * would load chunks that are gone from the precache.
 */
async function renewPagesAndDropOldCaches(): Promise<void> {
  const current = new Set([PRECACHE, PAGES_CACHE]);
  const names = await caches.keys();
  const pages = new Set<string>();
  for (const name of names) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const url = new URL(request.url);
      if (url.origin === self.location.origin && isPage(url)) pages.add(pageKey(request.url));
    }
  }
  const pagesCache = await caches.open(PAGES_CACHE);
  await Promise.all(
    [...pages].map(async (href) => {
      try {
        const response = await fetch(href, { credentials: 'same-origin' });
        if (response.ok) await pagesCache.put(href, response);
        else await pagesCache.delete(href);
      } catch {
        // Offline: the next visit with a network keeps the page again.
      }
    }),
  );
  await Promise.all(names.filter((name) => !current.has(name)).map((name) => caches.delete(name)));
}

self.addEventListener('activate', (event) => event.waitUntil(renewPagesAndDropOldCaches()));
serwist.addEventListeners();
