/**
 * A light simulated person: sends what a real client sends (its cursor through awareness, its
 * edits as document updates) at the full rate, over a raw WebSocket speaking Socket.IO's wire
 * protocol, and receives without decoding anything (it counts frames and bytes). This keeps the
 * load generator's cost per received message tiny, so that the server, not the generator, is
 * what saturates (the method of the shared benchmarking notes, ../shared/BENCHMARKS.md from the
 * repository root).
 *
 * Socket.IO v5 over Engine.IO v4, websocket transport: `0{...}` open, `40{auth}` connect,
 * `2`/`3` ping/pong; a binary event is a text frame `451-["event",{"_placeholder":true,"num":0}]`
 * followed by one binary frame.
 */
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addShape, getShapesMap } from '../../lib/board/doc';
import { encodeCursorEntries } from '../../lib/protocol/cursors';
import { encodeAwarenessEntries, encodeSyncUpdate } from '../../lib/protocol/messages';
import { AWARENESS_EVENT, CURSORS_EVENT, SYNC_EVENT } from '../../lib/protocol/events';
import { editOwnNote } from './observer';

export interface LightStats {
  sentCursors: number;
  sentEdits: number;
  receivedMessages: number;
  receivedBytes: number;
}

export class LightClient {
  readonly doc = new Y.Doc();
  readonly stats: LightStats = { sentCursors: 0, sentEdits: 0, receivedMessages: 0, receivedBytes: 0 };
  private ws: WebSocket | null = null;
  private connected = false;
  private clock = 0;
  private seq = 0;
  private shape: Y.Map<unknown> | null = null;
  private readonly state: { user: { name: string; color: string; id: string }; cursor: { x: number; y: number }; selection: string[] };

  constructor(
    private readonly url: string,
    private readonly boardId: string,
    readonly index: number,
    private readonly t0: number,
  ) {
    const id = `light-${index}`;
    this.state = { user: { name: `Person ${index}`, color: '#1971c2', id }, cursor: { x: 0, y: 0 }, selection: [] };
    this.doc.on('update', (update: Uint8Array) => {
      if (this.connected) this.sendBinary(SYNC_EVENT, encodeSyncUpdate(update));
    });
  }

  get shapeId(): string {
    return `light${this.index}`;
  }

  connect(): Promise<void> {
    const wsUrl = `${this.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
    this.ws = ws;
    return new Promise((resolve, reject) => {
      ws.on('error', reject);
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        this.stats.receivedBytes += data.length;
        if (isBinary) return;
        const head = data[0];
        // '4' message: '42' event, '45' binary event (its attachment follows as a binary frame).
        if (head === 0x34) {
          const kind = data[1];
          if (kind === 0x32 || kind === 0x35) this.stats.receivedMessages++;
          else if (kind === 0x30 && !this.connected) {
            this.connected = true;
            resolve();
          } else if (kind === 0x34) reject(new Error(`connect refused: ${data.toString()}`));
        } else if (head === 0x30) {
          ws.send(`40${JSON.stringify({ boardId: this.boardId })}`);
        } else if (head === 0x32) {
          ws.send('3');
        }
      });
    });
  }

  /** Creates the person's sticky note (their first edit). */
  createShape(): void {
    addShape(this.doc, {
      id: this.shapeId,
      type: 'sticky',
      x: (this.index % 40) * 120,
      y: Math.floor(this.index / 40) * 120,
      w: 100,
      h: 100,
      text: 'start',
    });
    this.shape = getShapesMap(this.doc).get(this.shapeId) ?? null;
  }

  /**
   * One edit: the note moves (observer.ts's editOwnNote); its `x` carries the send time (ms since
   * t0) and its `y` a sequence number (a note's text is a Y.Text, which the server's model
   * requires to stay one).
   */
  edit(): void {
    if (!this.shape) return;
    editOwnNote(this.shape, ++this.seq, this.t0, 2);
    this.stats.sentEdits++;
  }

  /**
   * One cursor move; `y` carries the send time (ms since t0) so that observers can time it. As
   * the real provider does, the first goes as the full state and the others as cursor entries.
   */
  moveCursor(): void {
    const sent = performance.timeOrigin + performance.now() - this.t0;
    this.state.cursor = { x: (this.index * 37 + this.clock * 3) % 1200, y: Math.round(sent * 10) / 10 };
    this.clock++;
    const clientID = this.doc.clientID;
    if (this.clock === 1) this.sendBinary(AWARENESS_EVENT, encodeAwarenessEntries([{ clientID, clock: this.clock, state: this.state }]));
    else this.sendBinary(CURSORS_EVENT, encodeCursorEntries([{ clientID, clock: this.clock, cursor: this.state.cursor }]));
    this.stats.sentCursors++;
  }

  get lastSeq(): number {
    return this.seq;
  }

  close(): void {
    this.connected = false;
    this.ws?.close();
  }

  private sendBinary(event: string, payload: Uint8Array): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    // The event's two frames in one write to the operating system instead of two: with hundreds
    // of people, system calls become much of the generator's time. (`_socket` is ws's TCP socket.)
    const socket = (ws as unknown as { _socket: Socket })._socket;
    socket.cork();
    ws.send(`451-${JSON.stringify([event, { _placeholder: true, num: 0 }])}`);
    ws.send(payload, { binary: true });
    socket.uncork();
  }
}
