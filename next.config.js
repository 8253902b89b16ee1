/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The custom server in server/ serves this app; Next must not bundle server-only packages.
  // Yjs stays outside the server bundle too: the server imports it itself, and a second copy in
  // the pages' bundle would break Yjs's constructor checks (it warns "Yjs was already imported").
  serverExternalPackages: ['classic-level', 'pino', 'yjs'],
  compiler: {
    // The service worker precaches the build's static files, so it is built once they exist.
    // Imported here, not at the top: the server loads this file at every start and needs none of it.
    runAfterProductionCompile: async (build) => {
      const { buildServiceWorker } = await import('./service-worker/build.mjs');
      await buildServiceWorker(build);
    },
  },
};

export default nextConfig;
