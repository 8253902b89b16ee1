/**
 * Rendering benchmark: large boards in headless Chromium, measured as the shared benchmarking
 * notes (../shared/BENCHMARKS.md from the repository root) measure Excalidraw.
 *
 *   npx tsx bench/render.ts [--sizes 1000,10000,50000] [--seconds 5] [--opens 3] [--phases] [--build]
 *
 * For each size, a board of mixed shapes on a 20,000 x 20,000 board centred on the origin (half
 * freehand strokes of 50 points; the rest rectangles, ellipses, diamonds, arrows, lines and short
 * texts) is created with `POST /api/boards` (Tabula JSON) on a production server (this worktree's
 * `.next` build, SERVE_UI=true, a temporary DATA_DIR), then opened in Chromium at 1280 x 800:
 *
 * - open to first paint: navigation start to the end of the first frame that paints every shape
 *   (the canvas layer reports its paints), at zoom 100%; `--opens` times, each in a fresh browser
 *   (nothing cached) on a board of its own, on a server that has rendered a page once and is quiet
 *   (the previous open's board unloaded and stored), quoted as
 *   the median and the range. `--phases` adds where that time went (medians;
 *   bench/support/open-phases.ts);
 * - pan: `--seconds` of 20 px wheel steps at 60 a second; zoom: Ctrl+wheel steps sweeping between
 *   100% and 10% about the centre. Frame times are requestAnimationFrame timestamps: the median
 *   and p5 frame rates (1 / median and 1 / 95th-percentile frame time) and frames over 50 ms;
 * - the JS heap after load, and the JavaScript the board page loads (gzipped): the route's
 *   first-load chunks as `next build` lists them (.next/diagnostics/route-bundle-stats.json),
 *   and everything the page fetched before its first paint (the board itself loads on demand).
 *
 * Software rendering (--disable-gpu): compare figures only with others taken the same way.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { loadavg } from 'node:os';
import { CHROMIUM_ARGS, resolveChromium } from '../e2e/support/chromium';
import { TestServer } from '../e2e/support/server';
import { generateBoard } from './render-board';
import { ensureNextBuild, frameStats, wheelFrames } from './support/browser-frames';
import { type OpenPhases, recordOpenPhases } from './support/open-phases';
import { OtherCpuMeter } from './support/other-cpu';
import { createBoard, serverSettled } from './support/tabula-boards';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,50000' },
    seconds: { type: 'string', default: '5' },
    opens: { type: 'string', default: '3' },
    phases: { type: 'boolean', default: false },
    build: { type: 'boolean', default: false },
  },
});
const SIZES = args.sizes.split(',').map(Number);
const SECONDS = Number(args.seconds);
const OPENS = Math.max(1, Number(args.opens));
const ROOT = process.cwd();
const VIEWPORT = { width: 1280, height: 800 };

/** The route's first-load chunks as the build lists them, gzipped. */
function buildFirstLoadKb(): { kb: number; files: number } | null {
  const statsFile = path.join(ROOT, '.next/diagnostics/route-bundle-stats.json');
  if (!existsSync(statsFile)) return null;
  const stats = JSON.parse(readFileSync(statsFile, 'utf8')) as { route: string; firstLoadChunkPaths: string[] }[];
  const route = stats.find((entry) => entry.route === '/b/[boardId]');
  if (!route) return null;
  const bytes = route.firstLoadChunkPaths.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(ROOT, file))).length, 0);
  return { kb: bytes / 1024, files: route.firstLoadChunkPaths.length };
}

