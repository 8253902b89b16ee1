/**
 * The server for memory benchmarks (`BenchServer.start({ entry, nodeFlags: ['--expose-gc'] })`):
 * server/main.ts, plus an answer to SIGUSR2 (a full garbage collection, then one line
 * `MEMORY {...}` of `process.memoryUsage()` on stderr), so that the benchmark reads the heap that
 * stays rather than garbage not yet collected. With BENCH_HEAP_SNAPSHOT_DIR set, each answer also
 * writes a heap snapshot there (for Chrome's DevTools, Memory tab: compare two).
 */
import { writeHeapSnapshot } from 'node:v8';
import path from 'node:path';

let snapshots = 0;
process.on('SIGUSR2', () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('start the server with --expose-gc');
  gc();
  gc();
  const dir = process.env.BENCH_HEAP_SNAPSHOT_DIR;
  if (dir) writeHeapSnapshot(path.join(dir, `server-${++snapshots}.heapsnapshot`));
  process.stderr.write(`MEMORY ${JSON.stringify(process.memoryUsage())}\n`);
});

await import('../../server/main');
