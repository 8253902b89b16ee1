/**
 * The production build the end-to-end tests run against: what `next build` reads, and running it
 * (in this project, or in a copy of it: the service worker's upgrade test builds a second version).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

/** What `next build` reads: a change in any of these makes the build stale. */
export const BUILD_INPUT_DIRS = ['app', 'components', 'lib', 'public', 'service-worker', 'styles'];
export const BUILD_INPUT_FILES = [
  'next.config.js',
  'next.config.mjs',
  'next.config.ts',
  'postcss.config.mjs',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
];

/** Runs `next build` in `root`, its output on this process's output; rejects when it fails. */
export function runNextBuild(root: string, nodeModules = path.join(root, 'node_modules')): Promise<void> {
  const next = path.join(nodeModules, '.bin', 'next');
  return new Promise((resolve, reject) => {
    const child = spawn(next, ['build'], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`next build in ${root} failed (${signal ?? `exit code ${code}`}); the end-to-end tests need a production build`));
    });
  });
}
