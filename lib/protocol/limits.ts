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

/**
 * A board file imported whole: by `POST /api/boards` (read as it arrives, never held whole) or
 * into an open board in the browser. 100,000 shapes of a typical drawing (half of them pen strokes
 * of 50 points) are 40 to 90 MB of JSON, depending on how it is written.
 */
export const MAX_IMPORT_BYTES = 128 * 1024 * 1024;

/** One awareness update: a cursor, a name, a selection, a live preview of a gesture. */
export const MAX_AWARENESS_BYTES = 64 * 1024;

/**
 * What one connection may send: messages (and bytes) a second, sustained, with room for a burst
 * (a backlog after a stalled tab, a whole board drawn offline). A browser sends at most about 60
 * messages a second (presence at 30, edits merged per task); a connection over the budget is
 * told so ('rate-limited') and closed, and Tabula's provider reconnects after a backoff.
 */
export const MAX_MESSAGES_PER_SECOND = 200;
export const MESSAGE_BURST = 1_000;
export const MAX_BYTES_PER_SECOND = 8 * 1024 * 1024;
export const BYTE_BURST = 2 * MAX_SYNC_STEP2_BYTES;

/**
 * Presence client ids one connection may introduce (a browser uses one; a few more leave room for
 * a page that opens another awareness). The server drops entries for any other id.
 */
export const MAX_PRESENCE_CLIENTS_PER_CONNECTION = 4;

// ---- Connections and memory (server/sync, server/rooms; overridden by the configuration) ----

/**
 * Bytes that may wait to be written to one socket. A client that does not read (frozen, or
 * malicious) is disconnected past this ('too-slow') instead of being buffered for without end. It
 * is above the largest single message, a whole board of MAX_SYNC_STEP2_BYTES.
 */
export const MAX_QUEUED_BYTES_PER_SOCKET = MAX_SYNC_STEP2_BYTES + 16 * 1024 * 1024;
/** Open connections (both transports together) from one client address. */
export const MAX_CONNECTIONS_PER_ADDRESS = 256;
/** Sockets on one board. */
export const MAX_SOCKETS_PER_BOARD = 500;
/**
 * Boards in memory. Past it, the least recently used board that nobody is on is unloaded first;
 * when every board in memory has people on it, opening one more is refused ('server-busy').
 */
export const MAX_BOARDS_IN_MEMORY = 1_000;
/**
 * How long the drain on SIGTERM (storing the open boards, the clients' close handshakes) may take
 * before the process exits anyway.
 */
export const SHUTDOWN_DEADLINE_MS = 10_000;

/** Display names longer than this are clamped by the server. */
export const MAX_NAME_LENGTH = 64;

/**
 * The server fans out per tick, never per change: the updates stored during a tick, the presence
 * states that changed and the cursor moves go out as one message per recipient. A quiet board
 * sends at once (the tick only holds back what follows a send). The tick grows with the board's
 * audience, by FAN_OUT_TICK_MS_PER_SOCKET, from FAN_OUT_TICK_MIN_MS to FAN_OUT_TICK_MAX_MS: a
 * small board gets changes almost as they come, and sends stay bounded however many people edit
 * and move at once (at most 100 messages a second per socket, 33 from 30 sockets on), where
 * relaying each change would be N^2. The maximum was chosen with bench/presence-load.ts at 200
 * people moving and editing: a shorter tick cost more CPU, a longer one delayed edits
 * (docs/benchmarks.md has the figures).
 */
export const FAN_OUT_TICK_MAX_MS = 30;
export const FAN_OUT_TICK_MIN_MS = 10;
export const FAN_OUT_TICK_MS_PER_SOCKET = 1;

/** The fan-out tick of a board with this many sockets. */
export function fanOutTickMs(sockets: number): number {
  return Math.min(FAN_OUT_TICK_MAX_MS, Math.max(FAN_OUT_TICK_MIN_MS, sockets * FAN_OUT_TICK_MS_PER_SOCKET));
}

/**
 * Cursor moves alone may be dropped for a socket that is busy (each is superseded by the next);
 * once a person has not moved for this long, the server sends their position again, reliably, so
 * that a dropped last move does not leave their cursor in the wrong place on someone's screen.
 */
export const CURSOR_SETTLE_MS = 300;

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

// ---- Update validation (server/security/validation) ----

/**
 * Structs and deletion ranges in one update (with the headers of their runs). Real edits take
 * about 20 bytes a struct (a rectangle is 9 structs), so a 4 MB update holds about 200,000 of
 * them; a crafted one packs a struct into 2 bytes. Checking and merging cost per struct, not per
 * byte, so the count is capped on its own, and reading stops at the cap.
 */
