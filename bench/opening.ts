/**
 * Opening a large board: Tabula beside Excalidraw, in one run, on the same drawing.
 *
 *   npx tsx bench/opening.ts [--sizes 1000,10000,50000,100000] [--opens 3] [--seconds 5] [--build]
 *
 * The drawing is the rendering benchmark's (bench/render-board.ts: a 20,000 x 20,000 board centred
 * on the origin, half freehand strokes of 50 points, the rest rectangles, ellipses, diamonds,
 * arrows, lines and short texts), written as an .excalidraw file (bench/opening-drawing.ts) that
 * Excalidraw 0.18 opens as a static file in a page of its own (bench/excalidraw-page, installed
 * and bundled on the first run, served from loopback), and that Tabula's own importer converts
 * into the Tabula JSON sent to `POST /api/boards` (a production server: this worktree's `.next`
 * build, the embedded store in a temporary directory). Both open at zoom 100% with the origin in
 * the middle of a 1280 x 800 window, headless Chromium, software rendering.
 *
 * For each size the two programs take turns (Tabula first in odd rounds, Excalidraw first in
 * even ones), `--opens` rounds each. One open of a program is:
 * - cold: a fresh browser (empty profile, nothing cached); for Tabula a board of its own created
 *   just before, on a quiet server that has never loaded it (the previous board unloaded and
 *   stored, its CPU settled);
 * - then the JS heap after a full garbage collection (DevTools protocol), one second after the
 *   paint (the page has written what it writes once idle, e.g. Tabula's IndexedDB copy);
 * - warm: the cold tab closed, 2 s later a new tab in the same browser opens the same address:
 *   the HTTP cache, and Tabula's IndexedDB copy and service worker, are kept; Tabula's server holds
 *   the board in memory (the benchmark's server unloads a board only ROOM_IDLE_UNLOAD_MS = 10 s
 *   after its last visitor leaves; checked: the server's tabula_boards_in_memory is 0 before a
 *   cold open and 1 before a warm one, and the summary says if an open was otherwise).
 *   Excalidraw's page keeps nothing of its own; its files and the drawing come from the cache.
 * The time of an open is from navigation start to the end of the first paint with every element:
 * - Tabula: the first moment its screen shows every shape in view: the server's first view
 *   (components/board/first-view.ts) if it drew as many shapes as the page's own shape index
 *   finds in that view once it has the board, else the first static-layer paint once the shape
 *   index holds every shape (the canvas layer reports its paints; bench/support/open-phases.ts).
 *   The canvas's own first full paint is printed beside it;
 * - Excalidraw: the first static-canvas draw once the scene holds every element
 *   (bench/excalidraw-page/src/main.tsx says how it is caught).
 * Both draw only what is in view, so these are the times to a complete first screen.
 *
 * In the last round the warm tab, once it draws frames steadily (30 in a row within 50 ms each: a
 * page that has painted may still be storing or syncing the board), measures `--seconds` of 20 px
 * wheel pans and of Ctrl+wheel zooms between 100% and 10% about the middle (each program's own
 * response to a 20 px step: Tabula 4.5% a step, Excalidraw 0.1 a step): frame rate median and p5
 * (1 / 95th-percentile frame time) from requestAnimationFrame, and frames over 50 ms.
 *
 * It prints, per size and program, the medians and ranges, the ratio Tabula / Excalidraw of each
 * median (under 1: Tabula faster or smaller; over 1 for frame rates: Tabula smoother), the load
 * average before and after each size, what the rest of the machine used meanwhile, and where
 * Tabula's opens went (the phases of bench/support/open-phases.ts, medians, cold and warm);
 * with BENCH_PHASES=1 also each open's phases as it ends.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { type Browser, chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, resolveChromium } from '../e2e/support/chromium';
import { TestServer } from '../e2e/support/server';
import { excalidrawDrawing, tabulaBoardOf } from './opening-drawing';
import { ensureNextBuild, type FrameStats, frameStats, heapAfterGcMb, steadyFrames, wheelFrames } from './support/browser-frames';
import { buildExcalidrawPage, ExcalidrawPeer, excalidrawPaint } from './support/excalidraw-peer';
import { everyShapeShown, type OpenPhases, recordOpenPhases } from './support/open-phases';
import { OtherCpuMeter } from './support/other-cpu';
import { median, sleep } from './support/stats';
import { boardsInMemory, createBoard, serverSettled } from './support/tabula-boards';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,50000,100000' },
    opens: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
    build: { type: 'boolean', default: false },
  },
});
const SIZES = args.sizes.split(',').map(Number);
const OPENS = Math.max(1, Number(args.opens));
const SECONDS = Number(args.seconds);
const VIEWPORT = { width: 1280, height: 800 };
/** How long the benchmark's server keeps a board nobody is on: long enough for the warm open. */
const IDLE_UNLOAD_MS = 10_000;
/** Between closing the cold tab and the warm open. */
const WARM_PAUSE_MS = 2_000;
const PROGRAMS = ['Tabula', 'Excalidraw'] as const;
type Program = (typeof PROGRAMS)[number];

