/**
 * Offline: the board stays editable without a network, edits from both sides merge when the
 * connection is back, and a board opened before reloads without a network (the page from the
 * service worker's cache, the board from IndexedDB), edits made then included.
 */
import {
  connectionStatus,
  drawRectangle,
  expectBoardReady,
  expectNoRectangle,
  expectRectangle,
  gotoBoard,
  RECONNECT_TIMEOUT,
} from './support/board';
import { pointerOffCanvas } from './support/collab';
import type { Page } from '@playwright/test';
import { expectShapeCount, storedShapes } from './support/editor';
import { expect, test } from './support/fixtures';
import type { Rect } from './support/pixels';

const RECT_A: Rect = { x1: 160, y1: 180, x2: 380, y2: 320 };
const RECT_B: Rect = { x1: 480, y1: 360, x2: 700, y2: 500 };
const RECT_C: Rect = { x1: 160, y1: 420, x2: 380, y2: 560 };

/** Waits until the service worker controls the page and has this page in its cache. */
async function pageCachedForOffline(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          if (!navigator.serviceWorker.controller) return false;
          return Boolean(await caches.match(location.origin + location.pathname, { ignoreVary: true }));
        }),
      { timeout: 15_000 },
    )
    .toBe(true);
}

/** How many updates the browser's own copy of the board (y-indexeddb, in IndexedDB) holds. */
function updatesKeptInBrowser(page: Page, boardId: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction('updates', 'readonly').objectStore('updates').count();
          count.onsuccess = () => resolve(count.result);
          count.onerror = () => reject(count.error);
          db.close();
        };
      }),
    `tabula:board:${boardId}`,
  );
}

test('both draw while one is offline; back online, both see both', async ({ openBoard, boardId }) => {
  const alice = await openBoard(undefined, 'Alice');
  const bob = await openBoard(undefined, 'Bob');

  await alice.context.setOffline(true);
  await expect(connectionStatus(alice.page)).toHaveText('Offline');

  await drawRectangle(alice.page, RECT_A);
  await drawRectangle(bob.page, RECT_B);
  await pointerOffCanvas(alice.page);
  await pointerOffCanvas(bob.page);
  await expectRectangle(alice.page, RECT_A);
  await expectRectangle(bob.page, RECT_B);
  // Offline really is offline: Bob's rectangle reached the server, Alice's did not, and neither
  // sees the other's drawing yet.
  expect((await expectShapeCount(bob.page, boardId, 1))[0]).toMatchObject({ x: RECT_B.x1, y: RECT_B.y1 });
  await expectNoRectangle(bob.page, RECT_A);
  await expectNoRectangle(alice.page, RECT_B);

  await alice.context.setOffline(false);
  await expect(connectionStatus(alice.page)).toHaveText('Connected', { timeout: RECONNECT_TIMEOUT });
  for (const user of [alice, bob]) {
    await expectRectangle(user.page, RECT_A);
    await expectRectangle(user.page, RECT_B);
  }
});

test('a reload while offline shows the board, and edits made then reach the others', async ({ openBoard, boardId }) => {
  const alice = await openBoard(undefined, 'Alice');
  const bob = await openBoard(undefined, 'Bob');
  await drawRectangle(alice.page, RECT_A);
  await pointerOffCanvas(alice.page);
  await expectRectangle(bob.page, RECT_A);
  await pageCachedForOffline(alice.page);

  await alice.context.setOffline(true);
  await alice.page.reload();
  await expect(connectionStatus(alice.page)).toHaveText('Offline');
  await expectRectangle(alice.page, RECT_A);
  // The page itself came through the service worker (the network is off).
  const viaWorker = await alice.page.evaluate(
    () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).workerStart > 0,
  );
  expect(viaWorker).toBe(true);

  // Drawn offline, kept across another offline reload (once the browser's copy has it), sent when
  // the network is back.
  const kept = await updatesKeptInBrowser(alice.page, boardId);
  await drawRectangle(alice.page, RECT_C);
  await pointerOffCanvas(alice.page);
  await expect.poll(() => updatesKeptInBrowser(alice.page, boardId)).toBeGreaterThan(kept);
  await alice.page.reload();
  await expectRectangle(alice.page, RECT_A);
  await expectRectangle(alice.page, RECT_C);
  expect(await storedShapes(bob.page, boardId)).toHaveLength(1);
  await expectNoRectangle(bob.page, RECT_C);

  await alice.context.setOffline(false);
  await expectBoardReady(alice.page, RECONNECT_TIMEOUT);
  await expectRectangle(bob.page, RECT_C);
});

test('a board sent whole by the server is kept too: a newcomer reloading offline still sees it', async ({ openBoard }) => {
  const alice = await openBoard(undefined, 'Alice');
  await drawRectangle(alice.page, RECT_A);
  await pointerOffCanvas(alice.page);
  // Carol has nothing of the board: the server sends it to her as stored, in one message.
  const carol = await openBoard(undefined, 'Carol');
  await expectRectangle(carol.page, RECT_A);
  await pageCachedForOffline(carol.page);

  await carol.context.setOffline(true);
  await carol.page.reload();
  await expect(connectionStatus(carol.page)).toHaveText('Offline');
  await expectRectangle(carol.page, RECT_A);
});

test("edits kept offline reach the others when the board opens again online, the server's board applied before the browser's copy loaded", async ({
  openBoard,
  boardId,
}) => {
  const alice = await openBoard(undefined, 'Alice');
  const bob = await openBoard(undefined, 'Bob');
  await drawRectangle(bob.page, RECT_A);
  await pointerOffCanvas(bob.page);
  await expectRectangle(alice.page, RECT_A);

  await alice.context.setOffline(true);
  await expect(connectionStatus(alice.page)).toHaveText('Offline');
  const kept = await updatesKeptInBrowser(alice.page, boardId);
  await drawRectangle(alice.page, RECT_C);
  await pointerOffCanvas(alice.page);
  await expect.poll(() => updatesKeptInBrowser(alice.page, boardId)).toBeGreaterThan(kept);
  await alice.page.close();

  // The next page's IndexedDB opens a second late: the socket, opened meanwhile, brings the
  // server's board first, and the page answers the server only once its copy is in.
  await alice.context.addInitScript(() => {
    const open = indexedDB.open.bind(indexedDB);
    indexedDB.open = (name: string, version?: number) => {
      const request = open(name, version);
      const onsuccess = Object.getOwnPropertyDescriptor(IDBRequest.prototype, 'onsuccess')!;
      Object.defineProperty(request, 'onsuccess', {
        set(listener: ((event: Event) => void) | null) {
          onsuccess.set!.call(request, listener && ((event: Event) => setTimeout(() => listener.call(request, event), 1_000)));
        },
      });
      return request;
    };
  });
  await alice.context.setOffline(false);
  const page = await alice.context.newPage();
  await gotoBoard(page, boardId);
  await expectRectangle(page, RECT_A);
  await expectRectangle(page, RECT_C);
  await expectRectangle(bob.page, RECT_C);
  expect(await storedShapes(bob.page, boardId)).toHaveLength(2);
});
