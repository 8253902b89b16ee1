/**
 * Several instances on one Postgres and one Redis, behind nginx (deploy/nginx.conf): people on
 * different instances see each other's edits and presence, on both transports; a board loading on
 * one instance while another edits it misses nothing; automatic versions are kept once per board.
 * Runs when DATABASE_URL and REDIS_URL are set (CI sets both); otherwise it says it is skipped.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { addShape, getShapesMap, newShapeId, readShapes } from '../../lib/board/doc';
import { ERROR_EVENT, newBoardId, type ProtocolError } from '../../lib/protocol';
import { TEST_ADMIN_TOKEN } from './support/access';
import { Cluster, clusterServices } from './support/cluster';
import { sampleOf, scrape } from './support/prometheus-text';
import { eventually, type Peer, syncedPeer, withTimeout } from './support/peer';
import { yjsClient, type YjsClient } from './support/yjs-client';

const services = clusterServices('scale-out');

const presence = (name: string) => ({ user: { name, color: '#1971c2' }, cursor: { x: 10, y: 20 } });

describe.skipIf(!services)('three instances through Redis, behind nginx', () => {
  let cluster: Cluster;
  const peers: Peer[] = [];
  const clients: YjsClient[] = [];

  beforeAll(async () => {
    cluster = await Cluster.start({ instances: 3, ...services! });
  });
  beforeEach(() => onTestFailed(() => console.error(cluster.output())));
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    for (const client of clients) client.destroy();
    await cluster?.stop();
  });

  it('socket.io-client and y-websocket clients spread over the instances converge, and see each other', async () => {
    const boardId = newBoardId();
    const [one, two, three] = cluster.instances;
    const group = [await syncedPeer(one!.url, boardId), await syncedPeer(two!.url, boardId), await syncedPeer(three!.url, boardId), await syncedPeer(cluster.url, boardId)];
    peers.push(...group);
    const yjs = [yjsClient(one!.url, boardId), yjsClient(three!.url, boardId)];
    clients.push(...yjs);
    await Promise.all(yjs.map((client) => withTimeout(client.synced, 10_000, 'a y-websocket client did not sync')));

    for (const [i, peer] of group.entries()) addShape(peer.doc, { id: `peer-${i}`, type: 'rectangle', x: i * 20, y: 0, w: 10, h: 10 });
    for (const [i, client] of yjs.entries()) addShape(client.doc, { id: `yjs-${i}`, type: 'ellipse', x: i * 20, y: 50, w: 10, h: 10 });
    const expected = ['peer-0', 'peer-1', 'peer-2', 'peer-3', 'yjs-0', 'yjs-1'];
    await eventually(() => {
      for (const doc of [...group.map((peer) => peer.doc), ...yjs.map((client) => client.doc)]) {
        expect(readShapes(doc).shapes.map((shape) => shape.id).sort()).toEqual(expected);
      }
    }, 20_000);
    // Each instance received the others' updates through Redis, and timed how long they took.
    for (const instance of cluster.instances) {
      expect(sampleOf(await scrape(instance.url), 'tabula_relay_lag_seconds_count')).toBeGreaterThan(0);
    }

    // Presence: a person on instance 1 is seen on 2 and 3 (Socket.IO) and by the /yjs client on 3.
    group[0]!.awareness.setLocalState(presence('Ada'));
    group[2]!.awareness.setLocalState(presence('Grace'));
    const names = (states: Map<number, Record<string, unknown>>) =>
      [...states.values()].map((state) => (state.user as { name?: string } | undefined)?.name).filter(Boolean).sort();
    await eventually(() => {
      expect(names(group[1]!.awareness.getStates())).toEqual(['Ada', 'Grace']);
      expect(names(group[3]!.awareness.getStates())).toEqual(['Ada', 'Grace']);
      expect(names(yjs[1]!.provider.awareness.getStates())).toEqual(['Ada', 'Grace']);
    }, 20_000);

    // Cursors move across instances.
    group[0]!.awareness.setLocalStateField('cursor', { x: 300, y: 400 });
    await eventually(() => {
      const ada = [...group[2]!.awareness.getStates().values()].find((state) => (state.user as { name?: string } | undefined)?.name === 'Ada');
      expect(ada?.cursor).toEqual({ x: 300, y: 400 });
    }, 20_000);

    // Leaving: gone from the others' lists. (From instance 2, where no stock y-websocket client
    // sends back the states it receives: such a client's copy of a person who left is taken for a
    // reconnecting browser's claim, on one instance as on several.)
    group[1]!.awareness.setLocalState(presence('Linus'));
    await eventually(() => expect(names(group[3]!.awareness.getStates())).toEqual(['Ada', 'Grace', 'Linus']), 20_000);
    group[1]!.destroy();
    await eventually(() => {
      expect(names(group[0]!.awareness.getStates())).toEqual(['Ada', 'Grace']);
      expect(names(yjs[1]!.provider.awareness.getStates())).toEqual(['Ada', 'Grace']);
    }, 20_000);
  });

  it('a board loading on one instance while another instance edits it misses nothing', async () => {
    const boardId = newBoardId();
    const [one, two, three] = cluster.instances;
    const writer = await syncedPeer(one!.url, boardId, TEST_ADMIN_TOKEN);
    peers.push(writer);
    let writing = true;
    let written = 0;
    const writes = (async () => {
      while (writing) {
        addShape(writer.doc, { id: `w-${written++}`, type: 'rectangle', x: written % 100, y: 0, w: 5, h: 5 });
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    // The board is loaded on instances 2 and 3 again and again (nobody stays: it is unloaded at once).
    for (let round = 0; round < 6; round++) {
      const reader = await syncedPeer((round % 2 === 0 ? two : three)!.url, boardId, TEST_ADMIN_TOKEN);
      reader.destroy();
    }
    // Two readers who stay, on the other instances, while the writing goes on; then it stops.
    const readers = [await syncedPeer(two!.url, boardId, TEST_ADMIN_TOKEN), await syncedPeer(three!.url, boardId, TEST_ADMIN_TOKEN)];
    peers.push(...readers);
    writing = false;
    await writes;
    await eventually(() => expect(writer.provider.pendingUpdates).toBe(0), 20_000);
    const expected = getShapesMap(writer.doc).toJSON();
    expect(Object.keys(expected)).toHaveLength(written);
    await eventually(() => {
      for (const reader of readers) expect(getShapesMap(reader.doc).toJSON()).toEqual(expected);
    }, 20_000);
  });

  it('a board deleted on one instance disconnects its people on the others', async () => {
    const response = await fetch(`${cluster.url}/api/boards`, { method: 'POST' });
    const { id, ownerToken } = (await response.json()) as { id: string; ownerToken: string };
    const [one, two, three] = cluster.instances;
    const elsewhere = [await syncedPeer(two!.url, id, ownerToken), await syncedPeer(three!.url, id, ownerToken)];
    peers.push(...elsewhere);
    const errors: ProtocolError[] = [];
    for (const peer of elsewhere) peer.provider.socket.on(ERROR_EVENT, (error: ProtocolError) => errors.push(error));
    expect((await fetch(`${one!.url}/api/boards/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${ownerToken}` } })).status).toBe(204);
    await eventually(() => {
      for (const peer of elsewhere) expect(peer.provider.status).toBe('offline');
      expect(errors.map((error) => error.code)).toEqual(['board-deleted', 'board-deleted']);
    }, 20_000);
  });

  it('an automatic version is kept once per board, not once per instance', async () => {
    const versioned = await Cluster.start({ instances: 2, ...services!, env: { AUTO_VERSION_EVERY_MS: '600000', AUTO_VERSION_MIN_UPDATES: '5' } });
    try {
      const boardId = newBoardId();
      const [a, b] = [await syncedPeer(versioned.instances[0]!.url, boardId), await syncedPeer(versioned.instances[1]!.url, boardId)];
      peers.push(a, b);
      // Six edits, each sent on its own (the provider merges the edits of one task into one).
      for (let i = 0; i < 6; i++) {
        addShape((i % 2 === 0 ? a : b).doc, { id: newShapeId(), type: 'rectangle', x: i, y: i, w: 5, h: 5 });
        await eventually(() => {
          expect(getShapesMap(a.doc).size).toBe(i + 1);
          expect(getShapesMap(b.doc).size).toBe(i + 1);
        }, 20_000);
      }
      // Both rooms saw six edits; the board is unloaded on both (a last version is due on each).
      a.destroy();
      b.destroy();
      await eventually(async () => {
        const response = await fetch(`${versioned.url}/api/boards/${boardId}/versions`);
        const versions = (await response.json()) as Array<{ auto: boolean }>;
        expect(versions.filter((version) => version.auto)).toHaveLength(1);
      }, 20_000);
    } finally {
      await versioned.stop();
    }
  });
});