interface Figures {
  /** Opens whose server did not hold the board as the definition says (see the header). */
  offDefinition: number;
  cold: number[];
  warm: number[];
  /** Where Tabula's opens went (bench/support/open-phases.ts). */
  coldPhases: OpenPhases[];
  warmPhases: OpenPhases[];
  heapMb: number[];
  pan?: FrameStats;
  zoom?: FrameStats;
  /** Whether the page drew frames steadily before the frame rates were taken. */
  steady?: boolean;
}

interface Target {
  program: Program;
  count: number;
  /** The address to open (for Tabula, a new board is created for each open). */
  address: () => Promise<string>;
  /** Whether the server holds the board in memory as the open expects (Tabula: not when cold, yes when warm). */
  serverAsDefined?: (open: 'cold' | 'warm') => Promise<boolean>;
}

/** Opens the target in `page`; resolves with ms from navigation start to its first full paint. */
async function openIn(page: Page, target: Target, address: string, phases: OpenPhases[]): Promise<number> {
  if (target.program === 'Tabula') {
    await page.addInitScript({ content: 'window.__benchZoom = () => window.__tabula.editor.viewport.zoom;' });
    const recorded = await recordOpenPhases(page, target.count, 300_000);
    await page.goto(address);
    phases.push(await recorded());
    if (process.env.BENCH_PHASES) console.log(JSON.stringify(phases.at(-1)));
    return everyShapeShown(phases.at(-1)!);
  }
  const painted = excalidrawPaint(page);
  await page.goto(address);
  return painted();
}

async function wheelFps(page: Page, program: Program): Promise<{ pan: FrameStats; zoom: FrameStats; steady: boolean }> {
  const steady = await steadyFrames(page);
  const target = program === 'Tabula' ? '[data-testid="canvas"]' : 'canvas.excalidraw__canvas.interactive';
  // Excalidraw zooms about the last pointer position.
  await page.mouse.move(VIEWPORT.width / 2, VIEWPORT.height / 2);
  const pan = frameStats(await wheelFrames(page, 'pan', SECONDS, target));
  await page.evaluate((program) => {
    const w = window as unknown as {
      __tabula: { editor: { setViewport(v: object): void } };
      __excalidraw: { updateScene(scene: object): void };
    };
    if (program === 'Tabula') w.__tabula.editor.setViewport({ x: -innerWidth / 2, y: -innerHeight / 2, zoom: 1 });
    else w.__excalidraw.updateScene({ appState: { scrollX: innerWidth / 2, scrollY: innerHeight / 2, zoom: { value: 1 } } });
  }, program);
  await page.waitForTimeout(300);
  const zoom = frameStats(await wheelFrames(page, 'zoom', SECONDS, target));
  return { pan, zoom, steady };
}

/** One cold and one warm open of the target (see the header), adding to `figures`. */
async function openTwice(target: Target, figures: Figures, measureFps: boolean): Promise<void> {
  const address = await target.address();
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: resolveChromium(), args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    const asDefined = async (open: 'cold' | 'warm') => {
      if (target.serverAsDefined && !(await target.serverAsDefined(open))) figures.offDefinition++;
    };
    await asDefined('cold');
    const cold = await context.newPage();
    figures.cold.push(await openIn(cold, target, address, figures.coldPhases));
    await sleep(1_000);
    figures.heapMb.push(await heapAfterGcMb(cold));
    await cold.close();
    // The closed tab's renderer frees its heap meanwhile: out of the warm open's way.
    await sleep(WARM_PAUSE_MS);
    await asDefined('warm');
    const warm = await context.newPage();
    figures.warm.push(await openIn(warm, target, address, figures.warmPhases));
    if (measureFps) Object.assign(figures, await wheelFps(warm, target.program));
  } finally {
    await browser?.close();
  }
}

