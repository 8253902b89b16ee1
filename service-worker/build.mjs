/**
 * Builds the service worker (service-worker/sw.ts) into public/sw.js with the precache manifest of
 * the Next build that just compiled: every file under `.next/static/`, listed by Serwist's
 * `getManifest` and bundled in by esbuild. next.config.js runs it at the end of `next build`'s
 * compilation, so `next build` stays the one build command.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { getManifest } from '@serwist/build';
import { build } from 'esbuild';

/** Static files Next emits (scripts, styles, fonts, images); maps and manifests for servers stay out. */
const STATIC_FILES = 'static/**/*.{js,css,woff,woff2,svg,png,jpg,jpeg,gif,webp,avif,ico}';

/**
 * @param {{ projectDir: string, distDir: string }} build where the project and Next's output are
 * @returns {Promise<{ swPath: string, count: number, size: number }>}
 */
export async function buildServiceWorker({ projectDir, distDir }) {
  const { manifestEntries, count, size, warnings } = await getManifest({
    globDirectory: path.resolve(projectDir, distDir),
    globPatterns: [STATIC_FILES],
    // `.next/static/chunks/x.js` is served at `/_next/static/chunks/x.js`.
    modifyURLPrefix: { '': '/_next/' },
    // Next names them by content (or by build id): the URL is the version, no revision needed.
    dontCacheBustURLsMatching: /^\/_next\/static\//,
  });
  for (const warning of warnings) console.warn(`service worker: ${warning}`);
  if (!manifestEntries || count === 0) throw new Error(`service worker: no files under ${path.join(distDir, 'static')} to precache`);

  const result = await build({
    entryPoints: [path.join(projectDir, 'service-worker', 'sw.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify: true,
    write: false,
    define: {
      'self.__SW_MANIFEST': JSON.stringify(manifestEntries),
      'process.env.NODE_ENV': '"production"',
    },
    logLevel: 'warning',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('service worker: esbuild produced no output');
  const swPath = path.join(projectDir, 'public', 'sw.js');
  await mkdir(path.dirname(swPath), { recursive: true });
  await writeFile(swPath, output.contents);
  console.log(`service worker: public/sw.js precaches ${count} files (${Math.round(size / 1024)} KB)`);
  return { swPath, count, size };
}
