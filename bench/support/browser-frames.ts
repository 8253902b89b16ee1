/**
 * What the browser benchmarks (render.ts, opening.ts) measure in a page once a board is open:
 * frame rates while wheel steps pan or zoom the view, and the JS heap after a full collection.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

export interface FrameStats {
  medianFps: number;
  p5Fps: number;
  longFrames: number;
  frames: number;
}

/** Frame rates from requestAnimationFrame timestamps: 1 / median and 1 / 95th-percentile frame time, and frames over 50 ms. */
export function frameStats(timestamps: number[]): FrameStats {
  const gaps = timestamps.slice(1).map((t, i) => t - timestamps[i]!).sort((a, b) => a - b);
  const at = (q: number) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))] ?? Infinity;
  return { medianFps: 1000 / at(0.5), p5Fps: 1000 / at(0.95), longFrames: gaps.filter((gap) => gap > 50).length, frames: gaps.length };
}

/**
 * Dispatches 20 px wheel steps (Ctrl+wheel for `zoom`, sweeping between 100% and 10%) on the
 * element `target` at 60 a second for `seconds`, about the middle of a 1280 x 800 window, and
 * returns the requestAnimationFrame timestamps meanwhile. The zoom is read from
 * `window.__benchZoom()` when the page defines it, else from Tabula's editor.
 */
export async function wheelFrames(page: Page, kind: 'pan' | 'zoom', seconds: number, target = '[data-testid="canvas"]'): Promise<number[]> {
  // tsx compiles the named functions below with a `__name` helper, which a page lacks.
  await page.evaluate('window.__name ??= (fn) => fn');
  return page.evaluate(
    ({ kind, seconds, target }) =>
      new Promise<number[]>((resolve) => {
        const canvas = document.querySelector(target)!;
        const w = window as unknown as { __benchZoom?: () => number; __tabula: { editor: { viewport: { zoom: number } } } };
        const zoomNow = () => (w.__benchZoom ? w.__benchZoom() : w.__tabula.editor.viewport.zoom);
        const stamps: number[] = [];
        let direction = 1;
        const end = performance.now() + seconds * 1000;
        const frame = (t: number) => {
          stamps.push(t);
          if (performance.now() < end) requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
        const timer = setInterval(() => {
          if (performance.now() >= end) {
            clearInterval(timer);
            // Let the last frames land.
            setTimeout(() => resolve(stamps), 100);
            return;
          }
          const zoom = zoomNow();
          if (kind === 'zoom') {
            if (zoom <= 0.1001) direction = -1;
            if (zoom >= 0.999) direction = 1;
          }
          canvas.dispatchEvent(
            new WheelEvent('wheel', { deltaY: 20 * direction, clientX: 640, clientY: 400, ctrlKey: kind === 'zoom', bubbles: true, cancelable: true }),
          );
        }, 1000 / 60);
      }),
    { kind, seconds, target },
  );
}

/**
 * Waits until the page draws frames steadily (30 frames in a row, each within 50 ms of the
 * previous one), at most `timeoutMs`; false if it never did. A page that has painted may still be
 * busy (storing its copy of the board, syncing): frame rates measured then would measure that.
 */
export async function steadyFrames(page: Page, timeoutMs = 60_000): Promise<boolean> {
  await page.evaluate('window.__name ??= (fn) => fn');
  return page.evaluate(
    (timeoutMs) =>
      new Promise<boolean>((resolve) => {
        let inRow = 0;
        let last = performance.now();
        const deadline = last + timeoutMs;
        const step = (t: number) => {
          inRow = t - last < 50 ? inRow + 1 : 0;
          last = t;
          if (inRow >= 30 || t > deadline) resolve(inRow >= 30);
          else requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
    timeoutMs,
  );
}

/** The page's JS heap in MB after a full garbage collection (Chromium's DevTools protocol). */
export async function heapAfterGcMb(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('HeapProfiler.collectGarbage');
    const { usedSize } = await session.send('Runtime.getHeapUsage');
    return usedSize / 1e6;
  } finally {
    await session.detach();
  }
}

/** Builds the app (`next build`) when asked or when this worktree has no build. */
export function ensureNextBuild(root: string, force: boolean): void {
  if (!force && existsSync(path.join(root, '.next/BUILD_ID'))) return;
  console.log('building (next build) ...');
  const result = spawnSync(path.join(root, 'node_modules/.bin/next'), ['build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) throw new Error('next build failed');
}