/** The canvas's own first full paints, without the first view. */
const canvasPaints = (opens: readonly OpenPhases[]) => opens.map((phases) => phases.firstPaint);

const newFigures = (): Figures => ({ offDefinition: 0, cold: [], warm: [], coldPhases: [], warmPhases: [], heapMb: [] });

/** Where Tabula's opens went: ms since navigation start, medians ('-' where an open lacks the phase). */
function phaseRow(shapes: string, open: string, opens: readonly OpenPhases[]): string {
  const at = (pick: (phases: OpenPhases) => number | null) => {
    const values = opens.map(pick).filter((value): value is number => value !== null);
    return values.length === opens.length && values.length > 0 ? median(values).toFixed(0) : '-';
  };
  const complete = opens.filter((p) => p.firstView !== null && p.firstViewShapes === p.shapesInView).length;
  return `| ${shapes} | ${open} | ${at((p) => p.html)} | ${at((p) => p.viewAsked)} | ${at((p) => p.viewArrived)} | ${at((p) => p.firstView)} | ${complete} of ${opens.length} | ${at((p) => p.mounted)} | ${at((p) => p.localOpen)} | ${at((p) => p.socketOpen)} | ${at((p) => p.state)} | ${at((p) => p.applied)} | ${at((p) => p.paintMs)} | ${at((p) => p.firstPaint)} |`;
}

const loadAverage = () => loadavg().map((value) => value.toFixed(2)).join(' ');
const load1 = () => loadavg()[0]!.toFixed(2);
const seconds = (ms: readonly number[]) => {
  const s = ms.map((value) => value / 1000);
  return `${median(s).toFixed(2)} s${s.length > 1 ? ` (${Math.min(...s).toFixed(2)}-${Math.max(...s).toFixed(2)})` : ''}`;
};
const rate = (value: number) => value.toFixed(value < 10 ? 1 : 0);
const fps = (stats: FrameStats | undefined) => (stats ? `${rate(stats.medianFps)} / ${rate(stats.p5Fps)}` : '-');
const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? (a / b).toFixed(2) : '-');

