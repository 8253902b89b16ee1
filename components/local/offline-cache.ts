/**
 * Registers the service worker (public/sw.js) that keeps the app shell in the browser, so that a
 * board page opened before can be reloaded without a network: the page comes from the cache and
 * the board from IndexedDB. Production builds only (a development server's hot reload and a
 * caching worker do not mix).
 *
 * A page loaded before the worker controlled it was not seen by it: the page therefore sends the
 * worker its own URL and the scripts and styles it loaded, to be cached now.
 */
export function registerOfflineCache(): void {
  if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return;
  const sendUrls = (worker: ServiceWorker | null | undefined) => {
    if (!worker) return;
    const assets = performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((url) => url.startsWith(`${location.origin}/_next/static/`));
    worker.postMessage({ type: 'cache-urls', urls: [location.href, ...assets] });
  };
  navigator.serviceWorker
    .register('/sw.js', { scope: '/' })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => sendUrls(registration.active))
    .catch((error: unknown) => console.warn('tabula: offline cache unavailable', error));
}
