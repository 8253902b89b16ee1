/**
 * What is drawn stays: across a reload, and across a server restart, graceful (SIGTERM) or abrupt
 * (SIGKILL). After a restart the pages reconnect by themselves and editing carries on both ways.
 * A person who opens the board afresh (a new context: no local copy in IndexedDB) checks that the
 * drawing came from the server's storage and not from a browser's cache.
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
import type { Rect } from './support/pixels';
import type { StopSignal } from './support/server';

const RECT_A: Rect = { x1: 160, y1: 180, x2: 380, y2: 320 };
const RECT_B: Rect = { x1: 480, y1: 360, x2: 700, y2: 500 };

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
    const alice = await openBoard(undefined, 'Alice');
    const bob = await openBoard(undefined, 'Bob');
    await drawRectangle(alice.page, RECT_A);
    await parkMouse(alice.page);
    await expectRectangle(bob.page, RECT_A);

    if (signal === 'SIGKILL') await server.kill();
    else await server.stop();
    // The pages say so while the server is away.
    await expect(connectionStatus(alice.page)).not.toHaveText('Connected');
    await expect(connectionStatus(bob.page)).not.toHaveText('Connected');
    await expect(connectionStatus(bob.page)).toHaveText(/^(Reconnecting…|Offline)$/);

    await server.start();
    await expect(connectionStatus(alice.page)).toHaveText('Connected', { timeout: RECONNECT_TIMEOUT });
    await expect(connectionStatus(bob.page)).toHaveText('Connected', { timeout: RECONNECT_TIMEOUT });
    await expectRectangle(alice.page, RECT_A);
    await expectRectangle(bob.page, RECT_A);

    // Editing works both ways after the restart.
    await expectNoRectangle(alice.page, RECT_B);
    await drawRectangle(bob.page, RECT_B);
    await parkMouse(bob.page);
    await expectRectangle(alice.page, RECT_B);

    // The server itself kept the drawing: a newcomer without any local copy gets both rectangles.
    const carol = await openUser('Carol');
    await carol.page.goto(`/b/${boardId}`);
    await expectBoardReady(carol.page);
    await expectRectangle(carol.page, RECT_A);
    await expectRectangle(carol.page, RECT_B);
  });
}
