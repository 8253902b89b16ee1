/**
 * The production store: PostgreSQL through `pg`. Several instances may share one database.
 *
 *   tabula_boards   (id, created_at, snapshot bytea V2, snapshot_seq)
 *   tabula_updates  (seq bigserial, board_id, data bytea V1)   -- the append-only log
 *   tabula_versions (board_id, id, name, auto, created_at, snapshot bytea V2)
 *   tabula_assets   (id, board_id, content_type, data bytea)
 *   tabula_opening_views (board_id, seq, data bytea)   -- what a page shows while it opens the board
 *
 * Sequence numbers come from one database sequence, so instances never collide. Appends queued
 * while a write is in flight go out together in one statement (postgres-appends.ts). Compaction runs in
 * one transaction under `pg_try_advisory_xact_lock`, folding exactly the rows it read.
 *
 * A deleted board keeps its row in tabula_boards with `deleted_at` set: its tombstone. Writes of a
 * board take a KEY SHARE lock on that row and a delete takes FOR UPDATE, so a write either commits
 * before the delete (which then removes it) or sees the tombstone and is refused; compaction takes
 * NO KEY UPDATE, which appends do not wait for.
 *
 * Every connection has a connect timeout, a statement timeout and an idle-in-transaction timeout,
 * so that a stuck database or a lock held too long fails a request instead of hanging it; errors
 * of idle connections (a restarted database, a killed backend) are logged and the pool replaces
 * the connection.
 */
import pg from 'pg';
import { type Logger, silentLogger } from '../log';
import { type Asset, type BoardAccessRecord, BoardDeletedError, type DocStore, type FoldStored, type StoredBoard, type VersionInfo } from './doc-store';
import { GroupCommit } from './postgres-appends';
import { migrate } from './postgres-schema';
import { mergeStored } from './stored-doc';

/**
 * A statement's board ($1) made writable: created if it has no row, else locked KEY SHARE while
 * it is not deleted (a delete holding FOR UPDATE is waited for, and its tombstone then seen).
 * `open_board` has one row when the board may be written, none when it is deleted.
 */
const OPEN_BOARD = `
  created AS (INSERT INTO tabula_boards (id) VALUES ($1) ON CONFLICT (id) DO NOTHING RETURNING id),
  live AS (SELECT id FROM tabula_boards WHERE id = $1 AND deleted_at IS NULL FOR KEY SHARE),
  open_board AS (SELECT id FROM created UNION SELECT id FROM live)`;

/** Timeouts of every connection, in milliseconds (config.ts reads them from the environment). */
export interface PostgresTimeouts {
  connectMs: number;
  statementMs: number;
  idleInTransactionMs: number;
}

export const DEFAULT_POSTGRES_TIMEOUTS: PostgresTimeouts = { connectMs: 10_000, statementMs: 30_000, idleInTransactionMs: 60_000 };

export interface PostgresStoreOptions {
  log?: Logger;
  timeouts?: PostgresTimeouts;
}

interface BoardRow {
  snapshot: Buffer | null;
  snapshot_seq: string;
  deleted: boolean;
}

