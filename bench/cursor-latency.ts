/**
 * Cursor delay between two real browsers on loopback: A's pointer sweeps across the canvas at
 * 60 moves a second (one new position per move); B records when each position arrives in its
 * presence state and when its drawn cursor reaches it. Prints p50 and p95 of both delays from A's
 * `pointermove` event:
 *
 * - "state": until B's session has a cursor position at or past it (A's throttle to under
 *   30 sends a second, the server's fan-out tick, the sockets);
 * - "drawn": until B's cursor element is drawn there (plus the glide that smooths the motion).
 *
 *   npx tsx bench/cursor-latency.ts [--moves 1000] [--runs 1]
 *
 * Needs a production build in .next (`npx next build`, or any e2e run) and Chromium (the same one
 * the e2e tests use). Timestamps are `performance.timeOrigin + performance.now()` in each page,
 * comparable across processes on one machine.
 */
import { randomBytes } from 'node:crypto';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, resolveChromium } from '../e2e/support/chromium';
import { BenchServer } from './support/server-process';
import { percentile } from './support/stats';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const MOVES = arg('moves', 1000);
const RUNS = arg('runs', 1);
const MOVE_MS = 1000 / 60;
const START_X = 100;
const Y = 400;

async function openBoard(page: Page, url: string, boardId: string): Promise<void> {
  await page.goto(`${url}/b/${boardId}`);
  await page.getByTestId('connection-status').filter({ hasText: 'Connected' }).waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => Boolean(window.__tabula));
}

async function runOnce(url: string): Promise<{ state: number[]; drawn: number[] }> {
  const browser = await chromium.launch({ executablePath: resolveChromium(), args: CHROMIUM_ARGS });
  try {
    const boardId = `bench_${randomBytes(9).toString('base64url')}`;
    const [a, b] = await Promise.all([browser.newContext({ viewport: { width: 1280, height: 800 } }), browser.newContext({ viewport: { width: 1280, height: 800 } })]);
    // tsx compiles with esbuild's keepNames, whose `__name` helper ends up in evaluated functions.
    for (const context of [a, b]) await context.addInitScript('globalThis.__name = (target) => target;');
    const pageA = await a.newPage();
    const pageB = await b.newPage();
    await openBoard(pageA, url, boardId);
    await openBoard(pageB, url, boardId);

    // A: the time of each pointermove, by position. B: when each position arrived, and when the
    // drawn cursor got there (checked every frame).
    await pageA.evaluate(() => {
      const log: [number, number][] = [];
      (window as unknown as { moves: typeof log }).moves = log;
      window.addEventListener('pointermove', (event) => log.push([performance.timeOrigin + performance.now(), event.clientX]), { capture: true });
    });
    await pageB.evaluate(() => {
      const arrived: [number, number][] = [];
      const drawn: [number, number][] = [];
      Object.assign(window, { arrived, drawn });
      window.__tabula!.onPeers(() => {
        const cursor = window.__tabula!.peers()[0]?.cursor;
        const last = arrived.at(-1)?.[1];
        if (cursor && cursor.x !== last) arrived.push([performance.timeOrigin + performance.now(), cursor.x]);
      });
      const frame = () => {
        const element = document.querySelector('[data-testid="remote-cursor"]');
        if (element) {
          const x = element.getBoundingClientRect().left;
          if (x !== drawn.at(-1)?.[1]) drawn.push([performance.timeOrigin + performance.now(), x]);
        }
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });

    await pageA.mouse.move(START_X - 50, Y);
    await pageA.waitForTimeout(500);
    const start = performance.now();
    for (let i = 0; i < MOVES; i++) {
      await pageA.mouse.move(START_X + i, Y);
      const wait = start + (i + 1) * MOVE_MS - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    await pageA.waitForTimeout(1000);

    const moves = await pageA.evaluate(() => (window as unknown as { moves: [number, number][] }).moves);
    const { arrived, drawn } = await pageB.evaluate(() => {
      const { arrived, drawn } = window as unknown as { arrived: [number, number][]; drawn: [number, number][] };
      return { arrived, drawn };
    });
    // The first time a series reaches (or passes) x: positions only grow during the sweep.
    const reach = (series: [number, number][], x: number) => series.find(([, value]) => value >= x - 0.5)?.[0];
    const state: number[] = [];
    const drawnDelays: number[] = [];
    for (const [at, x] of moves) {
      if (x < START_X) continue;
      const got = reach(arrived, x);
      const shown = reach(drawn, x);
      if (got !== undefined) state.push(got - at);
      if (shown !== undefined) drawnDelays.push(shown - at);
    }
    return { state, drawn: drawnDelays };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const server = await BenchServer.start({ ui: true });
  try {
    for (let run = 1; run <= RUNS; run++) {
      const { state, drawn } = await runOnce(server.url);
      const s = [...state].sort((x, y) => x - y);
      const d = [...drawn].sort((x, y) => x - y);
      const row = {
        run,
        samples: s.length,
        'state p50 ms': percentile(s, 50).toFixed(1),
        'state p95 ms': percentile(s, 95).toFixed(1),
        'drawn p50 ms': percentile(d, 50).toFixed(1),
        'drawn p95 ms': percentile(d, 95).toFixed(1),
      };
      console.log(JSON.stringify(row));
    }
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
