/**
 * Starts Tabula's server as a child process for the end-to-end tests, the way `npm start` does
 * (`node --import tsx server/main.ts`): on a free loopback port, with a fresh data directory, in
 * production mode against the build in `.next`.
 *
 * `node --import tsx` keeps the server in one process, so SIGTERM and SIGKILL reach the server
 * itself. (The `tsx` command runs the program in a child process and relays signals; a SIGKILL to
 * it would leave the real server running.) The server still gets a process group of its own, and
 * `kill()` kills the whole group, like a crash or the OOM killer would, so nothing it started can
 * outlive it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { TEST_ADMIN_TOKEN } from './access';

const ROOT = process.cwd();
const ENTRY = 'server/main.ts';
/** `npm start`'s command line, with the node that runs the tests. */
const COMMAND = [process.execPath, '--import', 'tsx', ENTRY] as const;
const HOST = '127.0.0.1';

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;
/** After the process exits, how long its output may take to drain before it is given up. */
const OUTPUT_DRAIN_MS = 2_000;
const MAX_LOG_LINES = 5_000;

/** Process groups still alive, killed when this worker exits however it exits. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
  });
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is gone already.
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A port that was free a moment ago: the OS picks it for a socket bound to port 0. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not read the port of the probe socket'));
      });
    });
  });
}

/** Whether something accepts TCP connections on the port. */
function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface TestServerOptions {
  /** Extra environment for the server. */
  env?: Record<string, string>;
  /**
   * Keep DATABASE_URL and REDIS_URL from the environment. By default the end-to-end server uses
   * the embedded store in its own DATA_DIR, so that every spec file starts from nothing.
   */
  inheritServiceUrls?: boolean;
  /** The project to serve (its `server/main.ts` and its build in `.next`); default: this one. */
  root?: string;
  /** The port to listen on (e.g. a port another server used, to keep the origin); default: a free one. */
  port?: number;
  /** The data directory; default: a new temporary one, removed by `dispose()`. */
  dataDir?: string;
}

export type StopSignal = 'SIGTERM' | 'SIGKILL';

export class TestServer {
  readonly port: number;
  readonly dataDir: string;
  readonly url: string;
  private readonly options: TestServerOptions;
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private runs = 0;
  private readonly lines: string[] = [];

  private constructor(port: number, dataDir: string, options: TestServerOptions) {
    this.port = port;
    this.dataDir = dataDir;
    this.url = `http://${HOST}:${port}`;
    this.options = options;
  }

