/**
 * A Redis server of the test's own (redis-server on a free loopback port, nothing saved), for the
 * tests that stop and restart Redis: the shared one is never touched. Restarted on the same port,
 * so that the instances' connections find it again.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { freePort, waitForPort } from './ports';

export const REDIS_SERVER_BINARY = process.env.REDIS_SERVER_PATH ?? 'redis-server';

export class RedisProcess {
  private child: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<RedisProcess> {
    const redis = new RedisProcess(await freePort());
    await redis.start();
    return redis;
  }

  async start(): Promise<void> {
    const child = spawn(REDIS_SERVER_BINARY, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    this.child = child;
    await waitForPort(this.port, () => child.exitCode !== null);
  }

  /** Kills it (SIGKILL): its clients see their connections drop. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}
