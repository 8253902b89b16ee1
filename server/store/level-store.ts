/**
 * The embedded store: LevelDB through classic-level, one database under DATA_DIR.
 *
 * Keys (board ids never contain '/'):
 *   b/<id>/meta          JSON { createdAt, snapshotSeq }
 *   b/<id>/snap          the V2 snapshot
 *   b/<id>/u/<seq>       one V1 update; seq zero-padded so that keys sort in order
 *
 * LevelDB's write-ahead log reaches the operating system on every write, so an acknowledged
 * update survives `kill -9` of the process. (A power cut can lose the last writes unless the
 * disk's own cache is flushed; that is what `sync: true` would buy, at a large cost per write.)
 */
import { type BatchOperation, ClassicLevel } from 'classic-level';
import { mkdir } from 'node:fs/promises';
import type { DocStore, StoredBoard } from './doc-store';
import { mergeStored } from './merge';

type Database = ClassicLevel<string, Uint8Array>;
type Batch = Array<BatchOperation<Database, string, Uint8Array>>;

interface BoardMeta {
  createdAt: number;
  snapshotSeq: number;
}

const SEQ_DIGITS = 15;
const seqKey = (boardId: string, seq: number) => `b/${boardId}/u/${String(seq).padStart(SEQ_DIGITS, '0')}`;
const updatesRange = (boardId: string) => ({ gt: `b/${boardId}/u/`, lt: `b/${boardId}/u/~` });
const metaKey = (boardId: string) => `b/${boardId}/meta`;
const snapKey = (boardId: string) => `b/${boardId}/snap`;

const encodeMeta = (meta: BoardMeta) => new TextEncoder().encode(JSON.stringify(meta));
const decodeMeta = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as BoardMeta;

interface PendingWrite {
  ops: Batch;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class LevelDocStore implements DocStore {
  private readonly db: ClassicLevel<string, Uint8Array>;
  /** The last sequence number per board this process has seen, so appends need no read. */
  private readonly lastSeq = new Map<string, number>();
  private pending: PendingWrite[] = [];
  private writing = false;

  private constructor(db: ClassicLevel<string, Uint8Array>) {
    this.db = db;
  }

  static async open(dataDir: string): Promise<LevelDocStore> {
    await mkdir(dataDir, { recursive: true });
    const db = new ClassicLevel<string, Uint8Array>(`${dataDir}/boards`, { keyEncoding: 'utf8', valueEncoding: 'view' });
    await db.open();
    return new LevelDocStore(db);
  }

  async load(boardId: string): Promise<StoredBoard | null> {
    const metaBytes = await this.db.get(metaKey(boardId));
    if (metaBytes === undefined) return null;
    const meta = decodeMeta(metaBytes);
    const snapshot = (await this.db.get(snapKey(boardId))) ?? null;
    const updates: Uint8Array[] = [];
    let lastSeq = meta.snapshotSeq;
    for await (const [key, value] of this.db.iterator(updatesRange(boardId))) {
      updates.push(value);
      lastSeq = Number(key.slice(key.lastIndexOf('/') + 1));
    }
    this.lastSeq.set(boardId, lastSeq);
    return { snapshot, updates, lastSeq };
  }

  async append(boardId: string, update: Uint8Array): Promise<number> {
    let last = this.lastSeq.get(boardId);
    if (last === undefined) last = await this.readLastSeq(boardId);
    // Re-read after the await: another append may have advanced it meanwhile.
    last = Math.max(last, this.lastSeq.get(boardId) ?? 0);
    const seq = last + 1;
    this.lastSeq.set(boardId, seq);
    const ops: Batch = [{ type: 'put', key: seqKey(boardId, seq), value: update }];
    if (last === 0 && !(await this.exists(boardId))) {
      ops.push({ type: 'put', key: metaKey(boardId), value: encodeMeta({ createdAt: Date.now(), snapshotSeq: 0 }) });
    }
    await this.write(ops);
    return seq;
  }

  async compact(boardId: string): Promise<number | null> {
    // One process owns a LevelDB database, and appends are queued behind this batch: reading the
    // log and deleting exactly the keys read is atomic enough.
    const stored = await this.load(boardId);
    if (!stored) return null;
    const metaBytes = await this.db.get(metaKey(boardId));
    const createdAt = metaBytes ? decodeMeta(metaBytes).createdAt : Date.now();
    const ops: Batch = [
      { type: 'put', key: snapKey(boardId), value: mergeStored(stored.snapshot, stored.updates) },
      { type: 'put', key: metaKey(boardId), value: encodeMeta({ createdAt, snapshotSeq: stored.lastSeq }) },
    ];
    for await (const key of this.db.keys({ ...updatesRange(boardId), lte: seqKey(boardId, stored.lastSeq) })) {
      ops.push({ type: 'del', key });
    }
    await this.write(ops);
    return stored.lastSeq;
  }

  async exists(boardId: string): Promise<boolean> {
    return (await this.db.get(metaKey(boardId))) !== undefined;
  }

  async list(): Promise<string[]> {
    const ids: string[] = [];
    for await (const key of this.db.keys({ gt: 'b/', lt: 'b/~' })) {
      if (key.endsWith('/meta')) ids.push(key.slice(2, -'/meta'.length));
    }
    return ids;
  }

  async delete(boardId: string): Promise<void> {
    await this.db.clear({ gt: `b/${boardId}/`, lt: `b/${boardId}/~` });
    this.lastSeq.delete(boardId);
  }

  async ping(): Promise<void> {
    if (this.db.status !== 'open') throw new Error(`LevelDB is ${this.db.status}`);
  }

  async close(): Promise<void> {
    while (this.writing || this.pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 1));
    await this.db.close();
  }

  private async readLastSeq(boardId: string): Promise<number> {
    for await (const key of this.db.keys({ ...updatesRange(boardId), reverse: true, limit: 1 })) {
      return Number(key.slice(key.lastIndexOf('/') + 1));
    }
    const metaBytes = await this.db.get(metaKey(boardId));
    return metaBytes ? decodeMeta(metaBytes).snapshotSeq : 0;
  }

  /** Group commit: writes queued while a batch is in flight go out together in the next one. */
  private write(ops: Batch): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ ops, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.pending.length > 0) {
      const group = this.pending;
      this.pending = [];
      try {
        await this.db.batch(group.flatMap((write) => write.ops));
        for (const write of group) write.resolve();
      } catch (error) {
        for (const write of group) write.reject(error);
      }
    }
    this.writing = false;
  }
}
