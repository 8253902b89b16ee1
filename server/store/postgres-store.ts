/**
 * The production store: PostgreSQL through `pg`. Several instances may share one database.
 *
 *   tabula_boards   (id, created_at, snapshot bytea V2, snapshot_seq)
 *   tabula_updates  (seq bigserial, board_id, data bytea V1)   -- the append-only log
 *   tabula_versions (board_id, id, name, auto, created_at, snapshot bytea V2)
 *   tabula_assets   (id, board_id, content_type, data bytea)
 *
 * Sequence numbers come from one database sequence, so instances never collide. Appends queued
 * while a write is in flight go out together in one statement (group commit). Compaction runs in
 * one transaction under `pg_try_advisory_xact_lock`, folding exactly the rows it read.
 */
import pg from 'pg';
import type { Asset, DocStore, StoredBoard, VersionInfo } from './doc-store';
import { mergeStored } from './merge';

/** Serialises schema creation across instances starting at once (an arbitrary constant). */
const MIGRATION_LOCK_KEY = 7_301_405_913;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS tabula_boards (
    id text PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    snapshot bytea,
    snapshot_seq bigint NOT NULL DEFAULT 0
  );
  CREATE TABLE IF NOT EXISTS tabula_updates (
    seq bigserial PRIMARY KEY,
    board_id text NOT NULL,
    data bytea NOT NULL
  );
  CREATE INDEX IF NOT EXISTS tabula_updates_board_seq ON tabula_updates (board_id, seq);
  CREATE TABLE IF NOT EXISTS tabula_versions (
    board_id text NOT NULL,
    id text NOT NULL,
    name text NOT NULL,
    auto boolean NOT NULL,
    created_at bigint NOT NULL,
    snapshot bytea NOT NULL,
    PRIMARY KEY (board_id, id)
  );
  CREATE INDEX IF NOT EXISTS tabula_versions_board_time ON tabula_versions (board_id, created_at);
  CREATE TABLE IF NOT EXISTS tabula_assets (
    id text PRIMARY KEY,
    board_id text NOT NULL,
    content_type text NOT NULL,
    data bytea NOT NULL
  );
  CREATE INDEX IF NOT EXISTS tabula_assets_board ON tabula_assets (board_id);