export const MAX_UPDATE_STRUCTS = 250_000;
/** The same for a sync step 2, which may carry a whole board drawn offline (32 MB). */
export const MAX_SYNC_STEP2_STRUCTS = 2_000_000;

/**
 * Items one update may write under one key of one map (a property of one shape). A gesture writes
 * each property once and a task's merged edits a few times; thousands of overwrites in one update
 * is a script churning the board, and each one stays in the board's history for good. A sync
 * step 2 is not capped this way: it may bring a long offline session's moves.
 */
export const MAX_KEY_WRITES_PER_UPDATE = 1_000;

/**
 * Checking an update may take VALIDATION_BASE_MS of processor time plus VALIDATION_MS_PER_STRUCT
 * per struct; past that it is refused. Checking is linear (about 2-5 µs a struct here) and the caps
 * above bound its cost: this is the backstop for whatever they missed, with room for a cold start
 * (the first checks run before the JIT has compiled them) and for garbage collection.
 */
export const VALIDATION_BASE_MS = 100;
export const VALIDATION_MS_PER_STRUCT = 0.02;

/**
 * The work Yjs may spend merging an update (server/security/validation/merge-cost.ts): one unit
 * per item, plus the items it must scan past to find its place. An honest update costs about
 * one unit per item; one that writes far back in a long history, or many concurrent siblings,
 * costs the square of its size and is refused.
 */
export const MERGE_WORK_BASE = 100_000;
export const MERGE_WORK_PER_STRUCT = 16;

/**
 * Clocks one update of a client's may delete (lib/sync/deletion-parts.ts). Deleting is not
 * linear in Yjs 13.6: once a transaction has deleted its items, it merges each run of collected
 * ones (`tryToMergeWithLefts`), splicing the client's array of structs once per run, so one
 * transaction deleting N shapes costs about N times the structs beside them (measured: 5,000
 * shapes 0.5 s, 20,000 4 s, 40,000 16 s). A larger deletion goes in parts of this many clocks
 * (about 1,000 shapes), each well under the merge work the server takes (MERGE_WORK_BASE).
 */
export const DELETION_PART_CLOCKS = 10_000;

/**
 * Structs one update of a client's carries when one transaction adds more (undoing the deletion
 * of 20,000 shapes puts some 200,000 back: lib/sync/struct-parts.ts): about 500 shapes, far
 * within MAX_UPDATE_STRUCTS, and checked in a fifth or less of the time allowed (VALIDATION_*:
 * 200 ms for a part; 25-60 ms measured), so that a garbage collection landing in the check still
 * leaves room.
 */
export const STRUCT_PART_STRUCTS = 5_000;

/**
 * The server applies the updates that arrive together in one transaction, up to this much merge
 * work; the rest wait for the next turn of the event loop. Yjs merges deleted runs when a
 * transaction ends, so this bounds that step too: the parts of a large deletion are applied a
 * part or two at a time, with others' edits in between.
 */
export const MERGE_WORK_PER_TRANSACTION = 25_000;

// ---- HTTP (server/http) ----

/*
 * HTTP (server/http): requests that decode or store a whole board (reading a board, its SVG
 * export, versions, creating a board from a file, uploading an image) spend from two buckets per
 * client address: requests, and the bytes they cost (the answer's body, or the request's), charged
 * once the request has been served. Past either, the next request is answered 429 with
 * Retry-After. Small boards cost next to nothing, so people, scripts and test suites working with
 * them never meet the limit; a loop on a large board is slowed to the byte rate, which is what
 * decoding it costs the server. The server's configuration (HTTP_RATE_*) overrides all four.
 */
export const HTTP_RATE_PER_SECOND = 20;
export const HTTP_RATE_BURST = 200;
export const HTTP_RATE_BYTES_PER_SECOND = 16 * 1024 * 1024;
export const HTTP_RATE_BYTE_BURST = 64 * 1024 * 1024;
/** Client addresses tracked at once; past it, the least recently seen are forgotten first. */
export const HTTP_RATE_MAX_CLIENTS = 10_000;
/** Text from a request that an error answer quotes (a parser's message, a header) is cut to this. */
export const MAX_ECHOED_CHARS = 200;

/**
 * The largest side, in CSS pixels, of the first view the server draws for a page that is opening
 * (GET /api/boards/<id>/view.svg): past any screen, short of a drawing that costs the server.
 */
export const MAX_VIEW_SIDE = 8_192;