/** Opens the board in a fresh browser; resolves at its first full paint. */
async function openBoard(url: string, count: number) {
  // A board of its own for each open: the server loads it from storage, as for its first visitor.
  const editLink = await createBoard(url, JSON.stringify(generateBoard(count)));
  const browser = await chromium.launch({ executablePath: resolveChromium(), args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const jsBytes: number[] = [];
  let painted = false;
  page.on('response', async (response) => {
    if (painted || !response.url().endsWith('.js')) return;
    try {
      jsBytes.push(gzipSync(await response.body()).length);
    } catch {
      // A response without a body (a redirect): nothing to count.
    }
  });
  const openPhases = await recordOpenPhases(page, count);
  await page.goto(`${url}${editLink}`);
  const phases = await openPhases();
  painted = true;
  return { browser, page, phases, pageJsKb: jsBytes.reduce((a, b) => a + b, 0) / 1024, pageJsFiles: jsBytes.length };
}

async function measure(server: TestServer, count: number) {
  const url = server.url;
  const opens: OpenPhases[] = [];
  for (let i = 1; i < OPENS; i++) {
    await serverSettled(server);
    const { browser, phases } = await openBoard(url, count);
    opens.push(phases);
    await browser.close();
  }
  await serverSettled(server);
  const { browser, page, phases, pageJsKb, pageJsFiles } = await openBoard(url, count);
  opens.push(phases);
  try {
    await page.waitForTimeout(500);
    const heapMb = await page.evaluate(() => ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 1e6);
    const pan = frameStats(await wheelFrames(page, 'pan', SECONDS));
    await page.evaluate(() => (window as unknown as { __tabula: { editor: { setViewport(v: object): void } } }).__tabula.editor.setViewport({ x: -640, y: -400, zoom: 1 }));
    await page.waitForTimeout(300);
    const zoom = frameStats(await wheelFrames(page, 'zoom', SECONDS));
    return { opens, heapMb, pan, zoom, pageJsKb, pageJsFiles };
  } finally {
    await browser.close();
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 === 1 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** One row of the phase table: milliseconds since navigation start, medians over the opens. */
function phaseRow(count: number, opens: readonly OpenPhases[]): string {
  const at = (pick: (phases: OpenPhases) => number | null) => {
    const values = opens.map(pick).filter((value): value is number => value !== null);
    return values.length === opens.length ? median(values).toFixed(0) : '-';
  };
  const local = at((p) => p.localOpen);
  return `| ${count.toLocaleString('en')} | ${at((p) => p.html)} | ${at((p) => p.mounted)} | ${local} | ${at((p) => p.socket)} | ${at((p) => p.socketOpen)} | ${at((p) => p.syncSent)} | ${at((p) => p.state)} | ${at((p) => p.decodeMs)} / ${at((p) => p.observersMs)} / ${at((p) => p.cleanupMs)} | ${at((p) => p.applied)} | ${at((p) => p.paintMs)} | ${at((p) => p.firstPaint)} |`;
}

async function main() {
  ensureNextBuild(ROOT, args.build);
  const server = await TestServer.start({ env: { SERVE_UI: 'true', LOG_LEVEL: 'warn' } });
  // Next renders its first page slowly (it loads the route's code): not what a visitor waits for.
  await (await fetch(`${server.url}/b/warm-up`)).text();
  const rows: string[] = [];
  const phaseRows: string[] = [];
  let pageJs = '';
  const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');
  const loadBefore = load();
  try {
    for (const count of SIZES) {
      const meter = new OtherCpuMeter();
      const result = await measure(server, count);
      const otherCpu = meter.stop();
      const f = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '-');
      const paints = result.opens.map((phases) => phases.firstPaint / 1000);
      const range = paints.length > 1 ? ` (${Math.min(...paints).toFixed(2)}-${Math.max(...paints).toFixed(2)})` : '';
      phaseRows.push(phaseRow(count, result.opens));
      rows.push(
        `| ${count.toLocaleString('en')} | ${median(paints).toFixed(2)} s${range} | ${f(result.pan.medianFps)} / ${f(result.pan.p5Fps)} | ${f(result.zoom.medianFps)} / ${f(result.zoom.p5Fps)} | ${result.pan.longFrames} / ${result.zoom.longFrames} | ${f(result.heapMb)} MB | ${f(otherCpu)}% |`,
      );
      pageJs = `${result.pageJsKb.toFixed(0)} KB in ${result.pageJsFiles} files`;
      console.log(`measured ${count} shapes`);
    }
  } finally {
    await server.dispose();
  }
  const build = buildFirstLoadKb();
  console.log(`\nHeadless Chromium (software rendering), ${VIEWPORT.width}x${VIEWPORT.height}, ${SECONDS} s of wheel steps at 60/s`);
  console.log(`First paint: median (range) of ${OPENS} opens. Other processes' CPU: what the rest of the machine used meanwhile (100% = one core).`);
  console.log(`Load average (1, 5, 15 min) before: ${loadBefore}; after: ${load()}\n`);
  console.log('| shapes | open to first paint | pan fps median / p5 | zoom fps median / p5 | frames > 50 ms (pan / zoom) | heap after load | other processes\' CPU |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
  if (args.phases) {
    console.log('\nWhere the open went: ms since navigation start (medians), see bench/support/open-phases.ts\n');
    console.log('| shapes | HTML | board code runs | IndexedDB open | socket created | socket open | sync step 1 sent | state arrives | decode / observers / cleanup ms | applied | paint ms | first paint |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const row of phaseRows) console.log(row);
  }
  console.log(`\nBoard page JavaScript, gzipped: route first-load (next build's route-bundle-stats) ${build ? `${build.kb.toFixed(0)} KB in ${build.files} files` : 'n/a'}; everything fetched before the first paint: ${pageJs}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
