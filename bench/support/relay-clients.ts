/**
 * The people of bench/relay-tail.ts (the workload of issue 14's relay paragraph): each owns one
 * note and sends one update per edit (its x, y, w and h, written as one `box` as Tabula stores
 * them) and one presence message per cursor move. Light people count what they receive and decode
 * none of it:
 *
 *   YjsLightPerson       a raw WebSocket speaking the standard Yjs protocol (what y-websocket's
 *                        provider sends: a full awareness update per move)
 *   SocketIoLightPerson  a socket.io-client connection: one update per edit with an ack, the full
 *                        presence once, then one compact cursor entry per move
 *
 * `yjsObserverLink` connects an Observer (observer.ts) over the standard Yjs protocol: it decodes
 * and applies everything (and, unlike y-websocket's provider, does not send others' presence back).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { io, type Socket } from 'socket.io-client';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addShape, getShapesMap } from '../../lib/board/doc';
import { encodeCursorEntries } from '../../lib/protocol/cursors';
import { encodeAwarenessEntries, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate } from '../../lib/protocol/messages';
import { AWARENESS_EVENT, CURSORS_EVENT, SYNC_EVENT } from '../../lib/protocol/events';
import { encodeYjsAwarenessFrame, encodeYjsSyncFrame, YJS_MESSAGE_AWARENESS, YJS_MESSAGE_SYNC } from '../../lib/protocol/yjs-frames';
import { editOwnNote, type ObserverLink } from './observer';

export interface PersonStats {
  sentCursors: number;
  sentEdits: number;
  receivedMessages: number;
  receivedBytes: number;
}


/** What both kinds of light person share: the note, its edits, the cursor and its send times. */
abstract class LightPerson {
  readonly doc = new Y.Doc();
  readonly stats: PersonStats = { sentCursors: 0, sentEdits: 0, receivedMessages: 0, receivedBytes: 0 };
  protected clock = 0;
  private seq = 0;
  private shape: Y.Map<unknown> | null = null;
  protected readonly state: { user: { name: string; color: string; id: string }; cursor: { x: number; y: number }; selection: string[] };

  constructor(
    readonly index: number,
    private readonly t0: number,
  ) {
    this.state = { user: { name: `Person ${index}`, color: '#1971c2', id: `light-${index}` }, cursor: { x: 0, y: 0 }, selection: [] };
    this.doc.on('update', (update: Uint8Array) => this.sendUpdate(update));
  }

  get shapeId(): string {
    return `light${this.index}`;
  }

  get lastSeq(): number {
    return this.seq;
  }

  abstract connect(): Promise<void>;
  abstract close(): void;
  protected abstract sendUpdate(update: Uint8Array): void;
  protected abstract sendCursor(): void;

  createShape(): void {
    addShape(this.doc, { id: this.shapeId, type: 'sticky', x: (this.index % 40) * 120, y: Math.floor(this.index / 40) * 120, w: 100, h: 100, text: 'start' });
    this.shape = getShapesMap(this.doc).get(this.shapeId) ?? null;
  }

  /** One edit of the note's four values, written as one box (observer.ts's editOwnNote). */
  edit(): void {
    if (!this.shape) return;
    editOwnNote(this.shape, ++this.seq, this.t0, 4);
    this.stats.sentEdits++;
  }

  /** One cursor move; its `y` carries the send time (ms since t0). */
  moveCursor(): void {
    const sent = performance.timeOrigin + performance.now() - this.t0;
    this.state.cursor = { x: (this.index * 37 + this.clock * 3) % 1200, y: Math.round(sent * 10) / 10 };
    this.clock++;
    this.sendCursor();
    this.stats.sentCursors++;
  }
}

/** A light person on the standard Yjs protocol: the URL is the room's (`/yjs/<board>` on Tabula, `/<board>` on the peer). */
export class YjsLightPerson extends LightPerson {
  private ws: WebSocket | null = null;

  constructor(
    private readonly roomUrl: string,
    index: number,
    t0: number,
  ) {
    super(index, t0);
  }

  connect(): Promise<void> {
    const ws = new WebSocket(this.roomUrl, { perMessageDeflate: false });
    this.ws = ws;
    return new Promise((resolve, reject) => {
      ws.on('error', reject);
      ws.on('open', () => ws.send(encodeYjsSyncFrame(encodeSyncStep1(this.doc))));
      ws.on('message', (data: Buffer) => {
        this.stats.receivedMessages++;
        this.stats.receivedBytes += data.length;
        // Only the first two bytes are read: [sync, step 1] is answered with this person's step 2,
        // [sync, step 2] means synced.
        if (data[0] !== YJS_MESSAGE_SYNC) return;
        if (data[1] === 0) ws.send(encodeYjsSyncFrame(encodeSyncStep2(this.doc)));
        else if (data[1] === 1) resolve();
      });
    });
  }

  close(): void {
    this.ws?.close();
  }

