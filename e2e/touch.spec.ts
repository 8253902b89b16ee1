/**
 * On a touch screen: one finger draws with the Pen, two fingers pinch-zoom about their midpoint
 * (and never leave a stroke behind). Touches are sent as real touch events (CDP), which the page
 * receives as Pointer Events of type "touch".
 */
import type { CDPSession, Page } from '@playwright/test';
import { gotoBoard, selectTool } from './support/board';
import { expectShapeCount, viewport } from './support/editor';
import { expect, test } from './support/fixtures';

type TouchPoint = { x: number; y: number; id: number };

async function touch(cdp: CDPSession, type: 'touchStart' | 'touchMove' | 'touchEnd', points: TouchPoint[]) {
  await cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map((p) => ({ x: p.x, y: p.y, id: p.id, radiusX: 2, radiusY: 2, force: 0.5 })) });
}

async function openTouchBoard(openUser: (label?: string) => Promise<{ page: Page }>, boardId: string) {
  const { page } = await openUser('Touch');
  await gotoBoard(page, boardId);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
  return { page, cdp };
}

test('a finger draws with the Pen; two fingers pinch-zoom about their midpoint', async ({ openUser, boardId }) => {
  const { page, cdp } = await openTouchBoard(openUser, boardId);
  await selectTool(page, 'Pen');

  await touch(cdp, 'touchStart', [{ x: 300, y: 300, id: 1 }]);
  for (let i = 1; i <= 10; i++) await touch(cdp, 'touchMove', [{ x: 300 + i * 20, y: 300 + (i % 2) * 10, id: 1 }]);
  await touch(cdp, 'touchEnd', []);
  const [stroke] = await expectShapeCount(page, boardId, 1);
  expect(stroke).toMatchObject({ type: 'pen', x: 300, y: 300, w: 200 });

  // Pinch: fingers 100 px apart spread to 200 px about (640, 400): zoom 2, midpoint fixed.
  await touch(cdp, 'touchStart', [{ x: 590, y: 400, id: 1 }]);
  await touch(cdp, 'touchStart', [{ x: 590, y: 400, id: 1 }, { x: 690, y: 400, id: 2 }]);
  for (let i = 1; i <= 5; i++) {
    await touch(cdp, 'touchMove', [{ x: 590 - i * 10, y: 400, id: 1 }, { x: 690 + i * 10, y: 400, id: 2 }]);
  }
  await touch(cdp, 'touchEnd', []);
  await expect.poll(async () => (await viewport(page)).zoom).toBeCloseTo(2, 2);
  const view = await viewport(page);
  expect((640 / view.zoom + view.x)).toBeCloseTo(640, 1);
  expect((400 / view.zoom + view.y)).toBeCloseTo(400, 1);
  await expect(page.getByTestId('zoom-level')).toHaveText('200%');
  // The pinch drew nothing.
  await expectShapeCount(page, boardId, 1);
});
