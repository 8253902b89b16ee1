/**
 * What only the Postgres store has: connections with timeouts, and failures of the database
 * logged rather than dropped or crashing the process. Needs DATABASE_URL (CI sets it).
 */
import net from 'node:net';
import pg from 'pg';
import * as Y from 'yjs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { addShape, addShapes, getShapesMap, moveShapes, newShapeId } from '../../lib/board/doc';
import { newBoardId } from '../../lib/protocol';
import { DEFAULT_POSTGRES_TIMEOUTS, PostgresDocStore, type PostgresTimeouts } from '../store/postgres-store';
import { newAssetId, newVersionId } from '../store/ids';
import { decodeStoredBoard } from '../store/stored-doc';
import { capturedLogger } from './support/captured-log';
import { eventually } from './support/peer';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) console.warn('postgres-store: DATABASE_URL is not set, so Postgres timeouts and connection failures are NOT tested in this run');

describe.runIf(databaseUrl)('Postgres store: timeouts and connection failures', () => {
  const url = databaseUrl!;
  const stores: PostgresDocStore[] = [];
  const clients: pg.Client[] = [];
  // One test's stores at a time: the test of terminated connections counts the store's own.
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close().catch(() => undefined);
  });
  afterAll(async () => {
    for (const client of clients) await client.end().catch(() => undefined);
  });

  async function openStore(timeouts: Partial<PostgresTimeouts> = {}) {
    const { log, lines } = capturedLogger();
    const store = await PostgresDocStore.open(url, { log, timeouts: { ...DEFAULT_POSTGRES_TIMEOUTS, ...timeouts } });
    stores.push(store);
    return { store, lines };
  }

  async function otherConnection() {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    return client;
  }

  it('cancels a statement that waits past the statement timeout, and the store goes on', async () => {
    const { store } = await openStore({ statementMs: 300 });
    const boardId = newBoardId();
    const doc = new Y.Doc();
    doc.on('update', (update: Uint8Array) => void store.append(boardId, update));
    addShape(doc, { id: newShapeId(), type: 'rectangle', x: 0, y: 0, w: 1, h: 1 });
    await eventually(async () => expect(await store.exists(boardId)).toBe(true));
    // Another session holds the board's row, so the delete's lock waits until cancelled.
    const holder = await otherConnection();
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM tabula_boards WHERE id = $1 FOR UPDATE', [boardId]);
    await expect(store.delete(boardId)).rejects.toMatchObject({ code: '57014', message: expect.stringContaining('statement timeout') });
    await holder.query('ROLLBACK');
    expect(await store.isDeleted(boardId)).toBe(false);
    await store.delete(boardId);
    expect(await store.isDeleted(boardId)).toBe(true);
  });

  it('gives up connecting after the connect timeout', async () => {
    // A server that accepts the connection and never answers, as a hung database would.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const { log } = capturedLogger();
      await expect(
        PostgresDocStore.open(`postgres://postgres@127.0.0.1:${port}/none`, { log, timeouts: { ...DEFAULT_POSTGRES_TIMEOUTS, connectMs: 300 } }),
      ).rejects.toThrow(/timeout/i);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('logs an idle connection that the database terminated, and reconnects', async () => {
    const { store, lines } = await openStore();
    await Promise.all([store.ping(), store.ping(), store.ping()]);
    const admin = await otherConnection();
    const killed = await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'tabula' AND datname = current_database() AND pid <> pg_backend_pid()",
    );
    expect(killed.rowCount).toBeGreaterThan(0);
    const logged = () => lines.filter((line) => line.level === 50 && line.msg.includes('failed while idle') && line.err?.code === '57P01');
    await eventually(() => expect(logged()).toHaveLength(killed.rowCount!));
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('a transaction left idle past its timeout is cut off and reported; nothing is lost', async () => {
    const { store, lines } = await openStore({ idleInTransactionMs: 100 });
    const boardId = newBoardId();
    const doc = new Y.Doc();
    const appends: Promise<number>[] = [];
    doc.on('update', (update: Uint8Array) => appends.push(store.append(boardId, update)));
    // A board whose compaction folds for longer than the timeout between two statements.
    addShapes(doc, Array.from({ length: 8_000 }, (_, i) => ({ id: newShapeId(), type: 'rectangle' as const, x: i, y: 0, w: 5, h: 5 })));
    const first = [...getShapesMap(doc).keys()].slice(0, 20);
    for (const id of first) moveShapes(doc, [id], 1, 1);
    await Promise.all(appends);
    await expect(store.compact(boardId)).rejects.toThrow();
    await eventually(() =>
      // The database's notice (25P03) or, if the socket closed first, "terminated unexpectedly".
      expect(lines).toContainEqual(expect.objectContaining({ level: 50, msg: expect.stringContaining('during a transaction'), err: expect.anything() })),
    );
    // Read back through a store with the usual timeouts.
    const { store: reader } = await openStore();
    const stored = await reader.load(boardId);
    expect(stored?.updates.length).toBe(appends.length);
    expect(getShapesMap(decodeStoredBoard(stored!)).toJSON()).toEqual(getShapesMap(doc).toJSON());
  });

  it("writes a version and an asset to a board whose row another instance is creating at that moment", async () => {
    const { store } = await openStore();
    for (const write of [
      (boardId: string) => store.saveVersion(boardId, { id: newVersionId(), name: 'first', auto: false, createdAt: Date.now() }, new Uint8Array([0, 0])),
      (boardId: string) => store.putAsset({ id: newAssetId(), boardId, contentType: 'image/png', bytes: new Uint8Array([1, 2, 3]) }),
    ]) {
      const boardId = newBoardId();
      // Another instance's first write of this board: its row is inserted but not yet committed,
      // so this store's insert waits on the conflict, then finds the row outside its snapshot.
      const other = await otherConnection();
      await other.query('BEGIN');
      await other.query('INSERT INTO tabula_boards (id) VALUES ($1)', [boardId]);
      const written = write(boardId);
      await eventually(async () => {
        const waiting = await other.query("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%open_board%'");
        expect(waiting.rowCount).toBeGreaterThan(0);
      });
      await other.query('COMMIT');
      await expect(written).resolves.toBeUndefined();
    }
  });
});
