/**
 * Playwright fixtures for Tabula's end-to-end specs.
 *
 * - `server`: a running Tabula server. Each spec file gets its own (own port, own DATA_DIR); the
 *   tests of one file share it, and a test that left it stopped gets it started again.
 * - `boardId`: a fresh board id per test, so tests never see each other's shapes.
 * - `openUser(name?, device?)`: a new person: a BrowserContext of their own (own storage, own
 *   IndexedDB) with one page; `device` gives it another screen (a phone: viewport, touch). All of
 *   them are closed after the test.
 * - `openBoard(boardId?)`: `openUser` + open the board and wait for "Connected".
 *
 * When a test fails, the server's output and the pages' console errors are attached to the report
 * and printed.
 */
import { randomBytes } from 'node:crypto';
import { test as base, type Browser, type BrowserContext, type BrowserContextOptions, expect, type Page, type TestInfo } from '@playwright/test';
import { gotoBoard } from './board';
import { TestServer } from './server';

export interface User {
  label: string;
  context: BrowserContext;
  page: Page;
}

/** A person's screen (and browser language) other than the project's desktop default. */
export type Device = Pick<BrowserContextOptions, 'viewport' | 'hasTouch' | 'isMobile' | 'colorScheme' | 'locale'>;

interface TestFixtures {
  server: TestServer;
  boardId: string;
  openUser: (label?: string, device?: Device) => Promise<User>;
  openBoard: (boardId?: string, label?: string) => Promise<User>;
}

interface WorkerFixtures {
  serverPerFile: ServerPerFile;
}

/** Keeps one server per spec file within a worker, and kills whatever is left at the end. */
class ServerPerFile {
  private current: { file: string; server: TestServer } | null = null;

  async forFile(file: string): Promise<TestServer> {
    if (this.current && this.current.file !== file) await this.dispose();
    if (!this.current) this.current = { file, server: await TestServer.start() };
    const { server } = this.current;
    if (!server.running) await server.start();
    return server;
  }

  async dispose(): Promise<void> {
    const current = this.current;
    this.current = null;
    await current?.server.dispose();
  }
}

function failed(testInfo: TestInfo): boolean {
  return testInfo.status !== testInfo.expectedStatus;
}

function newBoardIdForTest(): string {
  return `e2e_${randomBytes(12).toString('base64url')}`;
}

async function newUser(browser: Browser, server: TestServer, testInfo: TestInfo, label: string, log: string[], device: Device = {}): Promise<User> {
  const use = testInfo.project.use;
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: use.viewport ?? { width: 1280, height: 800 },
    deviceScaleFactor: use.deviceScaleFactor ?? 1,
    ...device,
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => log.push(`[${label} pageerror] ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') log.push(`[${label} console.${message.type()}] ${message.text()}`);
  });
  page.on('crash', () => log.push(`[${label}] page crashed`));
  return { label, context, page };
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  serverPerFile: [
    async ({}, use) => {
      const servers = new ServerPerFile();
      try {
        await use(servers);
      } finally {
        await servers.dispose();
      }
    },
    { scope: 'worker', timeout: 90_000 },
  ],

  server: [
    async ({ serverPerFile }, use, testInfo) => {
      const server = await serverPerFile.forFile(testInfo.file);
      await use(server);
      if (failed(testInfo)) {
        const output = server.output();
        await testInfo.attach('server-output.txt', { body: output, contentType: 'text/plain' });
        process.stderr.write(`\n----- server output (${testInfo.title}) -----\n${output}\n----- end of server output -----\n`);
      }
    },
    { timeout: 90_000 },
  ],

  boardId: async ({}, use) => {
    await use(newBoardIdForTest());
  },

  openUser: async ({ browser, server }, use, testInfo) => {
    const users: User[] = [];
    const log: string[] = [];
    try {
      await use(async (label = `user ${users.length + 1}`, device?: Device) => {
        const user = await newUser(browser, server, testInfo, label, log, device);
        users.push(user);
        return user;
      });
    } finally {
      if (failed(testInfo) && log.length > 0) {
        const body = log.join('\n');
        await testInfo.attach('browser-console.txt', { body, contentType: 'text/plain' });
        process.stderr.write(`\n----- browser errors (${testInfo.title}) -----\n${body}\n----- end of browser errors -----\n`);
      }
      await Promise.all(users.map((user) => user.context.close().catch(() => undefined)));
    }
  },

  openBoard: async ({ openUser, boardId }, use) => {
    await use(async (id = boardId, label?: string) => {
      const user = await openUser(label);
      await gotoBoard(user.page, id);
      return user;
    });
  },
});

export { expect };