async function main() {
  ensureNextBuild(process.cwd(), args.build);
  const excalidrawVersion = await buildExcalidrawPage();
  const server = await TestServer.start({
    env: {
      SERVE_UI: 'true',
      LOG_LEVEL: 'warn',
      ROOM_IDLE_UNLOAD_MS: String(IDLE_UNLOAD_MS),
      // Boards of 100,000 shapes are 40 MB or more of JSON, one per open: not what the limit is for.
      HTTP_RATE_BYTES_PER_SECOND: String(1024 ** 3),
      HTTP_RATE_BYTE_BURST: String(1024 ** 3),
    },
  });
  const peer = await ExcalidrawPeer.start();
  const rows: string[] = [];
  const ratios: string[] = [];
  const notes: string[] = [];
  const phases: string[] = [];
  const loadBefore = loadAverage();
  try {
    // Next renders its first page slowly (it loads the route's code): not what a visitor waits for.
    await (await fetch(`${server.url}/b/warm-up`)).text();
    for (const count of SIZES) {
      const drawing = excalidrawDrawing(count);
      const board = tabulaBoardOf(drawing, `Benchmark: ${count} shapes`);
      const excalidrawAddress = peer.addDrawing(`board-${count}`, drawing, count);
      const targets: Record<Program, Target> = {
        Tabula: {
          program: 'Tabula',
          count,
          address: async () => {
            await serverSettled(server, IDLE_UNLOAD_MS);
            return `${server.url}${await createBoard(server.url, board)}`;
          },
          // The only board the server may hold is this one, and only for the warm open.
          serverAsDefined: async (open) => (await boardsInMemory(server.url)) === (open === 'cold' ? 0 : 1),
        },
        Excalidraw: { program: 'Excalidraw', count, address: async () => excalidrawAddress },
      };
      const figures: Record<Program, Figures> = { Tabula: newFigures(), Excalidraw: newFigures() };
      const load = load1();
      const meter = new OtherCpuMeter();
      for (let round = 0; round < OPENS; round++) {
        const order = round % 2 === 0 ? PROGRAMS : [...PROGRAMS].reverse();
        for (const program of order) {
          await openTwice(targets[program], figures[program], round === OPENS - 1);
          console.log(`${count} shapes, round ${round + 1}: ${program} cold ${(figures[program].cold.at(-1)! / 1000).toFixed(2)} s, warm ${(figures[program].warm.at(-1)! / 1000).toFixed(2)} s`);
        }
      }
      const otherCpu = meter.stop();
      const shapes = count.toLocaleString('en');
      for (const program of PROGRAMS) {
        const f = figures[program];
        rows.push(
          `| ${shapes} | ${program} | ${seconds(f.cold)} | ${seconds(f.warm)} | ${median(f.heapMb).toFixed(0)} MB | ${fps(f.pan)} | ${fps(f.zoom)} | ${f.pan?.longFrames ?? '-'} / ${f.zoom?.longFrames ?? '-'} |`,
        );
      }
      const [t, e] = [figures.Tabula, figures.Excalidraw];
      phases.push(phaseRow(shapes, 'cold', t.coldPhases), phaseRow(shapes, 'warm', t.warmPhases));
      ratios.push(
        `| ${shapes} | ${ratio(median(t.cold), median(e.cold))} | ${ratio(median(t.warm), median(e.warm))} | ${ratio(median(canvasPaints(t.coldPhases)), median(e.cold))} | ${ratio(median(canvasPaints(t.warmPhases)), median(e.warm))} | ${ratio(median(t.heapMb), median(e.heapMb))} | ${ratio(t.pan?.p5Fps ?? NaN, e.pan?.p5Fps ?? NaN)} | ${ratio(t.zoom?.p5Fps ?? NaN, e.zoom?.p5Fps ?? NaN)} | ${load} -> ${load1()} | ${otherCpu.toFixed(0)}% |`,
      );
      notes.push(`${shapes}: .excalidraw ${(drawing.length / 1e6).toFixed(1)} MB, Tabula JSON ${(board.length / 1e6).toFixed(1)} MB`);
      for (const program of PROGRAMS) {
        if (figures[program].steady === false) notes.push(`${shapes}: ${program}'s page never drew 30 frames in a row within 50 ms each in a minute; its frame rates were taken anyway`);
      }
      if (t.offDefinition > 0) notes.push(`${shapes}: in ${t.offDefinition} of Tabula's opens the server did not hold the board as defined (cold: none in memory; warm: this one)`);
    }
  } finally {
    await peer.stop();
    await server.dispose();
  }
  console.log(`\nOpening: Tabula beside Excalidraw ${excalidrawVersion}, headless Chromium (software rendering), ${VIEWPORT.width}x${VIEWPORT.height}`);
  console.log(`${OPENS} rounds; open: navigation start to the first paint with every element, median (range); heap after load and GC after the cold open; fps in the last round's warm tab, ${SECONDS} s each`);
  console.log(`Drawings: ${notes.join('; ')}`);
  console.log(`Load average (1, 5, 15 min) before: ${loadBefore}; after: ${loadAverage()}\n`);
  console.log('| shapes | program | cold open | warm open | heap after load + GC | pan fps median / p5 | zoom fps median / p5 | frames > 50 ms (pan / zoom) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
  console.log('\nTabula / Excalidraw (medians; times and heap: under 1 is better; p5 fps: over 1 is better), load average (1 min) at the start -> end of the size, other processes\' CPU (100% = one core)\n');
  console.log('| shapes | cold open | warm open | canvas alone: cold | canvas alone: warm | heap | pan p5 fps | zoom p5 fps | load average | other processes\' CPU |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of ratios) console.log(row);
  console.log("\nWhere Tabula's opens went: ms since navigation start, medians (bench/support/open-phases.ts)\n");
  console.log('| shapes | open | HTML | first view asked | arrives | first view shows | first view had every shape in view | board code runs | IndexedDB open | socket open | state arrives | applied | paint ms | canvas: first full paint |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of phases) console.log(row);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
