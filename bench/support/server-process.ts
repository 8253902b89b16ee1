/**
 * Starting a Tabula server for benchmarks: one detached `node --import tsx server/main.ts` process
 * (one process, so its pid is the server's for /proc; tsx's CLI would fork a second node),
 * loopback only, its own data directory, the embedded store unless the caller passes a
 * DATABASE_URL. Stopped by its process group (which also holds tsx's esbuild service); every
 * server still running and every data directory is removed when the benchmark exits, on success,
 * on error and on Ctrl-C.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sleep } from './stats';

export interface ServerOptions {
  /** Serve the Next.js UI (needs a production build in .next); false for sync only. */
  ui?: boolean;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  /** Another entry file than server/main.ts (an instrumented variant, to compare without editing server/). */
  entry?: string;
  env?: Record<string, string>;
}

const running = new Set<BenchServer>();

function removeEverything(): void {
  for (const server of running) server.kill();
}
process.on('exit', removeEverything);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the server and removing its data`);
    removeEverything();
    process.exit(130);
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export class BenchServer {
  private constructor(
    readonly url: string,
    readonly pid: number,
    private readonly child: ChildProcess,
    private readonly dataDir: string,
    private readonly output: string[],
  ) {}

  static async start(options: ServerOptions = {}): Promise<BenchServer> {
    const port = await freePort();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tabula-bench-'));
    // The embedded store and no Redis, whatever this shell has in DATABASE_URL and REDIS_URL
    // (options.env may set them).
    const { DATABASE_URL: _ignored, REDIS_URL: _alone, ...inherited } = process.env;
    const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--import', 'tsx', options.entry ?? 'server/main.ts'], {
      cwd: process.cwd(),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...inherited,
        SERVE_UI: options.ui ? 'true' : 'false',
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        ...options.env,
      },
    });
    if (child.pid === undefined) throw new Error('could not start the server');
    const output: string[] = [];
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      // BENCH_SERVER_STDERR=1 shows the server's own diagnostics while a benchmark runs.
      if (process.env.BENCH_SERVER_STDERR) process.stderr.write(chunk);
    });
    const server = new BenchServer(`http://127.0.0.1:${port}`, child.pid, child, dataDir, output);
    running.add(server);
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) break;
      try {
        const response = await fetch(`${server.url}/healthz`);
        if (response.ok) return server;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    await server.stop();
    throw new Error(`the server did not start: ${output.join('')}`);
  }

  log(): string {
    return this.output.join('');
  }

  /** SIGTERM (lets --cpu-prof write its profile and the store flush), SIGKILL after 10 s; removes the data. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.signal('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
    }
    this.kill();
  }

  /** Kills whatever is left of the server's process group and removes its data, at once. */
  kill(): void {
    this.signal('SIGKILL');
    rmSync(this.dataDir, { recursive: true, force: true });
    running.delete(this);
  }

  private signal(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.pid, signal);
    } catch {
      // already gone
    }
  }
}