  protected sendUpdate(update: Uint8Array): void {
    this.send(encodeYjsSyncFrame(encodeSyncUpdate(update)));
  }

  /** As y-websocket's provider does: the whole state, on every move. */
  protected sendCursor(): void {
    this.send(encodeYjsAwarenessFrame(encodeAwarenessEntries([{ clientID: this.doc.clientID, clock: this.clock, state: this.state }])));
  }

  private send(message: Uint8Array): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(message);
  }
}

/** A light person on Socket.IO, through socket.io-client; acks are counted, nothing is decoded. */
export class SocketIoLightPerson extends LightPerson {
  private socket: Socket | null = null;
  unacknowledged = 0;
  private readonly onAck = () => {
    this.unacknowledged--;
  };

  constructor(
    private readonly url: string,
    private readonly boardId: string,
    index: number,
    t0: number,
  ) {
    super(index, t0);
  }

  connect(): Promise<void> {
    const socket = io(this.url, { forceNew: true, reconnection: false, transports: ['websocket'], auth: { boardId: this.boardId } });
    this.socket = socket;
    return new Promise((resolve, reject) => {
      socket.on('connect_error', reject);
      socket.on('connect', () => socket.emit(SYNC_EVENT, encodeSyncStep1(this.doc)));
      socket.onAny((_event: string, frame: unknown) => {
        this.stats.receivedMessages++;
        this.stats.receivedBytes += typeof frame === 'string' ? frame.length : frame instanceof Uint8Array ? frame.byteLength : 0;
      });
      socket.on(SYNC_EVENT, (frame: Uint8Array | string) => {
        if (typeof frame === 'string') return;
        // 0: the server's step 1; 1: its step 2; 100: the board as stored (for a client with nothing).
        if (frame[0] === 0) socket.emit(SYNC_EVENT, encodeSyncStep2(this.doc));
        else if (frame[0] === 1 || frame[0] === 100) resolve();
      });
    });
  }

  close(): void {
    this.socket?.disconnect();
  }

  protected sendUpdate(update: Uint8Array): void {
    if (!this.socket?.connected) return;
    this.unacknowledged++;
    this.socket.emit(SYNC_EVENT, encodeSyncUpdate(update), this.onAck);
  }

  /** As Tabula's provider does: the full presence once, then one cursor entry per move. */
  protected sendCursor(): void {
    const socket = this.socket;
    if (!socket?.connected) return;
    const clientID = this.doc.clientID;
    if (this.clock === 1) socket.emit(AWARENESS_EVENT, encodeAwarenessEntries([{ clientID, clock: this.clock, state: this.state }]));
    else socket.emit(CURSORS_EVENT, encodeCursorEntries([{ clientID, clock: this.clock, cursor: this.state.cursor }]));
  }
}

/** An observer's link over the standard Yjs protocol: applies every sync and awareness message. */
export function yjsObserverLink(roomUrl: string): (doc: Y.Doc, awareness: awarenessProtocol.Awareness) => ObserverLink {
  return (doc, awareness) => {
    const ws = new WebSocket(roomUrl, { perMessageDeflate: false });
    const listeners: (() => void)[] = [];
    let synced!: () => void;
    const whenSynced = new Promise<void>((resolve) => (synced = resolve));
    const send = (message: Uint8Array) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(message);
    };
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      if (origin !== ws) send(encodeYjsSyncFrame(encodeSyncUpdate(update)));
    };
    // Only its own state, once per change (y-websocket's provider would send others' back too).
    const onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === ws) return;
      const own = [...added, ...updated, ...removed].filter((id) => id === doc.clientID);
      if (own.length > 0) send(encodeYjsAwarenessFrame(awarenessProtocol.encodeAwarenessUpdate(awareness, own)));
    };
    doc.on('update', onUpdate);
    awareness.on('update', onAwareness);
    ws.on('open', () => {
      send(encodeYjsSyncFrame(encodeSyncStep1(doc)));
      send(encodeYjsAwarenessFrame(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])));
    });
    ws.on('message', (data: Buffer) => {
      for (const listener of listeners) listener();
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      const type = decoding.readVarUint(decoder);
      if (type === YJS_MESSAGE_SYNC) {
        const encoder = encoding.createEncoder();
        const syncType = syncProtocol.readSyncMessage(decoder, encoder, doc, ws);
        if (encoding.length(encoder) > 0) send(encodeYjsSyncFrame(encoding.toUint8Array(encoder)));
        if (syncType === syncProtocol.messageYjsSyncStep2) synced();
      } else if (type === YJS_MESSAGE_AWARENESS) {
        awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), ws);
      }
    });
    return {
      whenSynced: () => whenSynced,
      onMessage: (listener) => listeners.push(listener),
      destroy: () => {
        doc.off('update', onUpdate);
        awareness.off('update', onAwareness);
        ws.close();
      },
    };
  };
}
