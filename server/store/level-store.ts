/**
 * The embedded store: LevelDB through classic-level, one database under DATA_DIR.
 *
 * Keys (board ids never contain '/'):
 *   b/<id>/meta          JSON { createdAt, snapshotSeq }
 *   b/<id>/snap          the V2 snapshot
 *   b/<id>/u/<seq>       one V1 update; seq zero-padded so that keys sort in order
 *   b/<id>/view          the opening view: the sequence number it was made at (8 bytes), then its bytes
 *   b/<id>/vm/<t>-<vid>  a version's JSON info (sorted by time); b/<id>/vs/<vid> its V2 snapshot
 *   b/<id>/a/<assetId>   marks an asset of the board, so that deleting the board deletes it
 *   a/<assetId>/m, a/<assetId>/d   an asset's JSON info and its bytes
 *   t/<id>               the tombstone of a deleted board: JSON { deletedAt }
 *   x/<id>               the board's access record: JSON { mode, generation }
 *   s/secret             the server secret (server/access), when AUTH_SECRET is not set
 *
 * One process owns the database, so a board deleted here is known here: every write of a board
 * checks the deleted set synchronously right before it is queued, and a delete first waits for
 * the writes queued before it, so none lands after it.
 *
 * LevelDB's write-ahead log reaches the operating system on every write, so an acknowledged
 * update survives `kill -9` of the process. (A power cut can lose the last writes unless the
 * disk's own cache is flushed; that is what `sync: true` would buy, at a large cost per write.)
 */
import { type BatchOperation, ClassicLevel } from 'classic-level';
import { mkdir } from 'node:fs/promises';
import { type Asset, type BoardAccessRecord, BoardDeletedError, type DocStore, type FoldStored, type StoredBoard, type VersionInfo } from './doc-store';
import { type Logger, silentLogger } from '../log';
import { mergeStored } from './stored-doc';

type Database = ClassicLevel<string, Uint8Array>;
type Batch = Array<BatchOperation<Database, string, Uint8Array>>;

interface BoardMeta {
  createdAt: number;
  snapshotSeq: number;
}

const SEQ_DIGITS = 15;
const seqKey = (boardId: string, seq: number) => `b/${boardId}/u/${String(seq).padStart(SEQ_DIGITS, '0')}`;
const metaKey = (boardId: string) => `b/${boardId}/meta`;
const snapKey = (boardId: string) => `b/${boardId}/snap`;
const viewKey = (boardId: string) => `b/${boardId}/view`;
const logRange = (boardId: string) => ({ gt: `b/${boardId}/u/`, lt: `b/${boardId}/u/~` });
const tombstoneKey = (boardId: string) => `t/${boardId}`;
const accessKey = (boardId: string) => `x/${boardId}`;
const SECRET_KEY = 's/secret';

