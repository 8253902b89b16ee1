/**
 * A full client that measures: its own Y.Doc and Awareness, connected by a real BoardProvider (or
 * by another link: bench/support/yjs-clients.ts has one for the standard Yjs protocol), which also
 * acts as one of the people (a cursor at 30 Hz, 5 edits a second on its own note). It times every
 * edit and every cursor state it receives from the send time the sender put in it, and counts
 * which edits arrived.
 */
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { addShape, getShapesMap } from '../../lib/board/doc';
import { BOX_KEY, isStoredBox } from '../../lib/board/stored-box';
import { BoardProvider } from '../../lib/sync/board-provider';

export interface ObserverReport {
  editDelays: number[];
  cursorDelays: number[];
  /** When each delay of `editDelays` and `cursorDelays` was taken (epoch ms). */
  editTimes: number[];
  cursorTimes: number[];
  /** Per shape id (one per person): how many of their edits arrived (the highest sequence number). */
  received: Record<string, number>;
  sentEdits: number;
  sentCursors: number;
  lastSeq: number;
  shapeId: string;
}

/**
 * One edit of a person's own note, in one transaction (one update), written as Tabula writes a
 * shape's geometry: one `box` = [x, y, w, h] (lib/board/stored-box.ts). `x` is the send time (ms
 * since t0), `y` the sequence number, and with four properties `w` and `h` change too.
 */
export function editOwnNote(shape: Y.Map<unknown>, seq: number, t0: number, properties: 2 | 4): void {
  const sent = Math.round((performance.timeOrigin + performance.now() - t0) * 10) / 10;
  shape.doc!.transact(() => shape.set(BOX_KEY, properties === 4 ? [sent, seq, 100 + (seq % 7), 100 + (seq % 5)] : [sent, seq, 100, 100]));
}

/** What an edit of `editOwnNote` carries, read from the note's box: its send time and sequence number. */
export function noteEdit(shape: Y.Map<unknown>): { sent: number; seq: number } | null {
  const box = shape.get(BOX_KEY);
  return isStoredBox(box) ? { sent: box[0], seq: box[1] } : null;
}

/** How an observer's doc and awareness reach the board. */
export interface ObserverLink {
  whenSynced(): Promise<void>;
  /** Counts every message received. */
  onMessage(listener: () => void): void;
  destroy(): void;
}

export interface ObserverOptions {
  /** Connects the observer's doc and awareness (default: a BoardProvider over Socket.IO). */
  link?: (doc: Y.Doc, awareness: Awareness) => ObserverLink;
  /** Values each edit changes: 2 (`x` the send time, `y` the sequence number) or 4 (`w` and `h` too); one `box` either way. */
  editProperties?: 2 | 4;
}

function boardProviderLink(url: string, boardId: string): (doc: Y.Doc, awareness: Awareness) => ObserverLink {
  return (doc, awareness) => {
    const provider = new BoardProvider({ url, boardId, doc, awareness, socketOptions: { forceNew: true } });
    return {
      whenSynced: () => provider.whenSynced(),
      onMessage: (listener) => provider.socket.onAny(listener),
      destroy: () => provider.destroy(),
    };
  };
}

export class Observer {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  readonly link: ObserverLink;
  measuring = false;
  private readonly editDelays: number[] = [];
  private readonly cursorDelays: number[] = [];
  private readonly editTimes: number[] = [];
  private readonly cursorTimes: number[] = [];
  /**
   * Per shape id (one person's): the highest edit sequence number received. A person's edits
   * integrate in the order they were made (Yjs applies a client's changes in clock order), so
   * having edit n means having every edit before it. The server relays per tick, and an edit
   * overwritten by the same person's next one within a tick arrives only as that next one.
   */
  private readonly received = new Map<string, number>();
  private seq = 0;
  private sentCursors = 0;
  private shape: Y.Map<unknown> | null = null;

  constructor(
    url: string,
    boardId: string,
    readonly index: number,
    private readonly t0: number,
    private readonly options: ObserverOptions = {},
  ) {
    this.awareness.setLocalState({
      user: { name: `Observer ${index}`, color: '#e03131', id: `observer-${index}` },
      cursor: { x: 0, y: 0 },
      selection: [],
    });
    this.link = (options.link ?? boardProviderLink(url, boardId))(this.doc, this.awareness);
    getShapesMap(this.doc).observeDeep(this.onShapes);
    this.awareness.on('change', this.onAwareness);
  }

