/**
 * Socket.IO event names and payloads, shared by the server and the client provider.
 *
 * A socket belongs to one board: the client names it in the handshake (`auth.boardId`). Payloads
 * are y-protocols binary messages (sync, awareness), so the same bytes could travel over any
 * transport, and cursor moves in Tabula's compact form (cursors.ts).
 */

export const SYNC_EVENT = 'sync';
export const AWARENESS_EVENT = 'awareness';
/** From a client: its cursor moved and nothing else changed (cursors.ts). */
export const CURSORS_EVENT = 'cursors';
/** From the server: one fan-out tick of a board (tick.ts). */
export const TICK_EVENT = 'tick';
export const ERROR_EVENT = 'tabula:error';

export interface HandshakeAuth {
  boardId: string;
  /** The board's owner, edit or view token (lib/access); absent for a bare link. */
  token?: string;
}

/** Sent to a client before the server disconnects it, so that it knows why. */
export interface ProtocolError {
  code: ProtocolErrorCode;
  message: string;
}

export type ProtocolErrorCode =
  | 'bad-board-id'
  | 'bad-frame'
  | 'too-large'
  | 'invalid-update'
  | 'storage-failed'
  | 'rate-limited'
  | 'board-deleted'
  /** The client did not read what it was sent, and too much piled up for it. */
  | 'too-slow'
  /** The server is at a cap (connections, sockets on the board, boards in memory): try later. */
  | 'server-busy'
  /** The connection's token is missing or not valid for the board (HTTP's 401). */
  | 'unauthorized'
  /** The token does not grant what was asked (HTTP's 403). */
  | 'forbidden'
  /** The board's owner reset its links: the token this connection opened with no longer works. */
  | 'link-reset'
  /** The server is shutting down: reconnect now (a proxy sends the connection to another instance). */
  | 'server-draining'
  | 'server-error';

/** Acknowledges a document update: `ok` once it is stored, else the reason it was refused. */
export type UpdateAck = (result: { ok: true } | { ok: false; error: string }) => void;

export interface ClientToServerEvents {
  [SYNC_EVENT]: (message: Uint8Array, ack?: UpdateAck) => void;
  [AWARENESS_EVENT]: (update: Uint8Array) => void;
  [CURSORS_EVENT]: (entries: Uint8Array) => void;
}

/** Binary payloads arrive as Uint8Array (Buffer) in Node and as ArrayBuffer in browsers. */
export interface ServerToClientEvents {
  /** Messages to one client are binary, broadcasts base64 text (encodeBroadcast): read with serverFrameBytes. */
  [SYNC_EVENT]: (message: Uint8Array | ArrayBuffer | string) => void;
  [AWARENESS_EVENT]: (update: Uint8Array | ArrayBuffer | string) => void;
  [TICK_EVENT]: (tick: Uint8Array | ArrayBuffer | string) => void;
  [ERROR_EVENT]: (error: ProtocolError) => void;
}
