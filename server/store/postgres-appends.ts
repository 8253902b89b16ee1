/**
 * Appends to the PostgreSQL store's log (postgres-store.ts) by group commit: appends queued while
 * a write is in flight go out together in one statement, which also makes a board's row for its
 * first append and, for the others, locks it KEY SHARE against a delete (whose tombstone refuses
 * the append).
 */
import type pg from 'pg';
import { BoardDeletedError } from './doc-store';

interface PendingAppend {
  boardId: string;
  update: Uint8Array;
  resolve: (seq: number) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private pending: PendingAppend[] = [];
  private writing: Promise<void> | null = null;

  constructor(private readonly pool: pg.Pool) {}

  /** Resolves with the update's sequence number once stored; rejects with BoardDeletedError if its board is deleted. */
  append(boardId: string, update: Uint8Array): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending.push({ boardId, update, resolve, reject });
      this.writing ??= this.drain();
    });
  }

  /** Resolves once nothing is being written. */
  async idle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /** Group commit: everything queued goes out in one statement; repeat while more arrives. */
  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const group = this.pending;
      this.pending = [];
      try {
        const seqs = await this.insert(group);
        // A board whose first append raced another instance's: that row was committed after this
        // statement's snapshot, so it looked missing. A new statement sees it (or its tombstone).
        const unseen = group.flatMap((entry, index) => (seqs[index] === undefined ? [index] : []));
        if (unseen.length > 0) {
          const again = await this.insert(unseen.map((index) => group[index]!));
          unseen.forEach((index, i) => (seqs[index] = again[i]));
        }
        group.forEach((entry, index) => {
          const seq = seqs[index];
          if (seq === undefined) entry.reject(new BoardDeletedError(entry.boardId));
          else entry.resolve(seq);
        });
      } catch (error) {
        for (const entry of group) entry.reject(error);
      }
    }
    this.writing = null;
  }

  /** Inserts the group's updates; the sequence number of each, undefined where its board is deleted. */
  private async insert(group: readonly PendingAppend[]): Promise<Array<number | undefined>> {
    const boardIds = group.map((entry) => entry.boardId);
    const updates = group.map((entry) => Buffer.from(entry.update.buffer, entry.update.byteOffset, entry.update.byteLength));
    // One statement: the board rows (made for first appends, locked against a delete otherwise)
    // and the log rows of the boards not deleted, in the given order.
    const result = await this.pool.query<{ open_ids: string[] | null; seqs: string[] | null }>(
      `WITH created AS (
         INSERT INTO tabula_boards (id) SELECT DISTINCT unnest($1::text[]) ON CONFLICT (id) DO NOTHING RETURNING id
       ), live AS (
         SELECT id FROM tabula_boards WHERE id = ANY($1::text[]) AND deleted_at IS NULL FOR KEY SHARE
       ), open_boards AS (
         SELECT id FROM created UNION SELECT id FROM live
       ), rows AS (
         SELECT board_id, data, ord FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS t(board_id, data, ord)
         WHERE board_id IN (SELECT id FROM open_boards)
       ), inserted AS (
         INSERT INTO tabula_updates (board_id, data) SELECT board_id, data FROM rows ORDER BY ord RETURNING seq
       )
       SELECT (SELECT array_agg(id) FROM open_boards) AS open_ids, (SELECT array_agg(seq ORDER BY seq) FROM inserted) AS seqs`,
      [boardIds, updates],
    );
    const open = new Set(result.rows[0]?.open_ids ?? []);
    // Sequence values are handed out in insertion order, so the n-th smallest is the n-th row written.
    const seqs = (result.rows[0]?.seqs ?? []).map(Number);
    let next = 0;
    return group.map((entry) => (open.has(entry.boardId) ? seqs[next++] : undefined));
  }
}
