/**
 * Raw clients for hostile tests: they send whatever frames a test gives them, on either transport,
 * and report how the server closed them. They hold no document and never reconnect.
 *
 * What they observe is the outside contract only: on Socket.IO, a `tabula:error` {code, message}
 * followed by a disconnect; on /yjs, a WebSocket close with a code and a reason.
 */
import { io as connect, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate, encodeYjsSyncFrame, ERROR_EVENT, type ProtocolError, SYNC_EVENT, YJS_MESSAGE_SYNC } from '../../../lib/protocol';

export type Transport = 'socket.io' | 'yjs';
/** Also raw Engine.IO: Socket.IO's packets written by hand, below what socket.io-client sends. */
export type RawTransport = Transport | 'engine.io';
export const TRANSPORTS: readonly Transport[] = ['socket.io', 'yjs'];

export interface Refusal {
  /** Socket.IO: the error's code ('connect_error' if refused at the handshake); /yjs: the close code, or the HTTP status of a refused upgrade. */
  code: string | number;
  /** Socket.IO: the error's message; /yjs: the close reason. */
  reason: string;
}

export interface RawClient {
  transport: RawTransport;
  /** Sends a y-protocols sync message (step 1, step 2 or update). */
  sendSync(message: Uint8Array): void;
  /** Sends an update as a y-protocols update message. */
  sendUpdate(update: Uint8Array): void;
  /** Sends a frame as it is: Socket.IO, an event and its payload; /yjs, the bytes (or text) of a message. */
  sendFrame(frame: { event: string; payload: unknown } | Uint8Array | string): void;
  /** Resolves once the server has answered the client's first message (the board is loaded). */
  ready: Promise<void>;
  /**
   * Sends a sync step 1 and resolves true once the server has answered it, that is, has handled
   * everything sent before it; false if the connection closes first.
   */
  probe(): Promise<boolean>;
  /** Resolves with how the server closed the connection (or the client did: code 'client'). */
  closed: Promise<Refusal>;
  readonly isClosed: boolean;
  destroy(): void;
}

/** `token`: the board's access token (Socket.IO's `auth.token`, /yjs's `?token=`). */
export function openRawClient(transport: RawTransport, url: string, boardId: string, token?: string): RawClient {
  if (transport === 'socket.io') return socketIoClient(url, boardId, token);
  return transport === 'yjs' ? yjsClient(url, boardId, token) : engineIoClient(url, boardId);
}

/** Resolves with `answered()`'s promise, or false once the connection is closed. */
function unlessClosed(closed: Promise<Refusal>, answered: Promise<unknown>): Promise<boolean> {
  return Promise.race([answered.then(() => true), closed.then(() => false)]);
}

/**
 * A raw client that has done the sync handshake of a client with nothing (its step 1 and an empty
 * step 2), so that the server counts its step 2 as in.
 */
export async function openSyncedRawClient(transport: Transport, url: string, boardId: string, token?: string): Promise<RawClient> {
  const client = openRawClient(transport, url, boardId, token);
  const empty = new Y.Doc();
  client.sendSync(encodeSyncStep1(empty));
  client.sendSync(encodeSyncStep2(empty));
  await Promise.race([client.ready, client.closed.then((refusal) => Promise.reject(new Error(`closed before the handshake: ${refusal.reason}`)))]);
  return client;
}

function socketIoClient(url: string, boardId: string, token?: string): RawClient {
  const socket: Socket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: token ? { boardId, token } : { boardId } });
  const errors: ProtocolError[] = [];
  let isClosed = false;
  socket.on(ERROR_EVENT, (error: ProtocolError) => errors.push(error));
  const closed = new Promise<Refusal>((resolve) => {
    socket.on('disconnect', (why) => {
      isClosed = true;
      const error = errors[0];
      resolve(error ? { code: error.code, reason: error.message } : { code: why === 'io client disconnect' ? 'client' : 'none', reason: why });
    });
    socket.on('connect_error', (error) => {
      isClosed = true;
      resolve({ code: 'connect_error', reason: error.message });
    });
  });
  const ready = new Promise<void>((resolve) => socket.once(SYNC_EVENT, () => resolve()));
  const emit = (event: string, payload: unknown) => {
    if (!isClosed) socket.emit(event, payload);
  };
  return {
    transport: 'socket.io',
    probe: () => unlessClosed(closed, new Promise((resolve) => !isClosed && socket.emit(SYNC_EVENT, encodeSyncStep1(new Y.Doc()), resolve))),
    sendSync: (message) => emit(SYNC_EVENT, message),
    sendUpdate: (update) => emit(SYNC_EVENT, encodeSyncUpdate(update)),
    sendFrame(frame) {
      if (frame instanceof Uint8Array || typeof frame === 'string') emit(SYNC_EVENT, frame);
      else emit(frame.event, frame.payload);
    },
    ready,
    closed,
    get isClosed() {
      return isClosed;
    },
    destroy: () => void socket.disconnect(),
  };
}

