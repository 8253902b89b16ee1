/**
 * The clients of the edit-latency benchmark. Each owns one rectangle and moves it; a ledger shared
 * by every client of the process holds each edit's send time, and full clients note when they see
 * it. Full clients are real (BoardProvider, their own Y.Doc and Awareness); light clients send the
 * same edits through a raw Socket.IO connection and count what they receive without decoding it.
 */
import { io, type Socket } from 'socket.io-client';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { addShape, getShapesMap, newShapeId, updateShapes } from '../../lib/board/doc';
import { BOX_KEY, readGeometry } from '../../lib/board/stored-box';
import { encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate, SYNC_EVENT, TICK_EVENT } from '../../lib/protocol';
import { BoardProvider } from '../../lib/sync/board-provider';
import { now, withTimeout } from './stats';

/** (shapeId, x) -> send time and what became of the edit. Shared by every client in this process. */
interface EditRecord {
  sentAt: number;
  sender: number;
  measured: boolean;
  /** Observers (other than the sender) that have seen it. */
  seenBy: number;
}

export class Ledger {
  readonly edits = new Map<string, EditRecord>();
  readonly delays: number[] = [];
  measuring = false;
  /** Measured (edit, observer) pairs still expected. */
  outstanding = 0;

  constructor(private readonly observerCount: (sender: number) => number) {}

  sent(shapeId: string, x: number, sender: number, sentAt: number): void {
    const measured = this.measuring;
    this.edits.set(`${shapeId}|${x}`, { sentAt, sender, measured, seenBy: 0 });
    if (measured) this.outstanding += this.observerCount(sender);
  }

  seen(shapeId: string, x: unknown, observer: number, at: number): void {
    const record = this.edits.get(`${shapeId}|${String(x)}`);
    if (!record || record.sender === observer) return;
    record.seenBy++;
    if (!record.measured) return;
    this.delays.push(at - record.sentAt);
    this.outstanding--;
  }
}

export interface BenchClient {
  index: number;
  full: boolean;
  shapeId: string;
  /** Sync messages received (full and light alike). */
  received: number;
  disconnects: number;
  edit(x: number): void;
  /** Local updates not yet acknowledged by the server. */
  pending(): number;
  /** Shapes this client knows (full clients only). */
  shapeCount(): number;
  destroy(): void;
}

const socketOptions = { forceNew: true, reconnection: false, timeout: 10_000 } as const;

/** A client's edit: its own rectangle moved to `x`, noted in the ledger as it is made. */
function moveOwnShape(doc: Y.Doc, shapeId: string, index: number, ledger: Ledger): (x: number) => void {
  return (x) => {
    ledger.sent(shapeId, x, index, now());
    updateShapes(doc, new Map([[shapeId, { x }]]));
  };
}

/** A real client: BoardProvider, its own Y.Doc and Awareness; observes every remote change. */
export async function fullClient(url: string, boardId: string, index: number, ledger: Ledger): Promise<BenchClient> {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  const provider = new BoardProvider({ url, boardId, doc, awareness, socketOptions });
  const shapes = getShapesMap(doc);
  const shapeId = newShapeId();
  const client: BenchClient = {
    index,
    full: true,
    shapeId,
    received: 0,
    disconnects: 0,
    edit: moveOwnShape(doc, shapeId, index, ledger),
    pending: () => provider.pendingUpdates,
    shapeCount: () => shapes.size,
    destroy() {
      provider.destroy();
      awareness.destroy();
      doc.destroy();
    },
  };
  provider.socket.on(TICK_EVENT, () => {
    client.received++;
  });
  provider.socket.on('disconnect', () => {
    client.disconnects++;
  });
  shapes.observeDeep((events, transaction) => {
    if (transaction.local) return;
    const at = now();
    for (const event of events) {
      if (event.target === shapes || !(event instanceof Y.YMapEvent) || !event.keysChanged.has(BOX_KEY)) continue;
      const id = event.path[0];
      if (typeof id === 'string') ledger.seen(id, readGeometry(event.target as Y.Map<unknown>)?.x, index, at);
    }
  });
  try {
    await withTimeout(provider.whenSynced(), 15_000, `client ${index} did not sync`);
  } catch (error) {
    client.destroy();
    throw error;
  }
  addShape(doc, { id: shapeId, type: 'rectangle', x: 0, y: index * 10, w: 40, h: 30 });
  return client;
}

/**
 * A light client: a raw Socket.IO connection with a Y.Doc that holds only its own shape. It sends
 * the same updates as a full client, answers the server's sync step 1, and counts what it
 * receives without decoding or applying any of it.
 */
export async function lightClient(url: string, boardId: string, index: number, ledger: Ledger): Promise<BenchClient> {
  const doc = new Y.Doc();
  const socket: Socket = io(url, { ...socketOptions, transports: ['websocket'], auth: { boardId } });
  const shapeId = newShapeId();
  let unacknowledged = 0;
  const onAck = () => {
    unacknowledged--;
  };
  let synced!: () => void;
  const whenSynced = new Promise<void>((resolve) => (synced = resolve));
  const client: BenchClient = {
    index,
    full: false,
    shapeId,
    received: 0,
    disconnects: 0,
    edit: moveOwnShape(doc, shapeId, index, ledger),
    pending: () => unacknowledged,
    shapeCount: () => NaN,
    destroy() {
      socket.removeAllListeners();
      socket.disconnect();
      doc.destroy();
    },
  };
  socket.on('connect', () => socket.emit(SYNC_EVENT, encodeSyncStep1(doc)));
  socket.on('disconnect', () => {
    client.disconnects++;
  });
  socket.on(TICK_EVENT, () => {
    client.received++;
  });
  socket.on(SYNC_EVENT, (frame: Uint8Array | string) => {
    // Only the type of the sync exchange's messages is read (first byte): 0 = step 1, 1 = step 2.
    if (typeof frame === 'string') return;
    const type = frame[0];
    if (type === 0) {
      unacknowledged++;
      socket.emit(SYNC_EVENT, encodeSyncStep2(doc), onAck);
    } else if (type === 1) synced();
  });
  doc.on('update', (update: Uint8Array) => {
    unacknowledged++;
    socket.emit(SYNC_EVENT, encodeSyncUpdate(update), onAck);
  });
  socket.connect();
  try {
    await withTimeout(whenSynced, 15_000, `light client ${index} did not sync`);
  } catch (error) {
    client.destroy();
    throw error;
  }
  addShape(doc, { id: shapeId, type: 'rectangle', x: 0, y: index * 10, w: 40, h: 30 });
  return client;
}
