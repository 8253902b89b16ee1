/**
 * A client in its own process, for timing a cold load without the server and the client sharing
 * one event loop: on each `{ url, boardId }` message it connects a fresh BoardProvider and replies
 * with the milliseconds from connecting until the board's first sync message arrived (the
 * server's part, plus the transfer) and until it was applied (synced).
 *
 *   fork('bench/support/cold-client.ts', { execArgv: ['--import', 'tsx'] })
 */
import { SYNC_EVENT } from '../../lib/protocol';
import { createPeer } from '../../server/test/support/peer';

interface ColdLoadRequest {
  url: string;
  boardId: string;
}

export interface ColdLoadTimes {
  arrivedMs: number;
  syncedMs: number;
}

process.on('message', async ({ url, boardId }: ColdLoadRequest) => {
  const peer = createPeer(url, boardId, { connect: false });
  let arrivedMs = NaN;
  let started = 0;
  // Registered before the provider's own listener is reached: the time the frame is here.
  peer.provider.socket.prependAny((event: string) => {
    if (event === SYNC_EVENT && Number.isNaN(arrivedMs)) arrivedMs = performance.now() - started;
  });
  started = performance.now();
  peer.provider.connect();
  await peer.provider.whenSynced();
  const times: ColdLoadTimes = { arrivedMs, syncedMs: performance.now() - started };
  peer.destroy();
  process.send!(times);
});
process.send!('ready');
