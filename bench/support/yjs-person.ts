/**
 * Simulated people on the standard Yjs WebSocket endpoint (`/yjs/<boardId>`), the way a raw
 * y-websocket client speaks it: `[0, sync message]`, `[1, varUint8Array awareness update]`.
 *
 * Each person edits its own sticky note (one update per edit, four properties: `x` carries the
 * send time in ms since t0, `y` a sequence number, `w` and `h` change too) and moves its cursor
 * (one full awareness update per move, `cursor.y` carrying the send time). A light person never
 * decodes what it receives (it counts frames and bytes; it answers only the server's sync step 1,
 * once); an observing person applies everything to its own Y.Doc and Awareness and records, per
 * window, the delay of every edit and cursor move it receives (the observer.ts method, over /yjs).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addShape, getShapesMap } from '../../lib/board/doc';
import { encodeAwarenessEntries, encodeSyncUpdate } from '../../lib/protocol/messages';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

function frame(type: number, payload: Uint8Array, asVarArray = false): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  if (asVarArray) encoding.writeVarUint8Array(encoder, payload);
  else encoding.writeUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export interface PersonStats {
  sentEdits: number;
  sentCursors: number;
  receivedMessages: number;
  receivedBytes: number;
}

/** Delays recorded since the window was last taken (ms). */
export interface DelayWindow {
  edits: number[];
  cursors: number[];
}

export class YjsPerson {
  readonly doc = new Y.Doc();
  readonly stats: PersonStats = { sentEdits: 0, sentCursors: 0, receivedMessages: 0, receivedBytes: 0 };
  private ws: WebSocket | null = null;
  private seq = 0;
  private clock = 0;
  private shape: Y.Map<unknown> | null = null;
  private readonly user: { name: string; color: string; id: string };
  /** Set on an observing person: its view of the board, and what it measured. */
  private readonly awareness: awarenessProtocol.Awareness | null;
  private readonly received = new Map<string, number>();
  private window: DelayWindow = { edits: [], cursors: [] };

