/*
 * Tabula's service worker: keeps the app shell so that a board opened before reloads offline.
 *
 * - Board pages and the home page (navigations): network first, so that a deploy shows at once;
 *   each page that loads is kept, and served from the cache when the network fails.
 * - /_next/static/ (content-hashed, immutable): cache first.
 * - Everything else (the API, sockets, other origins) is not touched.
 *
 * The board itself comes from IndexedDB (y-indexeddb), not from here. A new version of this file
 * changes CACHE, and activation deletes the older caches.
 */
const CACHE = 'tabula-shell-v1';
const STATIC_PREFIX = '/_next/static/';

const isPage = (url) => url.pathname === '/' || /^\/b\/[A-Za-z0-9_-]{1,64}$/.test(url.pathname);
const pageKey = (url) => url.origin + url.pathname;

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

/** The page sends what it loaded before this worker controlled it. */
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'cache-urls' || !Array.isArray(data.urls)) return;
  event.waitUntil(cacheUrls(data.urls.filter((url) => typeof url === 'string').slice(0, 200)));
});

async function cacheUrls(urls) {
  const cache = await caches.open(CACHE);
  await Promise.all(
    urls.map(async (href) => {
      try {
        const url = new URL(href);
        if (url.origin !== self.location.origin) return;
        if (url.pathname.startsWith(STATIC_PREFIX)) {
          if (await cache.match(url.href)) return;
          const response = await fetch(url.href);
          if (response.ok) await cache.put(url.href, response);
        } else if (isPage(url)) {
          const response = await fetch(url.href, { credentials: 'same-origin' });
          if (response.ok) await cache.put(pageKey(url), response);
        }
      } catch {
        // Offline or gone: nothing to keep.
      }
    }),
  );
}

async function networkFirst(request, url) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(pageKey(url), response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(pageKey(url), { ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && isPage(url)) event.respondWith(networkFirst(request, url));
  else if (url.pathname.startsWith(STATIC_PREFIX)) event.respondWith(cacheFirst(request));
});
