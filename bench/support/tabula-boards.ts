/** Boards on a benchmark's Tabula server: creating one, and waiting until the server is quiet. */
import type { TestServer } from '../../e2e/support/server';
import { cpuMs } from './proc';
import { sleep } from './stats';

/** A new board from a Tabula JSON body (`POST /api/boards`); resolves with its edit link (an invite board). */
export async function createBoard(url: string, body: string): Promise<string> {
  const response = await fetch(`${url}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  if (response.status !== 201) throw new Error(`POST /api/boards: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { editLink: string }).editLink;
}

/**
 * Waits until the server is quiet: the board of the previous open is unloaded once its last
 * socket has gone for ROOM_IDLE_UNLOAD_MS (`idleUnloadMs`), and stored, compacted and versioned
 * then, which would otherwise run during the next open and be counted in it.
 */
export async function serverSettled(server: TestServer, idleUnloadMs = 2_000): Promise<void> {
  const pid = server.pid;
  if (pid === undefined) return;
  await sleep(idleUnloadMs + 500);
  const deadline = Date.now() + 15_000;
  for (let before = cpuMs(pid); Date.now() < deadline; ) {
    await sleep(500);
    const now = cpuMs(pid);
    if (now - before < 25) return;
    before = now;
  }
}

/** How many boards the server holds in memory (its /metrics, open on a benchmark's server). */
export async function boardsInMemory(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const match = /^tabula_boards_in_memory (\d+)/m.exec(text);
  if (!match) throw new Error('GET /metrics has no tabula_boards_in_memory');
  return Number(match[1]);
}
