/**
 * Takes the README's picture, docs/screenshot.png: two people on one board, each in a browser
 * context of their own against the production build, side by side. Alice's screen shows Bob's
 * cursor and his selection in his colour; Bob's shows Alice's cursor and her stroke.
 *
 *   npx tsx e2e/readme-screenshot.ts        (needs a production build in .next: `npm run build`)
 */
import path from 'node:path';
import { type Browser, chromium, type Page } from '@playwright/test';
import { drawPenStroke, gotoBoard, moveTo, setDisplayName } from './support/board';
import { CHROMIUM_ARGS, resolveChromium } from './support/chromium';
import { clickAt } from './support/editor';
import { TestServer } from './support/server';
import { createBoard } from './support/access';

const OUTPUT = path.join(process.cwd(), 'docs', 'screenshot.png');
const VIEW = { width: 1280, height: 800 };
/** Where the board's content starts on screen: clear of the menus and the people panel. */
const LEFT = 140;
const TOP = 60;

const YELLOW = '#ffec99';
const BLUE = '#a5d8ff';
const GREEN = '#b2f2bb';

/** A point of the drawing below on screen (and on the board: zoom 100%, not panned). */
const at = (x: number, y: number) => ({ x: x + LEFT, y: y + TOP });

/** A small planning board, as a Tabula file (lib/board/tabula-json.ts). */
const BOARD = {
  format: 'tabula',
  version: 1,
  title: 'Launch plan',
  shapes: [
    { id: 'title', type: 'text', x: 60, y: 90, w: 260, h: 40, z: 'a0', text: 'Launch plan', fontSize: 32 },
    { id: 'n1', type: 'sticky', x: 60, y: 170, w: 180, h: 140, z: 'a1', fill: YELLOW, text: 'Offline mode\nships Friday', fontSize: 20 },
    { id: 'n2', type: 'sticky', x: 300, y: 170, w: 180, h: 140, z: 'a2', fill: BLUE, text: 'Invite the\ndesign team', fontSize: 20 },
    { id: 'n3', type: 'sticky', x: 540, y: 170, w: 180, h: 140, z: 'a3', fill: GREEN, text: 'Demo at the\nall-hands', fontSize: 20 },
    { id: 'a1', type: 'arrow', x: 240, y: 240, w: 60, h: 0, z: 'a4', points: [0, 0, 60, 0], stroke: '#1e1e1e' },
    { id: 'a2', type: 'arrow', x: 480, y: 240, w: 60, h: 0, z: 'a5', points: [0, 0, 60, 0], stroke: '#1e1e1e' },
    { id: 'box', type: 'rectangle', x: 60, y: 370, w: 300, h: 150, z: 'a6', stroke: '#1971c2', strokeWidth: 2 },
    { id: 'box-label', type: 'text', x: 80, y: 385, w: 240, h: 30, z: 'a7', text: 'Risks', fontSize: 22, stroke: '#1971c2' },
    { id: 'oval', type: 'ellipse', x: 420, y: 380, w: 200, h: 120, z: 'a8', stroke: '#2f9e44', strokeWidth: 2 },
    { id: 'oval-label', type: 'text', x: 465, y: 425, w: 120, h: 30, z: 'a9', text: 'Done!', fontSize: 22, stroke: '#2f9e44' },
  ].map((shape) => ({ ...shape, ...at(shape.x, shape.y) })),
};

async function person(browser: Browser, url: string, name: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: url, viewport: VIEW, deviceScaleFactor: 1 });
  await context.addInitScript((stored) => localStorage.setItem('tabula:user-name', stored), name);
  return context.newPage();
}

async function main(): Promise<void> {
  const server = await TestServer.start();
  const browser = await chromium.launch({ executablePath: resolveChromium(), args: CHROMIUM_ARGS });
  try {
    const { editLink } = await createBoard(server.url, BOARD);

    const alice = await person(browser, server.url, 'Alice');
    const bob = await person(browser, server.url, 'Bob');
    await gotoBoard(alice, editLink);
    await gotoBoard(bob, editLink);
    await setDisplayName(alice, 'Alice');
    await setDisplayName(bob, 'Bob');

    // Alice circles the note she cares about; Bob selects another one and points at it.
    await drawPenStroke(alice, [
      at(560, 330), at(600, 345), at(660, 345), at(705, 330), at(725, 305),
    ]);
    await clickAt(bob, at(390, 280));
    await moveTo(bob, at(430, 300));
    await moveTo(alice, at(700, 360));
    // Each sees the other's cursor with its name.
    await alice.getByTestId('remote-cursor').filter({ hasText: 'Bob' }).waitFor();
    await bob.getByTestId('remote-cursor').filter({ hasText: 'Alice' }).waitFor();
    await alice.waitForFunction(() => document.querySelectorAll('[data-testid="remote-cursor"]').length === 1);

    const [aliceShot, bobShot] = [await alice.screenshot(), await bob.screenshot()];
    const frame = await (await browser.newContext({ viewport: { width: VIEW.width * 2 + 48, height: VIEW.height + 72 } })).newPage();
    await frame.setContent(`<!doctype html><body style="margin:0;padding:16px;background:#e9ecef;font:600 15px system-ui,sans-serif;color:#343a40;display:flex;gap:16px">
      ${[['Alice’s browser', aliceShot], ['Bob’s browser', bobShot]]
        .map(([label, shot]) => `<figure style="margin:0"><figcaption style="margin:0 0 8px 4px">${label as string}</figcaption><img style="display:block;border-radius:8px;box-shadow:0 2px 8px #0003" src="data:image/png;base64,${(shot as Buffer).toString('base64')}"></figure>`)
        .join('')}</body>`);
    await frame.screenshot({ path: OUTPUT });
    console.log(`wrote ${path.relative(process.cwd(), OUTPUT)}`);
  } finally {
    await browser.close();
    await server.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