  /** Creates a data directory, picks a port and starts the server; resolves once /healthz answers. */
  static async start(options: TestServerOptions = {}): Promise<TestServer> {
    const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'tabula-e2e-')));
    const server = new TestServer(options.port ?? (await freePort()), dataDir, options);
    try {
      await server.start();
    } catch (error) {
      await server.dispose();
      throw error;
    }
    return server;
  }

  get running(): boolean {
    return this.child !== null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Everything the server printed, across restarts, for failure reports. */
  output(): string {
    return this.lines.join('\n');
  }

  /** Starts the server (again) on the same port and data directory. */
  async start(): Promise<void> {
    if (this.child) throw new Error('the server is already running');
    await this.waitForPortToClose();
    installExitHook();
    const run = ++this.runs;
    this.log(run, 'test', `starting ${ENTRY} on ${this.url} with DATA_DIR=${this.dataDir}`);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      ...this.options.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      HOST,
      PORT: String(this.port),
      DATA_DIR: this.dataDir,
    };
    if (!this.options.inheritServiceUrls) {
      if (!this.options.env?.DATABASE_URL) delete env.DATABASE_URL;
      if (!this.options.env?.REDIS_URL) delete env.REDIS_URL;
    }

    const [command, ...args] = COMMAND;
    const child = spawn(command, args, { cwd: this.options.root ?? ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const pgid = child.pid;
    if (pgid !== undefined) liveGroups.add(pgid);
    this.capture(run, 'out', child.stdout);
    this.capture(run, 'err', child.stderr);

    const status: { exit: string | null } = { exit: null };
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        status.exit = signal ?? `exit code ${code}`;
        this.log(run, 'test', `server process exited (${status.exit})`);
        // Whatever the server left behind in its group goes with it.
        if (pgid !== undefined) {
          killGroup(pgid, 'SIGKILL');
          liveGroups.delete(pgid);
        }
        if (this.child === child) this.child = null;
        // Resolved once its output is read to the end ('close'), so that output() holds all of it.
        setTimeout(resolve, OUTPUT_DRAIN_MS).unref();
      });
      child.once('close', () => resolve());
      child.once('error', (error) => {
        status.exit = `spawn error: ${error.message}`;
        this.log(run, 'test', status.exit);
        if (this.child === child) this.child = null;
        resolve();
      });
    });

    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (status.exit !== null) {
        throw new Error(`the server exited during startup (${status.exit}). Its output:\n${this.output()}`);
      }
      if (await this.healthy()) {
        this.log(run, 'test', 'healthy');
        return;
      }
      if (Date.now() > deadline) {
        await this.kill();
        throw new Error(`the server did not answer GET /healthz within ${START_TIMEOUT_MS / 1000} s. Its output:\n${this.output()}`);
      }
      await delay(100);
    }
  }

  /** Graceful stop: SIGTERM, then waits for the process to exit and its output to end (SIGKILL after 20 s). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.pid === undefined) return;
    this.log(this.runs, 'test', 'sending SIGTERM');
    child.kill('SIGTERM');
    const timedOut = await Promise.race([this.exited.then(() => false), delay(STOP_TIMEOUT_MS).then(() => true)]);
    if (timedOut) {
      this.log(this.runs, 'test', `no exit ${STOP_TIMEOUT_MS / 1000} s after SIGTERM: killing`);
      await this.kill();
      throw new Error(`the server did not exit within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM. Its output:\n${this.output()}`);
    }
  }

  /** Abrupt stop: SIGKILL to the server and everything it started. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.pid === undefined) return;
    this.log(this.runs, 'test', 'sending SIGKILL to the process group');
    killGroup(child.pid, 'SIGKILL');
    await this.exited;
  }

  /** Stops the server (SIGTERM by default, or SIGKILL) and starts it again: same port, same data. */
  async restart(signal: StopSignal = 'SIGTERM'): Promise<void> {
    if (signal === 'SIGKILL') await this.kill();
    else await this.stop();
    await this.start();
  }

  /** Kills the server and removes its data directory (unless the caller gave it). */
  async dispose(): Promise<void> {
    await this.kill();
    if (!this.options.dataDir) await rm(this.dataDir, { recursive: true, force: true });
  }

  private async healthy(): Promise<boolean> {
    try {
      const response = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      return response.status === 200;
    } catch {
      return false;
    }
  }

  /** After a kill the old process may hold the port for a moment; a new one must not race it. */
  private async waitForPortToClose(): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (await portAnswers(this.port)) {
      if (Date.now() > deadline) throw new Error(`port ${this.port} is still in use; cannot start the server on it`);
      await delay(100);
    }
  }

  private capture(run: number, stream: 'out' | 'err', source: NodeJS.ReadableStream | null): void {
    if (!source) return;
    let pending = '';
    source.setEncoding('utf8');
    source.on('data', (chunk: string) => {
      pending += chunk;
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) this.log(run, stream, line);
    });
    source.on('end', () => {
      if (pending) this.log(run, stream, pending);
      pending = '';
    });
  }

  private log(run: number, stream: 'out' | 'err' | 'test', line: string): void {
    this.lines.push(`[server run ${run} ${stream}] ${line}`);
    if (this.lines.length > MAX_LOG_LINES) this.lines.splice(0, this.lines.length - MAX_LOG_LINES);
  }
}
