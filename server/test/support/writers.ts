/**
 * Writers in processes of their own (writer-process.ts), for the tests that prove durability by
 * the store alone: each lists the edits the server acknowledged to it, and can be frozen so that
 * it cannot send again what a killed server lost.
 */
import { type ChildProcess, spawn } from 'node:child_process';

/** A writer process and the edits the server acknowledged to it. */
export interface Writer {
  process: ChildProcess;
  acknowledged: string[];
  synced: Promise<void>;
  /** Resolves when the process has exited and all it printed has been read. */
  closed: Promise<void>;
}

export function startWriter(url: string, boardId: string, prefix: string): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/test/support/writer-process.ts', url, boardId, prefix], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acknowledged: string[] = [];
  let pending = '';
  let markSynced: () => void = () => undefined;
  const synced = new Promise<void>((resolve) => (markSynced = resolve));
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'synced') markSynced();
      else if (line.startsWith('ack ')) acknowledged.push(line.slice(4));
    }
  });
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(`[writer ${prefix}] ${String(chunk)}`));
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return { process: child, acknowledged, synced, closed };
}

/** Freezes the writers: from now on they send nothing, and never again. */
export function freeze(writers: readonly Writer[]): void {
  for (const writer of writers) writer.process.kill('SIGSTOP');
}

/** Ends frozen writers and reads the last acknowledgements they printed before the freeze. */
export async function collect(writers: readonly Writer[]): Promise<string[]> {
  for (const writer of writers) writer.process.kill('SIGKILL');
  await Promise.all(writers.map((writer) => writer.closed));
  return writers.flatMap((writer) => writer.acknowledged);
}

