/**
 * Where a board's opening spends the page's main thread: a CPU profile of the page (Chromium
 * DevTools protocol) from navigation to the first full paint, summed by function (self time),
 * with the phases of bench/support/open-phases.ts beside it.
 *
 *   npx tsx bench/open-profile.ts [--size 10000] [--top 30] [--warm] [--save profile.cpuprofile] [--server-prof DIR]
 *
 * Needs a production build (`npx next build`). The board is created with `POST /api/boards` as in
 * bench/render.ts and opened once in a fresh browser; with `--warm` it is opened once before (so
 * the server has it in memory) and the profiled open is a second fresh browser. `--save` writes
 * the profile for DevTools; `--server-prof DIR` samples the server too and writes its profile into
 * DIR after the open (bench/support/server-cpu-profile.mjs). The board is opened once the server is quiet again after creating it. The
 * profiler itself slows the page: read shares, not absolute times.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, resolveChromium } from '../e2e/support/chromium';
import { TestServer } from '../e2e/support/server';
import { generateBoard } from './render-board';
import { recordOpenPhases } from './support/open-phases';
import { cpuMs } from './support/proc';
import { sleep } from './support/stats';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '10000' },
    top: { type: 'string', default: '30' },
    warm: { type: 'boolean', default: false },
    save: { type: 'string' },
    'server-prof': { type: 'string' },
  },
});
const SIZE = Number(args.size);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (name and place), in ms, largest first. */
function selfTimes(profile: Profile): { name: string; ms: number }[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]!)!;
    const frame = node.callFrame;
    const file = frame.url.split('/').pop() ?? '';
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  }
  return [...totals.entries()].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
}

async function openOnce(url: string, link: string, profile: boolean) {
  const browser = await chromium.launch({ executablePath: resolveChromium(), args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const phases = await recordOpenPhases(page, SIZE);
    await page.goto(`${url}${link}`);
    const result = await phases();
    const stopped = profile ? ((await cdp.send('Profiler.stop')) as { profile: Profile }).profile : null;
    return { phases: result, profile: stopped };
  } finally {
    await browser.close();
  }
}

/** Waits until the server uses under 5% of a core (the new board is stored and compacted). */
async function serverQuiet(pid: number | undefined): Promise<void> {
  if (pid === undefined) return;
  await sleep(2_500);
  for (let before = cpuMs(pid), deadline = Date.now() + 20_000; Date.now() < deadline; ) {
    await sleep(500);
    const now = cpuMs(pid);
    if (now - before < 25) return;
    before = now;
  }
}

async function main() {
  const preload = path.join(process.cwd(), 'bench/support/server-cpu-profile.mjs');
  const serverProf: Record<string, string> = args['server-prof'] ? { NODE_OPTIONS: `--import ${preload}`, PROF_DIR: path.resolve(args['server-prof']) } : {};
  const server = await TestServer.start({ env: { SERVE_UI: 'true', LOG_LEVEL: 'warn', ...serverProf } });
  try {
    await (await fetch(`${server.url}/b/warm-up`)).text();
    const response = await fetch(`${server.url}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(generateBoard(SIZE)) });
    if (response.status !== 201) throw new Error(`POST /api/boards: ${response.status}`);
    const link = ((await response.json()) as { editLink: string }).editLink;
    await serverQuiet(server.pid);
    if (args.warm) await openOnce(server.url, link, false);
    const { phases, profile } = await openOnce(server.url, link, true);
    if (args['server-prof'] && server.pid) {
      process.kill(server.pid, 'SIGUSR2');
      await sleep(3_000);
    }
    console.log(`load average ${loadavg().map((value) => value.toFixed(2)).join(' ')}; ${SIZE} shapes, ${args.warm ? 'warm server' : 'cold server'}`);
    console.log(JSON.stringify(phases, (_key, value: unknown) => (typeof value === 'number' ? Math.round(value) : value)));
    if (!profile) return;
    if (args.save) writeFileSync(args.save, JSON.stringify(profile));
    const times = selfTimes(profile);
    const total = times.reduce((sum, entry) => sum + entry.ms, 0);
    console.log(`\nself time by function (${total.toFixed(0)} ms sampled):`);
    for (const { name, ms } of times.slice(0, Number(args.top))) console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`);
  } finally {
    await server.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
