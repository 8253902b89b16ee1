/**
 * The DocStore contract: every store passes the same suite. Postgres runs when DATABASE_URL is set
 * (CI always sets it); without it the suite says so and runs LevelDB alone.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { addShape, getShapesMap, moveShapes, newShapeId } from '../../lib/board/doc';
import { newBoardId } from '../../lib/protocol';
import { BoardDeletedError, type DocStore } from '../store/doc-store';
import { LevelDocStore } from '../store/level-store';
import { PostgresDocStore } from '../store/postgres-store';
import { decodeStoredBoard } from '../store/stored-doc';

interface StoreFactory {
  name: string;
  /** Opens a store; a second call opens another handle on the same data (another instance). */
  open(): Promise<DocStore>;
  cleanup(): Promise<void>;
}

/** LevelDB belongs to one process: "another instance" is another caller of the same handle. */
function levelFactory(): StoreFactory {
  let dir: string | null = null;
  let store: Promise<DocStore> | null = null;
  return {
    name: 'LevelDB',
    async open() {
      dir ??= await mkdtemp(path.join(tmpdir(), 'tabula-store-'));
      const directory = dir;
      store ??= LevelDocStore.open(directory);
      return store;
    },
    async cleanup() {
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

function postgresFactory(url: string): StoreFactory {
  return { name: 'Postgres', open: () => PostgresDocStore.open(url), cleanup: async () => undefined };
}

const factories: StoreFactory[] = [levelFactory()];
if (process.env.DATABASE_URL) factories.push(postgresFactory(process.env.DATABASE_URL));
else console.warn('doc-store contract: DATABASE_URL is not set, so the Postgres store is NOT tested in this run');

/** A client doc whose every update is captured, as the server would receive them. */
function recordingDoc() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return { doc, updates };
}

function replay(snapshot: Uint8Array | null, updates: readonly Uint8Array[]): unknown {
  return getShapesMap(decodeStoredBoard({ snapshot, updates })).toJSON();
}

for (const factory of factories) {
  describe(`DocStore contract: ${factory.name}`, () => {
    const opened = new Set<DocStore>();
    const open = async () => {
      const store = await factory.open();
      opened.add(store);
      return store;
    };
    afterAll(async () => {
      for (const store of opened) await store.close().catch(() => undefined);
      await factory.cleanup();
    });

    it('knows nothing of a board never written', async () => {
      const store = await open();
      const boardId = newBoardId();
      expect(await store.load(boardId)).toBeNull();
      expect(await store.exists(boardId)).toBe(false);
      expect(await store.list()).not.toContain(boardId);
    });

    it('returns appended updates in order, with growing sequence numbers', async () => {
      const store = await open();
      const boardId = newBoardId();
      const { doc, updates } = recordingDoc();
      const shape = addShape(doc, { id: newShapeId(), type: 'rectangle', x: 0, y: 0, w: 1, h: 1 });
      for (let i = 0; i < 20; i++) moveShapes(doc, [shape.id], 1, 0);
      const seqs = await Promise.all(updates.map((update) => store.append(boardId, update)));
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      expect(new Set(seqs).size).toBe(seqs.length);

      const stored = await store.load(boardId);
      expect(stored?.updates).toHaveLength(21);
      expect(stored?.lastSeq).toBe(seqs[seqs.length - 1]);
      expect(replay(stored!.snapshot, stored!.updates)).toEqual(getShapesMap(doc).toJSON());
      expect(await store.exists(boardId)).toBe(true);
      expect(await store.list()).toContain(boardId);
    });

    it('compaction leaves the document identical and empties the log', async () => {
      const store = await open();
      const boardId = newBoardId();
      const { doc, updates } = recordingDoc();
      const ids = Array.from({ length: 30 }, (_, i) => addShape(doc, { id: newShapeId(), type: 'ellipse', x: i, y: i, w: 5, h: 5 }).id);
      for (let i = 0; i < 100; i++) moveShapes(doc, [ids[i % ids.length]!], 3, -2);
      for (const update of updates) await store.append(boardId, update);

      const upTo = await store.compact(boardId);
      expect(upTo).toBe((await store.load(boardId))?.lastSeq);
      const compacted = await store.load(boardId);
      expect(compacted?.updates).toEqual([]);
      expect(compacted?.snapshot).not.toBeNull();
      expect(replay(compacted!.snapshot, compacted!.updates)).toEqual(getShapesMap(doc).toJSON());

      // Appends after a compaction load on top of the snapshot.
      updates.length = 0;
      moveShapes(doc, [ids[0]!], 100, 100);
      await store.append(boardId, updates[0]!);
      const after = await store.load(boardId);
      expect(after?.updates).toHaveLength(1);
      expect(replay(after!.snapshot, after!.updates)).toEqual(getShapesMap(doc).toJSON());
    });

    it('two instances compacting one board at once, while appends go on, lose nothing', async () => {
      const first = await open();
      const second = await open();
      const boardId = newBoardId();
      const { doc, updates } = recordingDoc();
      const ids = Array.from({ length: 10 }, () => addShape(doc, { id: newShapeId(), type: 'rectangle', x: 0, y: 0, w: 5, h: 5 }).id);
      for (const update of updates.splice(0)) await first.append(boardId, update);

      for (let round = 0; round < 5; round++) {
        for (let i = 0; i < 10; i++) moveShapes(doc, [ids[i]!], round + 1, i);
        const batch = updates.splice(0);
        await Promise.all([
          first.compact(boardId),
          second.compact(boardId),
          ...batch.map((update, index) => (index % 2 ? first : second).append(boardId, update)),
        ]);
      }
      await first.compact(boardId);
      const stored = await second.load(boardId);
      expect(replay(stored!.snapshot, stored!.updates)).toEqual(getShapesMap(doc).toJSON());
    });

    it('a load while another instance compacts sees the whole board, never a snapshot without its log', async () => {
      const writer = await open();
      const reader = await open();
      const boardId = newBoardId();
      const { doc, updates } = recordingDoc();
      const ids = Array.from({ length: 20 }, () => addShape(doc, { id: newShapeId(), type: 'rectangle', x: 0, y: 0, w: 5, h: 5 }).id);
      for (const update of updates.splice(0)) await writer.append(boardId, update);
      const expected = getShapesMap(doc).toJSON();

      for (let round = 0; round < 10; round++) {
        // Each round leaves a log behind, then folds it while the other instance loads.
        for (let i = 0; i < 20; i++) moveShapes(doc, [ids[i]!], 1, 0);
        for (const update of updates.splice(0)) await writer.append(boardId, update);
        const now = getShapesMap(doc).toJSON();
        const loads = Array.from({ length: 5 }, () => reader.load(boardId));
        await Promise.all([writer.compact(boardId), ...loads]);
        for (const stored of await Promise.all(loads)) expect(replay(stored!.snapshot, stored!.updates)).toEqual(now);
      }
      expect(expected).not.toEqual(getShapesMap(doc).toJSON());
    });

    it('deleting a board leaves a tombstone: no late append, version, asset or load brings it back', async () => {
      const store = await open();
      const other = await open();
      const boardId = newBoardId();
      const { doc, updates } = recordingDoc();
      addShape(doc, { id: newShapeId(), type: 'rectangle', x: 0, y: 0, w: 1, h: 1 });
      await store.append(boardId, updates[0]!);
      await store.compact(boardId);
      expect(await store.isDeleted(boardId)).toBe(false);
      await store.delete(boardId);

      for (const instance of [store, other]) {
        expect(await instance.isDeleted(boardId)).toBe(true);
        expect(await instance.exists(boardId)).toBe(false);
        expect(await instance.list()).not.toContain(boardId);
        await expect(instance.load(boardId)).rejects.toBeInstanceOf(BoardDeletedError);
        // A socket that was still sending, or a browser's offline copy arriving later.
        await expect(instance.append(boardId, updates[0]!)).rejects.toBeInstanceOf(BoardDeletedError);
        await expect(instance.saveVersion(boardId, { id: newBoardId(), name: 'late', auto: true, createdAt: 1 }, Y.encodeStateAsUpdateV2(doc))).rejects.toBeInstanceOf(
          BoardDeletedError,
        );
        await expect(instance.putAsset({ id: newBoardId(), boardId, contentType: 'image/png', bytes: new Uint8Array([1]) })).rejects.toBeInstanceOf(BoardDeletedError);
        expect(await instance.compact(boardId)).toBeNull();
      }
      expect(await store.listVersions(boardId)).toEqual([]);
      // Deleting again changes nothing; a board never written can be deleted (its id is then taken).
      await store.delete(boardId);
      await expect(store.load(boardId)).rejects.toBeInstanceOf(BoardDeletedError);
      const unused = newBoardId();
      await store.delete(unused);
      await expect(other.append(unused, updates[0]!)).rejects.toBeInstanceOf(BoardDeletedError);
    });

    it('appends racing a delete either land before it (and go with it) or are refused', async () => {
      const writer = await open();
      const deleter = await open();
      const boardId = newBoardId();
      const { doc, updates } = recordingDoc();
      const shape = addShape(doc, { id: newShapeId(), type: 'rectangle', x: 0, y: 0, w: 1, h: 1 });
      await writer.append(boardId, updates.splice(0)[0]!);
      for (let i = 0; i < 200; i++) moveShapes(doc, [shape.id], 1, 0);
      const appends = updates.splice(0).map((update, index) =>
        (async () => {
          // Spread the appends over several turns, so that some are queued after the delete began.
          if (index % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
          return writer.append(boardId, update);
        })(),
      );
      const results = await Promise.allSettled([...appends, deleter.delete(boardId)]);
      const refused = results.filter((result) => result.status === 'rejected');
      for (const result of refused) expect((result as PromiseRejectedResult).reason).toBeInstanceOf(BoardDeletedError);
      await expect(writer.load(boardId)).rejects.toBeInstanceOf(BoardDeletedError);
      await expect(deleter.load(boardId)).rejects.toBeInstanceOf(BoardDeletedError);
      await expect(writer.append(boardId, updates[0] ?? new Uint8Array([0, 0]))).rejects.toBeInstanceOf(BoardDeletedError);
    });

    it('keeps versions newest first and assets by id; deleting the board removes both', async () => {
      const store = await open();
      const boardId = newBoardId();
      const { doc, updates } = recordingDoc();
      addShape(doc, { id: newShapeId(), type: 'rectangle', x: 0, y: 0, w: 1, h: 1 });
      await store.append(boardId, updates[0]!);
      const snapshot = Y.encodeStateAsUpdateV2(doc);
      await store.saveVersion(boardId, { id: 'v-old', name: 'first', auto: true, createdAt: 1_000 }, snapshot);
      await store.saveVersion(boardId, { id: 'v-new', name: 'second', auto: false, createdAt: 2_000 }, snapshot);
      expect((await store.listVersions(boardId)).map((version) => version.id)).toEqual(['v-new', 'v-old']);
      const loaded = await store.loadVersion(boardId, 'v-old');
      expect(loaded?.info).toEqual({ id: 'v-old', name: 'first', auto: true, createdAt: 1_000 });
      expect(replay(loaded!.snapshot, [])).toEqual(getShapesMap(doc).toJSON());
      expect(await store.loadVersion(boardId, 'missing')).toBeNull();

      const assetId = newBoardId();
      const bytes = new Uint8Array([1, 2, 3, 250]);
      await store.putAsset({ id: assetId, boardId, contentType: 'image/png', bytes });
      expect(await store.getAsset(assetId)).toEqual({ id: assetId, boardId, contentType: 'image/png', bytes });

      await store.delete(boardId);
      expect(await store.listVersions(boardId)).toEqual([]);
      expect(await store.getAsset(assetId)).toBeNull();
      expect(await store.list()).not.toContain(boardId);
    });

    it('keeps an opening view while nothing is stored after it; deleting the board takes it', async () => {
      const store = await open();
      const boardId = newBoardId();
      const { doc, updates } = recordingDoc();
      const shape = addShape(doc, { id: newShapeId(), type: 'rectangle', x: 0, y: 0, w: 1, h: 1 });
      const first = await store.append(boardId, updates[0]!);
      const view = new TextEncoder().encode('view one');
      expect(await store.loadOpeningView(boardId)).toBeNull();
      await store.saveOpeningView(boardId, first, view);
      expect(await store.loadOpeningView(boardId)).toEqual(view);

      // Something stored after it: stale, whether in the log or compacted into the snapshot.
      moveShapes(doc, [shape.id], 5, 5);
      const second = await store.append(boardId, updates[1]!);
      expect(await store.loadOpeningView(boardId)).toBeNull();
      expect(await store.compact(boardId)).toBe(second);
      expect(await store.loadOpeningView(boardId)).toBeNull();
      // Made again from the board as compacted: current, and a compaction with nothing new keeps it so.
      const again = new TextEncoder().encode('view two');
      await store.saveOpeningView(boardId, second, again);
      expect(await store.loadOpeningView(boardId)).toEqual(again);
      expect(await store.compact(boardId)).toBe(second);
      expect(await store.loadOpeningView(boardId)).toEqual(again);

      await store.delete(boardId);
      expect(await store.loadOpeningView(boardId)).toBeNull();
      await expect(store.saveOpeningView(boardId, second, again)).rejects.toThrow(BoardDeletedError);
    });

    it('answers ping while open', async () => {
      const store = await open();
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