`;

interface PendingAppend {
  boardId: string;
  update: Uint8Array;
  resolve: (seq: number) => void;
  reject: (error: unknown) => void;
}

export class PostgresDocStore implements DocStore {
  private pending: PendingAppend[] = [];
  private writing: Promise<void> | null = null;

  private constructor(private readonly pool: pg.Pool) {}

  static async open(connectionString: string): Promise<PostgresDocStore> {
    const pool = new pg.Pool({ connectionString, max: 10 });
    // An idle client that loses its connection must not crash the process.
    pool.on('error', () => undefined);
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await client.query(SCHEMA);
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    } finally {
      client.release();
    }
    return new PostgresDocStore(pool);
  }

  async load(boardId: string): Promise<StoredBoard | null> {
    // One snapshot of the database for both reads: another instance's compaction committing in
    // between would otherwise pair the old snapshot with a log that lacks the rows it folded.
    const client = await this.pool.connect();
    let row: { snapshot: Buffer | null; snapshot_seq: string } | undefined;
    let log: { seq: string; data: Buffer }[];
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const board = await client.query<{ snapshot: Buffer | null; snapshot_seq: string }>('SELECT snapshot, snapshot_seq FROM tabula_boards WHERE id = $1', [boardId]);
      row = board.rows[0];
      // Every row left in the log counts, whatever its number: compaction deletes exactly the rows
      // it folded, and a row numbered earlier but committed later is still unfolded.
      log = row ? (await client.query<{ seq: string; data: Buffer }>('SELECT seq, data FROM tabula_updates WHERE board_id = $1 ORDER BY seq', [boardId])).rows : [];
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    if (!row) return null;
    const last = log[log.length - 1];
    return {
      snapshot: row.snapshot ? new Uint8Array(row.snapshot) : null,
      updates: log.map((entry) => new Uint8Array(entry.data)),
      lastSeq: Number(last ? last.seq : row.snapshot_seq),
    };
  }

  append(boardId: string, update: Uint8Array): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending.push({ boardId, update, resolve, reject });
      this.writing ??= this.drain();
    });
  }

  async compact(boardId: string): Promise<number | null> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const lock = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [boardId]);
      if (!lock.rows[0]?.locked) {
        await client.query('ROLLBACK');
        return null;
      }
      const board = await client.query<{ snapshot: Buffer | null; snapshot_seq: string }>(
        'SELECT snapshot, snapshot_seq FROM tabula_boards WHERE id = $1 FOR UPDATE',
        [boardId],
      );
      const row = board.rows[0];
      if (!row) {
        await client.query('ROLLBACK');
        return null;
      }
      const log = await client.query<{ seq: string; data: Buffer }>('SELECT seq, data FROM tabula_updates WHERE board_id = $1 ORDER BY seq', [boardId]);
      const last = log.rows[log.rows.length - 1];
      if (!last) {
        await client.query('ROLLBACK');
        return Number(row.snapshot_seq);
      }
      const snapshot = mergeStored(row.snapshot ? new Uint8Array(row.snapshot) : null, log.rows.map((entry) => new Uint8Array(entry.data)));
      await client.query('UPDATE tabula_boards SET snapshot = $2, snapshot_seq = GREATEST(snapshot_seq, $3) WHERE id = $1', [boardId, Buffer.from(snapshot), last.seq]);
      // Exactly the rows folded: one numbered lower but committed after the read stays in the log.
      await client.query('DELETE FROM tabula_updates WHERE board_id = $1 AND seq = ANY($2::bigint[])', [boardId, log.rows.map((entry) => entry.seq)]);
      await client.query('COMMIT');
      return Number(last.seq);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async exists(boardId: string): Promise<boolean> {
    const result = await this.pool.query('SELECT 1 FROM tabula_boards WHERE id = $1', [boardId]);
    return (result.rowCount ?? 0) > 0;
  }

  async list(): Promise<string[]> {
    const result = await this.pool.query<{ id: string }>('SELECT id FROM tabula_boards ORDER BY created_at');
    return result.rows.map((row) => row.id);
  }

  async delete(boardId: string): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      for (const table of ['tabula_updates', 'tabula_versions', 'tabula_assets']) {
        await client.query(`DELETE FROM ${table} WHERE board_id = $1`, [boardId]);
      }
      await client.query('DELETE FROM tabula_boards WHERE id = $1', [boardId]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async saveVersion(boardId: string, info: VersionInfo, snapshot: Uint8Array): Promise<void> {
    await this.pool.query('INSERT INTO tabula_versions (board_id, id, name, auto, created_at, snapshot) VALUES ($1, $2, $3, $4, $5, $6)', [
      boardId,
      info.id,
      info.name,
      info.auto,
      info.createdAt,
      Buffer.from(snapshot),
    ]);
  }

  async listVersions(boardId: string): Promise<VersionInfo[]> {
    const result = await this.pool.query<{ id: string; name: string; auto: boolean; created_at: string }>(
      'SELECT id, name, auto, created_at FROM tabula_versions WHERE board_id = $1 ORDER BY created_at DESC, id DESC',
      [boardId],
    );
    return result.rows.map((row) => ({ id: row.id, name: row.name, auto: row.auto, createdAt: Number(row.created_at) }));
  }

  async loadVersion(boardId: string, versionId: string): Promise<{ info: VersionInfo; snapshot: Uint8Array } | null> {
    const result = await this.pool.query<{ id: string; name: string; auto: boolean; created_at: string; snapshot: Buffer }>(
      'SELECT id, name, auto, created_at, snapshot FROM tabula_versions WHERE board_id = $1 AND id = $2',
      [boardId, versionId],
    );
    const row = result.rows[0];
    if (!row) return null;
    return { info: { id: row.id, name: row.name, auto: row.auto, createdAt: Number(row.created_at) }, snapshot: new Uint8Array(row.snapshot) };
  }

  async putAsset(asset: Asset): Promise<void> {
    await this.pool.query('INSERT INTO tabula_assets (id, board_id, content_type, data) VALUES ($1, $2, $3, $4)', [
      asset.id,
      asset.boardId,
      asset.contentType,
      Buffer.from(asset.bytes),
    ]);
  }

  async getAsset(assetId: string): Promise<Asset | null> {
    const result = await this.pool.query<{ board_id: string; content_type: string; data: Buffer }>(
      'SELECT board_id, content_type, data FROM tabula_assets WHERE id = $1',
      [assetId],
    );
    const row = result.rows[0];
    return row ? { id: assetId, boardId: row.board_id, contentType: row.content_type, bytes: new Uint8Array(row.data) } : null;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    while (this.writing) await this.writing;
    await this.pool.end();
  }

  /** Group commit: everything queued goes out in one statement; repeat while more arrives. */
  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const group = this.pending;
      this.pending = [];
      try {
        const seqs = await this.insert(group);
        group.forEach((entry, index) => entry.resolve(seqs[index]!));
      } catch (error) {
        for (const entry of group) entry.reject(error);
      }
    }
    this.writing = null;
  }

  private async insert(group: readonly PendingAppend[]): Promise<number[]> {
    const boardIds = group.map((entry) => entry.boardId);
    const updates = group.map((entry) => Buffer.from(entry.update.buffer, entry.update.byteOffset, entry.update.byteLength));
    // One statement: the board rows (for first appends) and the log rows, in the given order.
    const result = await this.pool.query<{ seq: string; ord: string }>(
      `WITH boards AS (
         INSERT INTO tabula_boards (id) SELECT DISTINCT unnest($1::text[]) ON CONFLICT (id) DO NOTHING
       ), rows AS (
         SELECT board_id, data, ord FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS t(board_id, data, ord)
       ), inserted AS (
         INSERT INTO tabula_updates (board_id, data) SELECT board_id, data FROM rows ORDER BY ord RETURNING seq
       )
       SELECT seq, row_number() OVER (ORDER BY seq) AS ord FROM inserted`,
      [boardIds, updates],
    );
    // Sequence values are handed out in insertion order, so the n-th smallest is the n-th row.
    return result.rows.sort((a, b) => Number(a.ord) - Number(b.ord)).map((row) => Number(row.seq));
  }
}
