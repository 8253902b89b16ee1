/**
 * What is drawn stays: across a reload, and across a server restart, graceful (SIGTERM) or abrupt
 * (SIGKILL). A person who opens the board afresh (a new context: no local copy in IndexedDB), alone
 * on it, checks that the drawing came from the server's storage: the pages that drew it are frozen
 * before the server is killed (SIGKILL; a graceful stop may see them awake) and from before it
 * starts again until that check is done, so they cannot send it again. Then they wake, reconnect
 * by themselves, and editing carries on both ways.
 */
import {
  connectionStatus,
  drawRectangle,
  expectBoardReady,
  expectNoRectangle,
  expectRectangle,
  parkMouse,
  RECONNECT_TIMEOUT,
} from './support/board';
import { expect, test } from './support/fixtures';
import type { Page } from '@playwright/test';
import type { Rect } from './support/pixels';
import type { StopSignal } from './support/server';

const RECT_A: Rect = { x1: 160, y1: 180, x2: 380, y2: 320 };
const RECT_B: Rect = { x1: 480, y1: 360, x2: 700, y2: 500 };

/** Freezes a page (no script, no timers, no network handling) until `thaw` is called. */
async function freeze(page: Page): Promise<{ thaw(): Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
  return { thaw: () => cdp.send('Page.setWebLifecycleState', { state: 'active' }).then(() => undefined) };
}

test('a reload keeps the drawing', async ({ openBoard, openUser, boardId }) => {
  const alice = await openBoard(undefined, 'Alice');
  const bob = await openBoard(undefined, 'Bob');
  await drawRectangle(alice.page, RECT_A);
  // Bob seeing it means the server has it.
  await expectRectangle(bob.page, RECT_A);

  await alice.page.reload();
  await expectBoardReady(alice.page);
  await expectRectangle(alice.page, RECT_A);

  const carol = await openUser('Carol');
  await carol.page.goto(`/b/${boardId}`);
  await expectBoardReady(carol.page);
  await expectRectangle(carol.page, RECT_A);
});

for (const signal of ['SIGTERM', 'SIGKILL'] as const satisfies readonly StopSignal[]) {
  test(`after a server restart (${signal}) the pages reconnect and keep the drawing`, async ({
    server,
    openBoard,
    openUser,
    boardId,
  }) => {
    // A server stop and start (Next's start included), three pages and a reconnection backoff.
    test.slow();
    const alice = await openBoard(undefined, 'Alice');
    const bob = await openBoard(undefined, 'Bob');
    await drawRectangle(alice.page, RECT_A);
    await parkMouse(alice.page);
    // Bob seeing it means the server has stored it: it relays an edit only once stored.
    await expectRectangle(bob.page, RECT_A);

    if (signal === 'SIGKILL') {
      // Frozen before the kill: what the server had not stored, they cannot send again.
      const frozen = [await freeze(alice.page), await freeze(bob.page)];
      await server.kill();
      for (const page of frozen) await page.thaw();
    } else {
      // A graceful stop stores what it received before it exits: the pages may stay awake.
      await server.stop();
    }
    // While the server is away, the pages say so; then they are frozen until the newcomer checked.
    await expect(connectionStatus(alice.page)).not.toHaveText('Connected');
    await expect(connectionStatus(bob.page)).toHaveText(/^(Reconnecting…|Offline)$/);
    const frozen = [await freeze(alice.page), await freeze(bob.page)];
    await server.start();

    // The server itself kept the drawing: a newcomer without any local copy, alone on the board.
    const carol = await openUser('Carol');
    await carol.page.goto(`/b/${boardId}`);
    await expectBoardReady(carol.page);
    await expectRectangle(carol.page, RECT_A);

    // The pages wake, reconnect by themselves, and editing works both ways.
    for (const page of frozen) await page.thaw();
    await expect(connectionStatus(alice.page)).toHaveText('Connected', { timeout: RECONNECT_TIMEOUT });
    await expect(connectionStatus(bob.page)).toHaveText('Connected', { timeout: RECONNECT_TIMEOUT });
    await expectRectangle(alice.page, RECT_A);
    await expectNoRectangle(alice.page, RECT_B);
    await drawRectangle(bob.page, RECT_B);
    await parkMouse(bob.page);
    await expectRectangle(alice.page, RECT_B);
    await expectRectangle(carol.page, RECT_B);
  });
}
