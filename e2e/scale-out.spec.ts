/**
 * Two Tabula instances on one Postgres and one Redis, behind nginx (deploy/nginx.conf), each
 * person in a browser context of their own reaching the board through the proxy: Alice and Bob,
 * on different instances, see each other's shapes and named cursors; the instance of one of them
 * is killed (SIGKILL), both reconnect through the proxy and keep working, and nothing drawn is
 * lost. Runs when DATABASE_URL and REDIS_URL are set (CI sets both); otherwise it is skipped, and
 * says so.
 */
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from '@playwright/test';
import { Cluster, clusterServices } from '../server/test/support/cluster';
import { canvas, connectionStatus, drawRectangle, expectBoardReady, expectRectangle, gotoBoard, moveTo, parkMouse, RECONNECT_TIMEOUT, remoteCursors, setDisplayName, SYNC_TIMEOUT } from './support/board';
import { expectStored } from './support/editor';
import { expect, test } from './support/fixtures';

const services = clusterServices('e2e scale-out');

/** Open TCP connections from the proxy to each instance: once pages have loaded, the board sockets. */
function socketsPerInstance(cluster: Cluster): number[] {
  return cluster.instances.map((instance) => {
    const lines = execFileSync('ss', ['-Htn', 'state', 'established', `( dport = :${instance.port} )`], { encoding: 'utf8' });
    return lines.split('\n').filter((line) => line.trim() !== '').length;
  });
}

test.describe('two instances behind nginx', () => {
  // CI sets both (.ci/run): there the suite runs, and fails if they are missing.
  test.skip(!services && !process.env.CI, 'DATABASE_URL and REDIS_URL are not set');
  let cluster: Cluster;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    // At info level the instances log why they close a socket: printed if a test fails.
    cluster = await Cluster.start({ instances: 2, ui: true, ...services!, env: { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info' } });
  });
  // What the instances logged, with a failure: a socket they closed says why there.
  test.afterEach(async ({}, testInfo) => {
    if (testInfo.status !== testInfo.expectedStatus && cluster) {
      const output = cluster.output();
      await testInfo.attach('instances-output.txt', { body: output, contentType: 'text/plain' });
      process.stderr.write(`\n----- instances' output (${testInfo.title}) -----\n${output}\n----- end of instances' output -----\n`);
    }
  });
  test.afterAll(async () => {
    await cluster?.stop();
  });

  async function person(browser: Browser, boardId: string, name: string): Promise<Page> {
    const context = await browser.newContext({ baseURL: cluster.url, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await gotoBoard(page, boardId);
    await setDisplayName(page, name);
    return page;
  }

  test('people on different instances see each other, and keep working when one instance is killed', async ({ browser, boardId }) => {
    test.setTimeout(180_000);
    const alice = await person(browser, boardId, 'Alice');
    await expect.poll(() => socketsPerInstance(cluster).sort(), { timeout: SYNC_TIMEOUT }).toEqual([0, 1]);
    const bob = await person(browser, boardId, 'Bob');
    // nginx gives a new connection to the instance with fewer: one socket on each. In CI both
    // sockets were once dropped together a moment after Bob's opened, and reconnected to one
    // instance (not explained yet: the instances' output is attached when this test fails); then
    // Bob opens the board again, and nginx sends him to the other instance.
    for (let attempt = 1; ; attempt++) {
      const placed = await expect
        .poll(() => socketsPerInstance(cluster), { timeout: SYNC_TIMEOUT })
        .toEqual([1, 1])
        .then(() => true, () => false);
      if (placed) break;
      if (attempt === 3) expect(socketsPerInstance(cluster), 'one socket on each instance').toEqual([1, 1]);
      await bob.reload();
      await expectBoardReady(bob);
    }

    await drawRectangle(alice, { x1: 200, y1: 150, x2: 320, y2: 240 });
    await expectRectangle(bob, { x1: 200, y1: 150, x2: 320, y2: 240 });
    await drawRectangle(bob, { x1: 450, y1: 150, x2: 560, y2: 260 });
    await expectRectangle(alice, { x1: 450, y1: 150, x2: 560, y2: 260 });
    await moveTo(alice, { x: 700, y: 400 });
    await expect(remoteCursors(bob).filter({ hasText: 'Alice' })).toBeVisible({ timeout: SYNC_TIMEOUT });
    await moveTo(bob, { x: 650, y: 450 });
    await expect(remoteCursors(alice).filter({ hasText: 'Bob' })).toBeVisible({ timeout: SYNC_TIMEOUT });

    // One of them loses their instance; the proxy sends them to the other.
    await cluster.instances[0]!.kill();
    for (const page of [alice, bob]) await expect(connectionStatus(page)).toHaveText('Connected', { timeout: RECONNECT_TIMEOUT });
    await parkMouse(alice);
    await parkMouse(bob);
    await drawRectangle(alice, { x1: 200, y1: 400, x2: 300, y2: 480 });
    await drawRectangle(bob, { x1: 450, y1: 400, x2: 540, y2: 500 });
    for (const page of [alice, bob]) {
      await expectRectangle(page, { x1: 200, y1: 400, x2: 300, y2: 480 }, RECONNECT_TIMEOUT);
      await expectRectangle(page, { x1: 450, y1: 400, x2: 540, y2: 500 }, RECONNECT_TIMEOUT);
      await expectRectangle(page, { x1: 200, y1: 150, x2: 320, y2: 240 });
      await expectRectangle(page, { x1: 450, y1: 150, x2: 560, y2: 260 });
    }
    await moveTo(alice, { x: 700, y: 300 });
    await expect(remoteCursors(bob).filter({ hasText: 'Alice' })).toBeVisible({ timeout: RECONNECT_TIMEOUT });
    await expect(canvas(alice)).toBeVisible();
    // Stored, as the surviving instance reads it through the proxy: all four.
    await expectStored(alice, boardId, (shapes) => expect(shapes.filter((shape) => shape.type === 'rectangle')).toHaveLength(4), RECONNECT_TIMEOUT);
  });
});
