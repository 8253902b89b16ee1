/**
 * A writer in a process of its own, for the restart tests: it joins a board and adds rectangles
 * one after another, each once the last is acknowledged as stored, about 50 a second (a busy
 * person; well inside the connection's send budget), and prints `ack <shapeId>` for each
 * acknowledgement it received. Being a process, it can be frozen (SIGSTOP) before the server
 * is killed, so that it cannot send again what the server lost: what survives is then what the
 * store kept, and nothing else.
 *
 *   node --import tsx server/test/support/writer-process.ts <serverUrl> <boardId> <idPrefix>
 */
import { addShape } from '../../../lib/board/doc';
import { TEST_ADMIN_TOKEN } from './access';
import { createPeer, withTimeout } from './peer';

const [url, boardId, prefix] = process.argv.slice(2);
if (!url || !boardId || !prefix) throw new Error('usage: writer-process.ts <serverUrl> <boardId> <idPrefix>');

// As the admin: the board may be an invite board (created through the API).
const peer = createPeer(url, boardId, { token: TEST_ADMIN_TOKEN });
await withTimeout(peer.provider.whenSynced(), 30_000, 'the writer did not sync');
process.stdout.write('synced\n');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
for (let i = 0; ; i++) {
  const id = `${prefix}-${i}`;
  addShape(peer.doc, { id, type: 'rectangle', x: i % 1000, y: Math.floor(i / 1000), w: 10, h: 10 });
  // The provider counts the server's acks, which come once the edit is stored. Nothing pending
  // while connected and synced means acknowledged; a provider that lost its connection has
  // nothing pending either, and its edits are not acknowledged: the writer stops there.
  while (peer.provider.synced && peer.provider.pendingUpdates > 0) await pause(1);
  if (!peer.provider.synced) throw new Error(`the writer lost its connection (${peer.provider.status})`);
  process.stdout.write(`ack ${id}\n`);
  await pause(20);
}
