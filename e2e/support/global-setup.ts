/**
 * Before the end-to-end tests: says which browsers (or specs in a browser) do not run and why, and
 * runs the production build once, unless `.next` is newer than every input of the build.
 * `E2E_FORCE_BUILD=1` (or `CI`) always builds; `E2E_SKIP_BUILD=1` never does.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { browserTargets, notRunLines } from './browsers';
import { BUILD_INPUT_DIRS, BUILD_INPUT_FILES, runNextBuild } from './next-build';

const ROOT = process.cwd();
const BUILD_ID = path.join(ROOT, '.next', 'BUILD_ID');

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (child === 'node_modules' || child.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

function buildIsFresh(): boolean {
  if (!existsSync(BUILD_ID)) return false;
  const built = statSync(BUILD_ID).mtimeMs;
  const inputs = [...BUILD_INPUT_DIRS, ...BUILD_INPUT_FILES].map((entry) => newestMtime(path.join(ROOT, entry)));
  return inputs.every((mtime) => mtime < built);
}

export default async function globalSetup(): Promise<void> {
  for (const line of notRunLines(browserTargets())) console.log(`[e2e] ${line}`);
  if (process.env.E2E_SKIP_BUILD === '1') {
    if (!existsSync(BUILD_ID)) throw new Error('E2E_SKIP_BUILD=1, but there is no build in .next: run `npm run build` first');
    console.log('[e2e] E2E_SKIP_BUILD=1: using the existing build in .next');
    return;
  }
  const force = process.env.E2E_FORCE_BUILD === '1' || Boolean(process.env.CI);
  if (!force && buildIsFresh()) {
    console.log('[e2e] .next is newer than its sources: skipping `next build`');
    return;
  }
  console.log('[e2e] running `next build` for the end-to-end tests');
  const started = Date.now();
  await runNextBuild(ROOT);
  console.log(`[e2e] build done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