function yjsClient(url: string, boardId: string, token?: string): RawClient {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/yjs/${boardId}${token ? `?token=${encodeURIComponent(token)}` : ''}`);
  let isClosed = false;
  const queued: Array<Uint8Array | string> = [];
  ws.on('open', () => {
    for (const frame of queued.splice(0)) ws.send(frame);
  });
  ws.on('error', () => undefined);
  const closed = new Promise<Refusal>((resolve) => {
    ws.on('close', (code, reason) => {
      isClosed = true;
      resolve({ code, reason: reason.toString() });
    });
    // Refused at the upgrade (a bad id, a foreign origin, too many connections): an HTTP answer.
    ws.on('unexpected-response', (request, response) => {
      isClosed = true;
      resolve({ code: response.statusCode ?? 0, reason: `HTTP ${response.statusCode} ${response.statusMessage ?? ''}`.trim() });
      request.destroy();
    });
  });
  const ready = new Promise<void>((resolve) => ws.once('message', () => resolve()));
  const send = (frame: Uint8Array | string) => {
    if (isClosed) return;
    if (ws.readyState === WebSocket.OPEN) ws.send(frame);
    else if (ws.readyState === WebSocket.CONNECTING) queued.push(frame);
  };
  return {
    transport: 'yjs',
    probe() {
      // The answer to a step 1 is a step 2: sync message 0, type 1.
      const answered = new Promise<void>((resolve) => {
        const listener = (data: Buffer) => {
          if (data[0] !== YJS_MESSAGE_SYNC || data[1] !== 1) return;
          ws.off('message', listener);
          resolve();
        };
        ws.on('message', listener);
      });
      send(encodeYjsSyncFrame(encodeSyncStep1(new Y.Doc())));
      return unlessClosed(closed, answered);
    },
    sendSync: (message) => send(encodeYjsSyncFrame(message)),
    sendUpdate: (update) => send(encodeYjsSyncFrame(encodeSyncUpdate(update))),
    sendFrame(frame) {
      if (frame instanceof Uint8Array || typeof frame === 'string') send(frame);
      else send(frame.payload instanceof Uint8Array ? frame.payload : JSON.stringify(frame.payload));
    },
    ready,
    closed,
    get isClosed() {
      return isClosed;
    },
    destroy: () => ws.terminate(),
  };
}

/**
 * Socket.IO spoken by hand over a WebSocket (Engine.IO protocol 4): the open packet, the namespace
 * connect with the board id, then whatever the test writes, well-formed or not.
 */
function engineIoClient(url: string, boardId: string): RawClient {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
  let isClosed = false;
  const queued: Array<Uint8Array | string> = [];
  let connected = false;
  const closed = new Promise<Refusal>((resolve) => {
    ws.on('close', (code, reason) => {
      isClosed = true;
      resolve({ code, reason: reason.toString() });
    });
  });
  ws.on('error', () => undefined);
  const ready = new Promise<void>((resolve) => {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const text = isBinary ? '' : data.toString();
      if (text.startsWith('0')) ws.send(`40${JSON.stringify({ boardId })}`);
      else if (text === '2') ws.send('3');
      else if (text.startsWith('40') && !connected) {
        connected = true;
        for (const frame of queued.splice(0)) ws.send(frame);
        resolve();
      }
    });
  });
  const send = (frame: Uint8Array | string) => {
    if (isClosed) return;
    if (connected && ws.readyState === WebSocket.OPEN) ws.send(frame);
    else queued.push(frame);
  };
  let nextAck = 0;
  const sendEvent = (event: string, payload: unknown, ack?: number) => {
    const id = ack === undefined ? '' : String(ack);
    if (payload instanceof Uint8Array) {
      send(`451-${id}${JSON.stringify([event, { _placeholder: true, num: 0 }])}`);
      send(payload);
    } else {
      send(`42${id}${JSON.stringify([event, payload])}`);
    }
  };
  return {
    transport: 'engine.io',
    sendSync: (message) => sendEvent(SYNC_EVENT, message),
    sendUpdate: (update) => sendEvent(SYNC_EVENT, encodeSyncUpdate(update)),
    sendFrame(frame) {
      if (frame instanceof Uint8Array || typeof frame === 'string') send(frame);
      else sendEvent(frame.event, frame.payload);
    },
    probe() {
      const ack = nextAck++;
      const answered = new Promise<void>((resolve) => {
        const listener = (data: Buffer, isBinary: boolean) => {
          if (isBinary || !data.toString().startsWith(`43${ack}`)) return;
          ws.off('message', listener);
          resolve();
        };
        ws.on('message', listener);
      });
      sendEvent(SYNC_EVENT, encodeSyncStep1(new Y.Doc()), ack);
      return unlessClosed(closed, answered);
    },
    ready,
    closed,
    get isClosed() {
      return isClosed;
    },
    destroy: () => ws.terminate(),
  };
}

/** Whether a refusal says this protocol code (a Socket.IO error's code, or the start of a /yjs close reason). */
export function refusedWith(refusal: Refusal, code: string): boolean {
  return refusal.code === code || refusal.reason.startsWith(`${code}:`);
}