export class PostgresDocStore implements DocStore {
  private readonly appends: GroupCommit;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly log: Logger,
  ) {
    this.appends = new GroupCommit(pool);
  }

  static async open(connectionString: string, options: PostgresStoreOptions = {}): Promise<PostgresDocStore> {
    const log = options.log ?? silentLogger;
    const timeouts = options.timeouts ?? DEFAULT_POSTGRES_TIMEOUTS;
    const pool = new pg.Pool({
      connectionString,
      max: 10,
      application_name: 'tabula',
      connectionTimeoutMillis: timeouts.connectMs,
      statement_timeout: timeouts.statementMs,
      idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    });
    // An idle connection that fails (the database restarted, the backend was terminated) must not
    // crash the process; the pool drops it and opens another when next needed.
    pool.on('error', (error) => log.error({ err: error }, 'a Postgres connection failed while idle; the pool replaces it'));
    const store = new PostgresDocStore(pool, log);
    try {
      await store.transaction(migrate);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return store;
  }

  async load(boardId: string): Promise<StoredBoard | null> {
    // One snapshot of the database for both reads: another instance's compaction committing in
    // between would otherwise pair the old snapshot with a log that lacks the rows it folded.
    const { row, log } = await this.transaction(async (client) => {
      const board = await client.query<BoardRow>('SELECT snapshot, snapshot_seq, deleted_at IS NOT NULL AS deleted FROM tabula_boards WHERE id = $1', [boardId]);
      const found = board.rows[0];
      // Every row left in the log counts, whatever its number: compaction deletes exactly the rows
      // it folded, and a row numbered earlier but committed later is still unfolded.
      const entries = found && !found.deleted ? (await client.query<{ seq: string; data: Buffer }>('SELECT seq, data FROM tabula_updates WHERE board_id = $1 ORDER BY seq', [boardId])).rows : [];
      return { row: found, log: entries };
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    if (!row) return null;
    if (row.deleted) throw new BoardDeletedError(boardId);
    const last = log[log.length - 1];
    return {
      snapshot: row.snapshot ? new Uint8Array(row.snapshot) : null,
      updates: log.map((entry) => new Uint8Array(entry.data)),
      lastSeq: Number(last ? last.seq : row.snapshot_seq),
    };
  }

  append(boardId: string, update: Uint8Array): Promise<number> {
    return this.appends.append(boardId, update);
  }

  compact(boardId: string, fold: FoldStored = mergeStored): Promise<number | null> {
    return this.transaction(async (client) => {
      const lock = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [boardId]);
      if (!lock.rows[0]?.locked) return null;
      // NO KEY UPDATE: appends (KEY SHARE) go on meanwhile; a delete (FOR UPDATE) waits.
      const board = await client.query<BoardRow>(
        'SELECT snapshot, snapshot_seq, false AS deleted FROM tabula_boards WHERE id = $1 AND deleted_at IS NULL FOR NO KEY UPDATE',
        [boardId],
      );
      const row = board.rows[0];
      if (!row) return null;
      const log = await client.query<{ seq: string; data: Buffer }>('SELECT seq, data FROM tabula_updates WHERE board_id = $1 ORDER BY seq', [boardId]);
      const last = log.rows[log.rows.length - 1];
      if (!last) return Number(row.snapshot_seq);
      this.log.debug({ boardId, updates: log.rows.length }, 'compacting a board');
      const snapshot = fold(row.snapshot ? new Uint8Array(row.snapshot) : null, log.rows.map((entry) => new Uint8Array(entry.data)));
      await client.query('UPDATE tabula_boards SET snapshot = $2, snapshot_seq = GREATEST(snapshot_seq, $3) WHERE id = $1', [boardId, Buffer.from(snapshot), last.seq]);
      // Exactly the rows folded: one numbered lower but committed after the read stays in the log.
      await client.query('DELETE FROM tabula_updates WHERE board_id = $1 AND seq = ANY($2::bigint[])', [boardId, log.rows.map((entry) => entry.seq)]);
      return Number(last.seq);
    });
  }

  async saveOpeningView(boardId: string, seq: number, view: Uint8Array): Promise<void> {
    await this.insertIntoOpenBoard(
      boardId,
      'INSERT INTO tabula_opening_views (board_id, seq, data) SELECT id, $2, $3 FROM open_board ON CONFLICT (board_id) DO UPDATE SET seq = EXCLUDED.seq, data = EXCLUDED.data',
      [seq, Buffer.from(view)],
    );
  }

  async loadOpeningView(boardId: string): Promise<Uint8Array | null> {
    // Current while its number is the board's newest: the snapshot's, or the log's last row's.
    const result = await this.pool.query<{ data: Buffer }>(
      `SELECT v.data FROM tabula_opening_views v JOIN tabula_boards b ON b.id = v.board_id
       WHERE v.board_id = $1 AND b.deleted_at IS NULL
         AND v.seq = GREATEST(b.snapshot_seq, (SELECT COALESCE(max(u.seq), 0) FROM tabula_updates u WHERE u.board_id = $1))`,
      [boardId],
    );
    const row = result.rows[0];
    return row ? new Uint8Array(row.data) : null;
  }

  async exists(boardId: string): Promise<boolean> {
    const result = await this.pool.query('SELECT 1 FROM tabula_boards WHERE id = $1 AND deleted_at IS NULL', [boardId]);
    return (result.rowCount ?? 0) > 0;
  }

  async isDeleted(boardId: string): Promise<boolean> {
    const result = await this.pool.query('SELECT 1 FROM tabula_boards WHERE id = $1 AND deleted_at IS NOT NULL', [boardId]);
    return (result.rowCount ?? 0) > 0;
  }

  async list(): Promise<string[]> {
    const result = await this.pool.query<{ id: string }>('SELECT id FROM tabula_boards WHERE deleted_at IS NULL ORDER BY created_at');
    return result.rows.map((row) => row.id);
  }

  delete(boardId: string): Promise<void> {
    return this.transaction(async (client) => {
      // The row is the tombstone: made if the board had none, locked against writes, marked.
      await client.query('INSERT INTO tabula_boards (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', [boardId]);
      await client.query('SELECT 1 FROM tabula_boards WHERE id = $1 FOR UPDATE', [boardId]);
      await client.query('UPDATE tabula_boards SET deleted_at = COALESCE(deleted_at, now()), snapshot = NULL WHERE id = $1', [boardId]);
      for (const table of ['tabula_updates', 'tabula_versions', 'tabula_assets', 'tabula_opening_views']) {
        await client.query(`DELETE FROM ${table} WHERE board_id = $1`, [boardId]);
      }
    });
  }

  async saveVersion(boardId: string, info: VersionInfo, snapshot: Uint8Array): Promise<void> {
    await this.insertIntoOpenBoard(
      boardId,
      'INSERT INTO tabula_versions (board_id, id, name, auto, created_at, snapshot) SELECT id, $2, $3, $4, $5, $6 FROM open_board',
      [info.id, info.name, info.auto, info.createdAt, Buffer.from(snapshot)],
    );
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
    await this.insertIntoOpenBoard(
      asset.boardId,
      'INSERT INTO tabula_assets (id, board_id, content_type, data) SELECT $2, id, $3, $4 FROM open_board',
      [asset.id, asset.contentType, Buffer.from(asset.bytes)],
    );
  }

  async getAsset(assetId: string): Promise<Asset | null> {
    const result = await this.pool.query<{ board_id: string; content_type: string; data: Buffer }>(
      'SELECT board_id, content_type, data FROM tabula_assets WHERE id = $1',
      [assetId],
    );
    const row = result.rows[0];
    return row ? { id: assetId, boardId: row.board_id, contentType: row.content_type, bytes: new Uint8Array(row.data) } : null;
  }

  async readAccess(boardId: string): Promise<BoardAccessRecord | null> {
    const result = await this.pool.query<BoardAccessRecord>('SELECT mode, generation FROM tabula_access WHERE board_id = $1', [boardId]);
    return result.rows[0] ?? null;
  }

  async createAccess(boardId: string, record: BoardAccessRecord): Promise<void> {
    await this.pool.query('INSERT INTO tabula_access (board_id, mode, generation) VALUES ($1, $2, $3) ON CONFLICT (board_id) DO NOTHING', [
      boardId,
      record.mode,
      record.generation,
    ]);
  }

  async resetLinks(boardId: string): Promise<BoardAccessRecord> {
    const result = await this.pool.query<BoardAccessRecord>(
      `INSERT INTO tabula_access (board_id, mode, generation) VALUES ($1, 'open', 1)
       ON CONFLICT (board_id) DO UPDATE SET generation = tabula_access.generation + 1
       RETURNING mode, generation`,
      [boardId],
    );
    return result.rows[0]!;
  }

  async keepSecret(candidate: string): Promise<string> {
    await this.pool.query("INSERT INTO tabula_settings (name, value) VALUES ('secret', $1) ON CONFLICT (name) DO NOTHING", [candidate]);
    const result = await this.pool.query<{ value: string }>("SELECT value FROM tabula_settings WHERE name = 'secret'");
    return result.rows[0]!.value;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.appends.idle();
    await this.pool.end();
  }

  /**
   * Runs an INSERT that reads `open_board` for `boardId` ($1; `params` are $2 on), or throws
   * BoardDeletedError when the board is deleted. A board whose first row another instance
   * committed after this statement's snapshot looks missing to it (ON CONFLICT waited, then saw
   * nothing): a second statement sees that row, or its tombstone.
   */
  private async insertIntoOpenBoard(boardId: string, insert: string, params: unknown[]): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const result = await this.pool.query(`WITH ${OPEN_BOARD} ${insert}`, [boardId, ...params]);
      if (result.rowCount) return;
    }
    throw new BoardDeletedError(boardId);
  }

  /**
   * Runs `work` in one transaction on one connection: committed if it resolves, rolled back if it
   * throws. A connection that failed meanwhile, or whose rollback fails, is closed, not reused.
   */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    // A checked-out connection has no listener of the pool's: its failure between two statements
    // (the idle-in-transaction timeout, a terminated backend) would be an uncaught 'error' event.
    const onError = (error: Error) => {
      broken = error;
      this.log.error({ err: error }, 'a Postgres connection failed during a transaction');
    };
    client.on('error', onError);
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }
}
