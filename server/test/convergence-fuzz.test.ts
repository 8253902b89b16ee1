import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import { addShape, deleteShapes, getShapesMap, moveShapes, newShapeId, updateShapes } from '../../lib/board/doc';
import { newBoardId } from '../../lib/protocol';
import { useTestServer } from './support/in-process';
import { eventually, type Peer, syncedPeer } from './support/peer';

const PEERS = 5;
const STEPS = 400;
const RUNS = 3;
const COLORS = ['#e03131', '#2f9e44', '#1971c2', '#f08c00'];

/**
 * Seeded random edits from several peers through a real server, with random disconnects and
 * reconnects; at the end every document must be identical. FUZZ_SEED=<n> replays a run.
 */
describe('convergence fuzz', () => {
  const { server, peers } = useTestServer();

  const baseSeed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 1_000_000;

  for (let run = 0; run < RUNS; run++) {
    const seed = baseSeed + run;
    it(`all peers converge (seed ${seed})`, async () => {
      try {
        await fuzz(seed);
      } catch (error) {
        console.error(`convergence fuzz failed; replay with FUZZ_SEED=${seed}`);
        throw error;
      }
    });
  }

  async function fuzz(seed: number): Promise<void> {
    const random = prng.create(seed);
    const boardId = newBoardId();
    const group: Peer[] = [];
    for (let i = 0; i < PEERS; i++) group.push(await syncedPeer(server.url, boardId));
    peers.push(...group);

    for (let step = 0; step < STEPS; step++) {
      const peer = prng.oneOf(random, group);
      const ids = [...getShapesMap(peer.doc).keys()];
      const roll = prng.int32(random, 0, 99);
      if (roll < 5) {
        if (peer.provider.status === 'offline') peer.provider.connect();
        else peer.provider.disconnect();
      } else if (roll < 35 || ids.length === 0) {
        addShape(peer.doc, {
          id: newShapeId(),
          type: prng.oneOf(random, ['rectangle', 'ellipse', 'diamond'] as const),
          x: prng.int32(random, -500, 500),
          y: prng.int32(random, -500, 500),
          w: prng.int32(random, 1, 200),
          h: prng.int32(random, 1, 200),
        });
      } else if (roll < 65) {
        moveShapes(peer.doc, [prng.oneOf(random, ids)], prng.int32(random, -20, 20), prng.int32(random, -20, 20));
      } else if (roll < 85) {
        updateShapes(peer.doc, new Map([[prng.oneOf(random, ids), { stroke: prng.oneOf(random, COLORS) }]]));
      } else {
        deleteShapes(peer.doc, [prng.oneOf(random, ids)]);
      }
      // Let the network interleave with the edits now and then.
      if (prng.int32(random, 0, 9) === 0) await new Promise((resolve) => setTimeout(resolve, prng.int32(random, 0, 5)));
    }

    for (const peer of group) if (peer.provider.status === 'offline') peer.provider.connect();
    await eventually(() => {
      for (const peer of group) {
        expect(peer.provider.synced).toBe(true);
        expect(peer.provider.pendingUpdates).toBe(0);
      }
      const expected = getShapesMap(group[0]!.doc).toJSON();
      for (const peer of group.slice(1)) expect(getShapesMap(peer.doc).toJSON()).toEqual(expected);
    }, 20_000, 50);

    // The server holds the same board: a newcomer receives exactly what the peers have.
    const newcomer = await syncedPeer(server.url, boardId);
    peers.push(newcomer);
    expect(getShapesMap(newcomer.doc).toJSON()).toEqual(getShapesMap(group[0]!.doc).toJSON());
  }
});
