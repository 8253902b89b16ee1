/**
 * Every size and timing limit of the wire protocol, in one place. The server and the client both
 * read these, so that a client never sends what the server would refuse.
 */

/** A single document update (one gesture, one paste). Larger updates are refused with a reason. */
export const MAX_UPDATE_BYTES = 4 * 1024 * 1024;

/**
 * A sync step 2 may carry a whole board (a client that drew offline, or a large import), so it may
 * be larger than an update. This is also the transport's hard frame limit (`maxHttpBufferSize`):
 * Engine.IO drops a socket whose frame exceeds it before any handler sees the frame.
 */
export const MAX_SYNC_STEP2_BYTES = 32 * 1024 * 1024;

/** One awareness update: a cursor, a name, a selection, a live preview of a gesture. */
export const MAX_AWARENESS_BYTES = 64 * 1024;

/** Display names longer than this are clamped by the server. */
export const MAX_NAME_LENGTH = 64;

/**
 * The server gathers awareness changes for a board during one tick and sends them as one message
 * per recipient: at once when the last message is a tick old, else at the end of the tick. The
 * tick grows with the board's audience, by AWARENESS_BATCH_MS_PER_SOCKET, from
 * AWARENESS_BATCH_MIN_MS to AWARENESS_BATCH_MS: a small board gets cursors almost as they come,
 * and the sends a second stay bounded (at most 100 per socket, 25 per socket from 40 sockets on)
 * however many people move at once: N sends a tick instead of N^2.
 */
export const AWARENESS_BATCH_MS = 40;
export const AWARENESS_BATCH_MIN_MS = 10;
export const AWARENESS_BATCH_MS_PER_SOCKET = 1;

/** The awareness tick of a board with this many sockets. */
export function awarenessBatchMs(sockets: number): number {
  return Math.min(AWARENESS_BATCH_MS, Math.max(AWARENESS_BATCH_MIN_MS, sockets * AWARENESS_BATCH_MS_PER_SOCKET));
}

/**
 * The server relays a board's stored updates at most once per this interval, merged into one
 * message per recipient: at once when the board was quiet, else at the end of the interval. With
 * 200 people making 5 edits a second, relaying each update to each peer would be 200,000 sends a
 * second; one merged message per tick is 50 per recipient, whatever the number of editors.
 */
export const UPDATE_BATCH_MS = 20;

/** A client sends its own awareness at most this often: under 30 times a second (1000 / 34). */
export const AWARENESS_THROTTLE_MS = 34;

/**
 * Reconnection backoff: first retry after about half a second, doubling up to 5 s, with jitter so
 * that a restarted server is not hit by every client at the same instant.
 */
export const RECONNECT_DELAY_MS = 500;
export const RECONNECT_DELAY_MAX_MS = 5000;
export const RECONNECT_JITTER = 0.5;

/** Give up on a connection attempt (and retry) after this long. */
export const CONNECT_TIMEOUT_MS = 10_000;