  get shapeId(): string {
    return `observer${this.index}`;
  }

  createShape(): void {
    addShape(this.doc, { id: this.shapeId, type: 'sticky', x: this.index * 120, y: -200, w: 100, h: 100, text: 'start' });
    this.shape = getShapesMap(this.doc).get(this.shapeId) ?? null;
  }

  edit(): void {
    if (!this.shape) return;
    editOwnNote(this.shape, ++this.seq, this.t0, this.options.editProperties ?? 2);
  }

  moveCursor(): void {
    const sent = performance.timeOrigin + performance.now() - this.t0;
    this.awareness.setLocalStateField('cursor', { x: (this.index * 53 + this.sentCursors * 3) % 1200, y: Math.round(sent * 10) / 10 });
    this.sentCursors++;
  }

  get lastSeq(): number {
    return this.seq;
  }

  /** Edits received from each person so far. */
  receivedCount(shapeId: string): number {
    return this.received.get(shapeId) ?? 0;
  }

  report(): ObserverReport {
    return {
      editDelays: this.editDelays,
      cursorDelays: this.cursorDelays,
      editTimes: this.editTimes,
      cursorTimes: this.cursorTimes,
      received: Object.fromEntries(this.received),
      sentEdits: this.seq,
      sentCursors: this.sentCursors,
      lastSeq: this.seq,
      shapeId: this.shapeId,
    };
  }

  destroy(): void {
    this.link.destroy();
  }

  private readonly onShapes = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction): void => {
    if (transaction.local) return;
    const at = performance.timeOrigin + performance.now();
    for (const event of events) {
      if (!(event instanceof Y.YMapEvent) || !(event.target instanceof Y.Map) || !event.keysChanged.has(BOX_KEY)) continue;
      const edit = noteEdit(event.target);
      // observeDeep on the shapes map: a change inside a shape's map has the shape's id as path.
      const id = event.path[0];
      if (!edit || typeof id !== 'string') continue;
      const { seq, sent: sentValue } = edit;
      const previous = this.received.get(id) ?? 0;
      if (seq <= previous) continue;
      this.received.set(id, seq);
      if (!this.measuring) continue;
      // Edits overwritten within one tick are counted with the delay of the edit that overwrote
      // them: a lower bound (they were sent earlier), so that they are not left out of the tail.
      const delay = at - (this.t0 + sentValue);
      for (let skipped = previous + 1; skipped <= seq; skipped++) {
        this.editDelays.push(delay);
        this.editTimes.push(at);
      }
    }
  };

  private readonly onAwareness = ({ updated }: { updated: number[] }, origin: unknown): void => {
    if (origin === 'local' || !this.measuring) return;
    const at = performance.timeOrigin + performance.now();
    const states = this.awareness.getStates();
    for (const id of updated) {
      if (id === this.awareness.clientID) continue;
      const cursor = (states.get(id) as { cursor?: { y?: unknown } } | undefined)?.cursor;
      if (typeof cursor?.y !== 'number') continue;
      this.cursorDelays.push(at - (this.t0 + cursor.y));
      this.cursorTimes.push(at);
    }
  };
}

/**
 * Waits (at most `timeoutMs`) until every observer has every edit of everyone else (`lastSeqs`:
 * the last sequence number each person sent, by shape id), then gathers what they measured.
 */
export async function awaitDelivery(observers: readonly Observer[], lastSeqs: Record<string, number>, timeoutMs = 30_000) {
  const expectedOf = (o: Observer, seen: (id: string, seq: number) => number) =>
    Object.entries(lastSeqs).reduce((sum, [id, seq]) => sum + (id === o.shapeId ? 0 : seen(id, seq)), 0);
  const missing = () => observers.reduce((sum, o) => sum + expectedOf(o, (id, seq) => Math.max(0, seq - o.receivedCount(id))), 0);
  const deadline = Date.now() + timeoutMs;
  while (missing() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  const reports = observers.map((o) => o.report());
  return {
    editDelays: reports.flatMap((r) => r.editDelays),
    cursorDelays: reports.flatMap((r) => r.cursorDelays),
    editTimes: reports.flatMap((r) => r.editTimes),
    cursorTimes: reports.flatMap((r) => r.cursorTimes),
    expected: observers.reduce((sum, o) => sum + expectedOf(o, (_id, seq) => seq), 0),
    missing: missing(),
  };
}
