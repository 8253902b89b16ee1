/**
 * Faults of a deployment of several instances behind nginx, on the test's own Redis (restarted
 * here; the shared one is never touched) and Postgres: the convergence fuzz with an instance
 * killed (SIGKILL) and Redis restarted in the middle; acknowledged edits of a killed instance
 * found on another by the store alone; Redis down (each instance serves its own people, /readyz
 * says so) and back (the instances catch up without a reload); a frozen instance does not hold
 * up the others. Runs when DATABASE_URL and REDIS_URL are set (CI sets both).
 */
import * as prng from 'lib0/prng';
import { afterEach, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import type * as Y from 'yjs';
import { addShape, deleteShapes, getShapesMap, moveShapes, newShapeId, readShapes, updateShapes } from '../../lib/board/doc';
import { newBoardId } from '../../lib/protocol';
import { TEST_ADMIN_TOKEN } from './support/access';
import { Cluster, clusterServices } from './support/cluster';
import { eventually, type Peer, syncedPeer, withTimeout } from './support/peer';
import { RedisProcess } from './support/redis-process';
import { collect, freeze, startWriter, type Writer } from './support/writers';
import { yjsClient, type YjsClient } from './support/yjs-client';

const services = clusterServices('scale-out faults');

const COLORS = ['#e03131', '#2f9e44', '#1971c2', '#f08c00'];

describe.skipIf(!services)('faults of several instances behind nginx', () => {
  let redis: RedisProcess | null = null;
  let cluster: Cluster | null = null;
  const peers: Peer[] = [];
  const clients: YjsClient[] = [];
  const writers: Writer[] = [];
  /** The test's cluster, kept for its failure report. */
  let startedCluster: { cluster: Cluster | null } = { cluster: null };

  beforeEach(async () => {
    redis = await RedisProcess.start();
    const started = { cluster: null as Cluster | null };
    startedCluster = started;
    onTestFailed(() => console.error(started.cluster?.output() ?? 'no cluster was started'));
  });
  afterEach(async () => {
    for (const peer of peers.splice(0)) peer.destroy();
    for (const client of clients.splice(0)) client.destroy();
    await collect(writers.splice(0));
    await cluster?.stop();
    cluster = null;
    await redis?.kill();
    redis = null;
  });

  const startCluster = async (instances: number) => {
    cluster = await Cluster.start({ instances, databaseUrl: services!.databaseUrl, redisUrl: redis!.url });
    startedCluster.cluster = cluster;
    return cluster;
  };

  const readyz = async (url: string) => {
    const response = await fetch(`${url}/readyz`);
    return { status: response.status, body: (await response.json()) as { error?: string } };
  };

  const baseSeed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 1_000_000;

  it(`the convergence fuzz through nginx, with an instance killed and Redis restarted in the middle (seed ${baseSeed})`, async () => {
    try {
      await fuzz(baseSeed);
    } catch (error) {
      console.error(`scale-out convergence fuzz failed; replay with FUZZ_SEED=${baseSeed}`);
      throw error;
    }
  }, 240_000);

  async function fuzz(seed: number): Promise<void> {
    const STEPS = 300;
    const random = prng.create(seed);
    const { instances, url } = await startCluster(3);
    const boardId = newBoardId();
    // Through nginx, which spreads the connections over the three instances.
    const group: Peer[] = [];
    for (let i = 0; i < 4; i++) group.push(await syncedPeer(url, boardId));
    peers.push(...group);
    const yjs = [yjsClient(url, boardId), yjsClient(url, boardId)];
    clients.push(...yjs);
    await Promise.all(yjs.map((client) => withTimeout(client.synced, 10_000, 'a y-websocket client did not sync')));
    const docs: Y.Doc[] = [...group.map((peer) => peer.doc), ...yjs.map((client) => client.doc)];

    for (let step = 0; step < STEPS; step++) {
      if (step === STEPS / 3) await instances[1]!.kill();
      if (step === (2 * STEPS) / 3) {
        await redis!.kill();
        await redis!.start();
      }
      const index = prng.int32(random, 0, docs.length - 1);
      const doc = docs[index]!;
      const peer = group[index];
      const ids = [...getShapesMap(doc).keys()];
      const roll = prng.int32(random, 0, 99);
      if (roll < 4 && peer) {
        if (peer.provider.status === 'offline') peer.provider.connect();
        else peer.provider.disconnect();
      } else if (roll < 35 || ids.length === 0) {
        addShape(doc, { id: newShapeId(), type: prng.oneOf(random, ['rectangle', 'ellipse', 'diamond'] as const), x: prng.int32(random, -500, 500), y: prng.int32(random, -500, 500), w: prng.int32(random, 1, 200), h: prng.int32(random, 1, 200) });
      } else if (roll < 65) {
        moveShapes(doc, [prng.oneOf(random, ids)], prng.int32(random, -20, 20), prng.int32(random, -20, 20));
      } else if (roll < 85) {
        updateShapes(doc, new Map([[prng.oneOf(random, ids), { stroke: prng.oneOf(random, COLORS) }]]));
      } else {
        deleteShapes(doc, [prng.oneOf(random, ids)]);
      }
      if (prng.int32(random, 0, 9) === 0) await new Promise((resolve) => setTimeout(resolve, prng.int32(random, 0, 5)));
    }

    for (const peer of group) if (peer.provider.status === 'offline') peer.provider.connect();
    // On failure: which shapes which clients hold, and whether the live instances have them (1),
    // deleted (D) or never (0).
    const diagnose = async () => {
      const keys = docs.map((doc) => new Set(getShapesMap(doc).keys()));
      const newcomers = await Promise.all([instances[0]!, instances[2]!].map((instance) => syncedPeer(instance.url, boardId)));
      const onInstance = (peer: Peer, id: string) => {
        const item = (getShapesMap(peer.doc) as unknown as { _map: Map<string, { deleted: boolean }> })._map.get(id);
        return item ? (item.deleted ? 'D' : '1') : '0';
      };
      for (const id of new Set(keys.flatMap((set) => [...set]))) {
        const holders = keys.map((set) => (set.has(id) ? 1 : 0)).join('');
        if (holders.includes('0')) console.error(`shape ${id}: clients ${holders}, instances 1 and 3: ${newcomers.map((peer) => onInstance(peer, id)).join('')}`);
      }
      for (const peer of newcomers) peer.destroy();
    };
    await eventually(() => {
      for (const peer of group) {
        expect(peer.provider.synced).toBe(true);
        expect(peer.provider.pendingUpdates).toBe(0);
      }
      const expected = getShapesMap(docs[0]!).toJSON();
      const states = yjs.map((client) => `connected ${client.provider.wsconnected}, synced ${client.provider.synced}`).join('; ');
      for (const [i, doc] of docs.entries()) expect(getShapesMap(doc).toJSON(), `client ${i} of ${docs.length} differs from client 0 (y-websocket clients: ${states})`).toEqual(expected);
    }, 60_000, 100).catch(async (error: unknown) => {
      await diagnose();
      throw error;
    });

    // Each live instance holds the same board: a newcomer on each receives exactly what the peers have.
    for (const instance of [instances[0]!, instances[2]!]) {
      const newcomer = await syncedPeer(instance.url, boardId);
      peers.push(newcomer);
      expect(getShapesMap(newcomer.doc).toJSON()).toEqual(getShapesMap(docs[0]!).toJSON());
    }
  }

  it('an instance killed with SIGKILL: every edit it acknowledged is on the other instances, found without its writers', async () => {
    const { instances } = await startCluster(2);
    const boardId = newBoardId();
    // Someone on instance 2 keeps the board in memory there all along.
    const watcher = await syncedPeer(instances[1]!.url, boardId, TEST_ADMIN_TOKEN);
    peers.push(watcher);
    writers.push(startWriter(instances[0]!.url, boardId, 'a'), startWriter(instances[0]!.url, boardId, 'b'));
    await Promise.all(writers.map((writer) => writer.synced));
    await eventually(() => {
      for (const writer of writers) expect(writer.acknowledged.length).toBeGreaterThan(30);
    }, 30_000);
    // The writers can never send again what instance 1 had: only the store and the relay can.
    freeze(writers);
    await instances[0]!.kill();
    const acknowledged = await collect(writers.splice(0));
    for (const reader of [watcher, await syncedPeer(instances[1]!.url, boardId, TEST_ADMIN_TOKEN)]) {
      peers.push(reader);
      await eventually(() => {
        const present = new Set(readShapes(reader.doc).shapes.map((shape) => shape.id));
        const missing = acknowledged.filter((id) => !present.has(id));
        expect(missing, `${missing.length} of ${acknowledged.length} acknowledged edits missing`).toEqual([]);
      }, 20_000);
    }
  });

  it('Redis down: each instance serves its own people and /readyz says so; back: the instances catch up without a reload', async () => {
    const { instances } = await startCluster(2);
    const boardId = newBoardId();
    const [a1, a2, b1] = [await syncedPeer(instances[0]!.url, boardId), await syncedPeer(instances[0]!.url, boardId), await syncedPeer(instances[1]!.url, boardId)];
    peers.push(a1, a2, b1);
    expect((await readyz(instances[0]!.url)).status).toBe(200);

    await redis!.kill();
    for (const instance of instances) {
      await eventually(async () => {
        const { status, body } = await readyz(instance.url);
        expect(status).toBe(503);
        expect(body.error).toMatch(/redis/i);
      }, 20_000);
    }
    // Instance 1 serves its own people: a2 sees a1's edit, stored and acknowledged.
    addShape(a1.doc, { id: 'during-outage-1', type: 'rectangle', x: 0, y: 0, w: 5, h: 5 });
    addShape(b1.doc, { id: 'during-outage-2', type: 'ellipse', x: 9, y: 9, w: 5, h: 5 });
    await eventually(() => {
      expect(getShapesMap(a2.doc).has('during-outage-1')).toBe(true);
      expect(a1.provider.pendingUpdates).toBe(0);
      expect(b1.provider.pendingUpdates).toBe(0);
    }, 20_000);

    await redis!.start();
    await eventually(() => {
      for (const peer of [a1, a2, b1]) expect([...getShapesMap(peer.doc).keys()].sort()).toEqual(['during-outage-1', 'during-outage-2']);
    }, 30_000);
    for (const instance of instances) await eventually(async () => expect((await readyz(instance.url)).status).toBe(200), 20_000);
    // Live again, not just caught up once.
    addShape(b1.doc, { id: 'after-outage', type: 'diamond', x: 1, y: 1, w: 5, h: 5 });
    await eventually(() => expect(getShapesMap(a2.doc).has('after-outage')).toBe(true), 20_000);
  });

  it('a frozen instance does not hold up the others; thawed, its people catch up', async () => {
    const { instances } = await startCluster(3);
    const boardId = newBoardId();
    const [p1, p2, p3] = [await syncedPeer(instances[0]!.url, boardId), await syncedPeer(instances[1]!.url, boardId), await syncedPeer(instances[2]!.url, boardId)];
    peers.push(p1, p2, p3);
    process.kill(instances[2]!.pid!, 'SIGSTOP');
    try {
      for (let i = 0; i < 20; i++) addShape((i % 2 === 0 ? p1 : p2).doc, { id: `while-frozen-${i}`, type: 'rectangle', x: i, y: 0, w: 5, h: 5 });
      await eventually(() => {
        expect(getShapesMap(p1.doc).size).toBe(20);
        expect(getShapesMap(p2.doc).size).toBe(20);
      }, 20_000);
    } finally {
      process.kill(instances[2]!.pid!, 'SIGCONT');
    }
    await eventually(() => expect(getShapesMap(p3.doc).toJSON()).toEqual(getShapesMap(p1.doc).toJSON()), 30_000);
  });
});
