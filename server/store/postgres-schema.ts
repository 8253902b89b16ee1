/**
 * The PostgreSQL store's tables (postgres-store.ts describes them), created when missing; instances
 * starting at once take turns under an advisory lock.
 */
import type pg from 'pg';

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
  ALTER TABLE tabula_boards ADD COLUMN IF NOT EXISTS deleted_at timestamptz;
  CREATE TABLE IF NOT EXISTS tabula_access (
    board_id text PRIMARY KEY,
    mode text NOT NULL,
    generation integer NOT NULL
  );
  CREATE TABLE IF NOT EXISTS tabula_opening_views (
    board_id text PRIMARY KEY,
    seq bigint NOT NULL,
    data bytea NOT NULL
  );
  CREATE TABLE IF NOT EXISTS tabula_settings (
    name text PRIMARY KEY,
    value text NOT NULL
  );
`;

/** Creates what is missing of the schema; run inside a transaction (the lock is held until it ends). */
export async function migrate(client: pg.PoolClient): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
  await client.query(SCHEMA);
}