const versionInfoKey = (boardId: string, info: VersionInfo) => `b/${boardId}/vm/${String(info.createdAt).padStart(SEQ_DIGITS, '0')}-${info.id}`;
const versionSnapKey = (boardId: string, versionId: string) => `b/${boardId}/vs/${versionId}`;
const versionsRange = (boardId: string) => ({ gt: `b/${boardId}/vm/`, lt: `b/${boardId}/vm/~` });
const encodeJson = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const decodeJson = <T>(bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as T;

const encodeMeta = (meta: BoardMeta) => new TextEncoder().encode(JSON.stringify(meta));
const decodeMeta = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as BoardMeta;

interface PendingWrite {
  ops: Batch;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class LevelDocStore implements DocStore {
  private readonly db: ClassicLevel<string, Uint8Array>;
  /** The last sequence number per board this process has handed out, so appends need no read. */
  private readonly lastSeq = new Map<string, number>();
  /** Boards whose meta record is written (or queued). */
  private readonly written = new Set<string>();
  private readonly initialising = new Map<string, Promise<void>>();
  private readonly compacting = new Map<string, Promise<number | null>>();
  /** Boards known to be deleted (by this process, or their tombstone read). */
  private readonly deleted = new Set<string>();
  private pending: PendingWrite[] = [];
  /** Link resets, one after another. */
  private accessWrites: Promise<unknown> = Promise.resolve();
  private writing = false;

  private constructor(
    db: ClassicLevel<string, Uint8Array>,
    private readonly log: Logger,
  ) {
    this.db = db;
  }

  static async open(dataDir: string, options: { log?: Logger } = {}): Promise<LevelDocStore> {
    await mkdir(dataDir, { recursive: true });
    const db = new ClassicLevel<string, Uint8Array>(`${dataDir}/boards`, { keyEncoding: 'utf8', valueEncoding: 'view' });
    await db.open();
    return new LevelDocStore(db, options.log ?? silentLogger);
  }

  async load(boardId: string): Promise<StoredBoard | null> {
    if (await this.isDeleted(boardId)) throw new BoardDeletedError(boardId);
    const board = await this.readBoard(boardId);
    if (!board) return null;
    return { snapshot: board.snapshot, updates: board.updates.map((entry) => entry.value), lastSeq: board.lastSeq };
  }

  async append(boardId: string, update: Uint8Array): Promise<number> {
    if (!this.lastSeq.has(boardId)) await this.initialise(boardId);
    // From here to the write's queueing nothing awaits, so sequence numbers are written in order
    // and a delete that began meanwhile is seen.
    if (this.deleted.has(boardId)) throw new BoardDeletedError(boardId);
    const seq = (this.lastSeq.get(boardId) ?? 0) + 1;
    this.lastSeq.set(boardId, seq);
    const ops: Batch = [{ type: 'put', key: seqKey(boardId, seq), value: update }];
    if (!this.written.has(boardId)) {
      this.written.add(boardId);
      ops.push({ type: 'put', key: metaKey(boardId), value: encodeMeta({ createdAt: Date.now(), snapshotSeq: 0 }) });
    }
    await this.write(ops);
    return seq;
  }

  /** Compactions of one board run one after another; appends go on meanwhile. */
  compact(boardId: string, fold: FoldStored = mergeStored): Promise<number | null> {
    const previous = this.compacting.get(boardId) ?? Promise.resolve(null);
    const next = previous.catch(() => null).then(() => this.compactNow(boardId, fold));
    this.compacting.set(boardId, next);
    void next.finally(() => {
      if (this.compacting.get(boardId) === next) this.compacting.delete(boardId);
    }).catch(() => undefined);
    return next;
  }

  private async compactNow(boardId: string, fold: FoldStored): Promise<number | null> {
    // The board is read through one iterator (one consistent view), and exactly the log entries
    // read are deleted: an append written meanwhile stays in the log, whatever its number.
    const board = await this.readBoard(boardId);
    if (!board || this.deleted.has(boardId)) return null;
    this.log.debug({ boardId, updates: board.updates.length }, 'compacting a board');
    const ops: Batch = [
      { type: 'put', key: snapKey(boardId), value: fold(board.snapshot, board.updates.map((entry) => entry.value)) },
      { type: 'put', key: metaKey(boardId), value: encodeMeta({ createdAt: board.meta.createdAt, snapshotSeq: board.lastSeq }) },
      ...board.updates.map((entry) => ({ type: 'del' as const, key: entry.key })),
    ];
    await this.write(ops);
    return board.lastSeq;
  }

  /** Meta, snapshot and log of a board from one iterator, which reads one consistent view. */
  private async readBoard(boardId: string) {
    let meta: BoardMeta | null = null;
    let snapshot: Uint8Array | null = null;
    const updates: Array<{ key: string; value: Uint8Array }> = [];
    for await (const [key, value] of this.db.iterator({ gte: metaKey(boardId), lt: `b/${boardId}/u/~` })) {
      if (key === metaKey(boardId)) meta = decodeMeta(value);
      else if (key === snapKey(boardId)) snapshot = value;
      else if (key.startsWith(`b/${boardId}/u/`)) updates.push({ key, value });
    }
    if (!meta) return null;
    const lastKey = updates[updates.length - 1]?.key;
    const lastSeq = lastKey ? Number(lastKey.slice(lastKey.lastIndexOf('/') + 1)) : meta.snapshotSeq;
    return { meta, snapshot, updates, lastSeq };
  }

  /** Learns a board's last sequence number and whether it exists, once per board. */
  private initialise(boardId: string): Promise<void> {
    let pending = this.initialising.get(boardId);
    if (!pending) {
      pending = (async () => {
        const [board] = await Promise.all([this.readBoard(boardId), this.isDeleted(boardId)]);
        if (board) this.written.add(boardId);
        this.lastSeq.set(boardId, Math.max(this.lastSeq.get(boardId) ?? 0, board?.lastSeq ?? 0));
      })().finally(() => this.initialising.delete(boardId));
      this.initialising.set(boardId, pending);
    }
    return pending;
  }

  async saveOpeningView(boardId: string, seq: number, view: Uint8Array): Promise<void> {
    if (this.deleted.has(boardId)) throw new BoardDeletedError(boardId);
    const value = new Uint8Array(8 + view.length);
    new DataView(value.buffer).setFloat64(0, seq);
    value.set(view, 8);
    await this.write([{ type: 'put', key: viewKey(boardId), value }]);
  }

  async loadOpeningView(boardId: string): Promise<Uint8Array | null> {
    const [value, metaBytes] = await this.db.getMany([viewKey(boardId), metaKey(boardId)]);
    if (!value || !metaBytes || (await this.isDeleted(boardId))) return null;
    // The board's newest number: its last log entry's, else its snapshot's.
    const [newest] = await this.db.keys({ ...logRange(boardId), reverse: true, limit: 1 }).all();
    const lastSeq = newest === undefined ? decodeMeta(metaBytes).snapshotSeq : Number(newest.slice(newest.lastIndexOf('/') + 1));
    const current = new DataView(value.buffer, value.byteOffset, 8).getFloat64(0) === lastSeq;
    return current ? new Uint8Array(value.buffer, value.byteOffset + 8, value.byteLength - 8) : null;
  }

  async exists(boardId: string): Promise<boolean> {
    return (await this.db.get(metaKey(boardId))) !== undefined && !(await this.isDeleted(boardId));
  }

  async isDeleted(boardId: string): Promise<boolean> {
    if (this.deleted.has(boardId)) return true;
    if ((await this.db.get(tombstoneKey(boardId))) === undefined) return false;
    this.deleted.add(boardId);
    return true;
  }

  async list(): Promise<string[]> {
    const ids: string[] = [];
    for await (const key of this.db.keys({ gt: 'b/', lt: 'b/~' })) {
      const [, boardId, kind, more] = key.split('/');
      if (kind === 'meta' && more === undefined && boardId) ids.push(boardId);
    }
    return ids;
  }

  async delete(boardId: string): Promise<void> {
    // From now on no write of the board is queued; those queued before go out first.
    this.deleted.add(boardId);
    this.lastSeq.delete(boardId);
    this.written.delete(boardId);
    await this.write([]);
    const ops: Batch = [{ type: 'put', key: tombstoneKey(boardId), value: encodeJson({ deletedAt: Date.now() }) }];
    for await (const key of this.db.keys({ gt: `b/${boardId}/a/`, lt: `b/${boardId}/a/~` })) {
      const assetId = key.slice(key.lastIndexOf('/') + 1);
      ops.push({ type: 'del', key: `a/${assetId}/m` }, { type: 'del', key: `a/${assetId}/d` });
    }
    for await (const key of this.db.keys({ gt: `b/${boardId}/`, lt: `b/${boardId}/~` })) ops.push({ type: 'del', key });
    await this.write(ops);
  }

  async saveVersion(boardId: string, info: VersionInfo, snapshot: Uint8Array): Promise<void> {
    await this.writeUnlessDeleted(boardId, [
      { type: 'put', key: versionSnapKey(boardId, info.id), value: snapshot },
      { type: 'put', key: versionInfoKey(boardId, info), value: encodeJson(info) },
    ]);
  }

  async listVersions(boardId: string): Promise<VersionInfo[]> {
    const versions: VersionInfo[] = [];
    for await (const value of this.db.values({ ...versionsRange(boardId), reverse: true })) versions.push(decodeJson<VersionInfo>(value));
    return versions;
  }

  async loadVersion(boardId: string, versionId: string): Promise<{ info: VersionInfo; snapshot: Uint8Array } | null> {
    const snapshot = await this.db.get(versionSnapKey(boardId, versionId));
    if (!snapshot) return null;
    const info = (await this.listVersions(boardId)).find((version) => version.id === versionId);
    return info ? { info, snapshot } : null;
  }

  async putAsset(asset: Asset): Promise<void> {
    await this.writeUnlessDeleted(asset.boardId, [
      { type: 'put', key: `a/${asset.id}/d`, value: asset.bytes },
      { type: 'put', key: `a/${asset.id}/m`, value: encodeJson({ boardId: asset.boardId, contentType: asset.contentType }) },
      { type: 'put', key: `b/${asset.boardId}/a/${asset.id}`, value: new Uint8Array() },
    ]);
  }

  async getAsset(assetId: string): Promise<Asset | null> {
    const [meta, bytes] = await this.db.getMany([`a/${assetId}/m`, `a/${assetId}/d`]);
    if (!meta || !bytes) return null;
    const { boardId, contentType } = decodeJson<{ boardId: string; contentType: string }>(meta);
    return { id: assetId, boardId, contentType, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  }

  async readAccess(boardId: string): Promise<BoardAccessRecord | null> {
    const value = await this.db.get(accessKey(boardId));
    return value ? decodeJson<BoardAccessRecord>(value) : null;
  }

  async createAccess(boardId: string, record: BoardAccessRecord): Promise<void> {
    await this.write([{ type: 'put', key: accessKey(boardId), value: encodeJson(record) }]);
  }

  resetLinks(boardId: string): Promise<BoardAccessRecord> {
    // One process owns the database: resets are serialised here, so none is lost.
    const reset = this.accessWrites.then(async () => {
      const current = (await this.readAccess(boardId)) ?? { mode: 'open', generation: 0 };
      const next: BoardAccessRecord = { mode: current.mode, generation: current.generation + 1 };
      await this.write([{ type: 'put', key: accessKey(boardId), value: encodeJson(next) }]);
      return next;
    });
    this.accessWrites = reset.catch(() => {});
    return reset;
  }

  async keepSecret(candidate: string): Promise<string> {
    const kept = await this.db.get(SECRET_KEY);
    if (kept) return new TextDecoder().decode(kept);
    await this.write([{ type: 'put', key: SECRET_KEY, value: new TextEncoder().encode(candidate) }]);
    return candidate;
  }

  async ping(): Promise<void> {
    if (this.db.status !== 'open') throw new Error(`LevelDB is ${this.db.status}`);
  }

  async close(): Promise<void> {
    while (this.writing || this.pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 1));
    await this.db.close();
  }

  /** Queues a write of a board unless it is deleted (checked right before it is queued). */
  private async writeUnlessDeleted(boardId: string, ops: Batch): Promise<void> {
    // The second check runs in the same turn as the queueing: a delete begun meanwhile is seen.
    if ((await this.isDeleted(boardId)) || this.deleted.has(boardId)) throw new BoardDeletedError(boardId);
    return this.write(ops);
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
