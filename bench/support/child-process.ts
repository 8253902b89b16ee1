/**
 * A benchmark's generator processes: the benchmark's own file forked with `--role <role>`, talking
 * by typed messages; `next(type)` resolves with the next message of that type (queued if it came
 * first), and rejects if the process exits before it.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ChildMessage {
  type: string;
  [key: string]: unknown;
}

export function spawnChild(moduleUrl: string, role: string, env: Record<string, string>): { child: ChildProcess; next: (type: string) => Promise<ChildMessage> } {
  const child = fork(fileURLToPath(moduleUrl), ['--role', role], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env } });
  const queue: ChildMessage[] = [];
  const waiters: { type: string; resolve: (message: ChildMessage) => void }[] = [];
  child.on('message', (message: ChildMessage) => {
    const waiter = waiters.findIndex((w) => w.type === message.type);
    if (waiter >= 0) waiters.splice(waiter, 1)[0]!.resolve(message);
    else queue.push(message);
  });
  const next = (type: string) =>
    new Promise<ChildMessage>((resolve, reject) => {
      const queued = queue.findIndex((m) => m.type === type);
      if (queued >= 0) return resolve(queue.splice(queued, 1)[0]!);
      // Removed once answered, so that a long run asking many times does not pile up listeners.
      const exited = (code: number | null) => reject(new Error(`${role} process exited (${code}) before "${type}"`));
      child.once('exit', exited);
      waiters.push({
        type,
        resolve: (message) => {
          child.off('exit', exited);
          resolve(message);
        },
      });
    });
  return { child, next };
}