  constructor(
    private readonly url: string,
    private readonly boardId: string,
    readonly index: number,
    private readonly t0: number,
    readonly observing = false,
  ) {
    this.user = { name: `${observing ? 'Observer' : 'Person'} ${index}`, color: observing ? '#e03131' : '#1971c2', id: `${observing ? 'observer' : 'light'}-${index}` };
    this.awareness = observing ? new awarenessProtocol.Awareness(this.doc) : null;
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') this.send(frame(MESSAGE_SYNC, encodeSyncUpdate(update)));
    });
    if (this.awareness) {
      getShapesMap(this.doc).observeDeep(this.onShapes);
      this.awareness.on('change', this.onAwareness);
    }
  }

  get shapeId(): string {
    return `${this.observing ? 'observer' : 'light'}${this.index}`;
  }

  /** Resolves once the server's sync step 1 has been answered (the board is open for this person). */
  connect(): Promise<void> {
    const ws = new WebSocket(`${this.url.replace(/^http/, 'ws')}/yjs/${this.boardId}`, { perMessageDeflate: false });
    ws.binaryType = 'nodebuffer';
    this.ws = ws;
    return new Promise((resolve, reject) => {
      ws.on('error', reject);
      ws.on('close', (code, reason) => reject(new Error(`closed ${code} ${reason.toString()}`)));
      ws.on('open', () => {
        const encoder = encoding.createEncoder();
        syncProtocol.writeSyncStep1(encoder, this.doc);
        this.send(frame(MESSAGE_SYNC, encoding.toUint8Array(encoder)));
      });
      ws.on('message', (data: Buffer) => {
        this.stats.receivedMessages++;
        this.stats.receivedBytes += data.byteLength;
        const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
        if (bytes[0] === MESSAGE_SYNC && bytes[1] === syncProtocol.messageYjsSyncStep1) resolve();
        if (this.awareness) this.observe(bytes);
        else if (bytes[0] === MESSAGE_SYNC && bytes[1] === syncProtocol.messageYjsSyncStep1) this.answerStep1(bytes);
      });
    });
  }

  /** The person's sticky note (its first edit). */
  createShape(): void {
    const column = this.observing ? this.index : this.index % 40;
    const row = this.observing ? -2 : Math.floor(this.index / 40);
    addShape(this.doc, { id: this.shapeId, type: 'sticky', x: column * 120, y: row * 120, w: 100, h: 100, text: 'start' });
    this.shape = getShapesMap(this.doc).get(this.shapeId) ?? null;
  }

  /** One edit: one update changing four properties of the person's own note. */
  edit(): void {
    const shape = this.shape;
    if (!shape) return;
    const seq = ++this.seq;
    this.doc.transact(() => {
      shape.set('x', Math.round((performance.timeOrigin + performance.now() - this.t0) * 10) / 10);
      shape.set('y', seq);
      shape.set('w', 100 + (seq % 50));
      shape.set('h', 100 + ((seq * 7) % 50));
    });
    this.stats.sentEdits++;
  }

  /** One cursor move: one full awareness update of this person's state. */
  moveCursor(): void {
    const sent = performance.timeOrigin + performance.now() - this.t0;
    this.clock++;
    const state = { user: this.user, cursor: { x: (this.index * 37 + this.clock * 3) % 1200, y: Math.round(sent * 10) / 10 }, selection: [] };
    this.send(frame(MESSAGE_AWARENESS, encodeAwarenessEntries([{ clientID: this.doc.clientID, clock: this.clock, state }]), true));
    this.stats.sentCursors++;
  }

  /** The delays measured since the last call (an observing person only). */
  takeWindow(): DelayWindow {
    const taken = this.window;
    this.window = { edits: [], cursors: [] };
    return taken;
  }

  close(): void {
    this.ws?.removeAllListeners('close');
    this.ws?.close();
    this.awareness?.destroy();
  }

  private send(message: Uint8Array): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(message);
  }

  private answerStep1(bytes: Uint8Array): void {
    const decoder = decoding.createDecoder(bytes.subarray(1));
    const encoder = encoding.createEncoder();
    syncProtocol.readSyncMessage(decoder, encoder, this.doc, 'remote');
    if (encoding.length(encoder) > 0) this.send(frame(MESSAGE_SYNC, encoding.toUint8Array(encoder)));
  }

  private observe(bytes: Uint8Array): void {
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const encoder = encoding.createEncoder();
      syncProtocol.readSyncMessage(decoder, encoder, this.doc, 'remote');
      if (encoding.length(encoder) > 0) this.send(frame(MESSAGE_SYNC, encoding.toUint8Array(encoder)));
    } else if (type === MESSAGE_AWARENESS && this.awareness) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), 'remote');
    }
  }

  private readonly onShapes = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction): void => {
    if (transaction.local) return;
    const at = performance.timeOrigin + performance.now();
    for (const event of events) {
      if (!(event instanceof Y.YMapEvent) || !(event.target instanceof Y.Map) || !event.keysChanged.has('y')) continue;
      const seq = event.target.get('y');
      const sent = event.target.get('x');
      const id = event.path[0];
      if (typeof seq !== 'number' || typeof sent !== 'number' || typeof id !== 'string') continue;
      const previous = this.received.get(id) ?? 0;
      if (seq <= previous) continue;
      this.received.set(id, seq);
      // Edits overwritten within one server tick count with the delay of the one that overwrote them.
      const delay = at - (this.t0 + sent);
      for (let skipped = previous + 1; skipped <= seq; skipped++) this.window.edits.push(delay);
    }
  };

  private readonly onAwareness = ({ updated }: { updated: number[] }): void => {
    const at = performance.timeOrigin + performance.now();
    const states = this.awareness!.getStates();
    for (const id of updated) {
      if (id === this.doc.clientID) continue;
      const cursor = (states.get(id) as { cursor?: { y?: unknown } } | undefined)?.cursor;
      if (typeof cursor?.y === 'number') this.window.cursors.push(at - (this.t0 + cursor.y));
    }
  };
}
