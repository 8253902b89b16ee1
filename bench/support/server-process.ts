/**
 * Starting and measuring a Tabula server for benchmarks: one detached `node --import tsx
 * server/main.ts` process (its pid is the server's), loopback only, its own data directory;
 * CPU time and peak memory read from /proc; stopped by its pid.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface ServerOptions {
  /** Serve the Next.js UI (needs a production build in .next); false for sync only. */
  ui?: boolean;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  env?: Record<string, string>;
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

/** utime + stime of a process in milliseconds. */
export async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // CLK_TCK is 100 on Linux
}

/** Peak resident memory (VmHWM) and current (VmRSS) in MB. */
export async function memoryMb(pid: number): Promise<{ peak: number; current: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { peak: kb('VmHWM') / 1024, current: kb('VmRSS') / 1024 };
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
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tabula-bench-'));
    const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--import', 'tsx', 'server/main.ts'], {
      cwd: process.cwd(),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
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
    const output: string[] = [];
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      // BENCH_SERVER_STDERR=1 shows the server's own diagnostics while a benchmark runs.
      if (process.env.BENCH_SERVER_STDERR) process.stderr.write(chunk);
    });
    const server = new BenchServer(`http://127.0.0.1:${port}`, child.pid!, child, dataDir, output);
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the server exited: ${output.join('')}`);
      try {
        const response = await fetch(`${server.url}/healthz`);
        if (response.ok) return server;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await server.stop();
    throw new Error(`the server did not start: ${output.join('')}`);
  }

  log(): string {
    return this.output.join('');
  }

  /** SIGTERM (lets --cpu-prof write its profile), SIGKILL after 10 s; removes the data. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      process.kill(this.pid, 'SIGTERM');
      const timer = setTimeout(() => this.child.exitCode === null && process.kill(this.pid, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function now(): number {
  return performance.timeOrigin + performance.now();
}
