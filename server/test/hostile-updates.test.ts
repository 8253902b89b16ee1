/**
 * Hostile document updates, sent raw on both transports while an honest person keeps editing:
 * each offender is told why and closed, the event loop never stalls for 100 ms, the process stays
 * up, every honest edit arrives, and nothing of the hostile update reaches the store (read back
 * from the store itself, on LevelDB and on Postgres).
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addShape, getMetaMap, getShapesMap, moveShapes, newShapeId, readShapes, setTitle } from '../../lib/board/doc';
import { newBoardId } from '../../lib/protocol';
import { captureUpdate, containerId, craftOverwriteChain, craftUpdate, currentItemId } from './support/crafted-updates';
import { expectNoStall, watchEventLoop } from './support/event-loop';
import { useTestServer } from './support/in-process';
import { eventually, type Peer, snapshotShapes, syncedPeer, withTimeout } from './support/peer';
import { openSyncedRawClient, type Refusal, refusedWith, type Transport, TRANSPORTS } from './support/raw-clients';
import { testStores } from './support/stores';

/** The client ids of the crafted updates (distinct from each other; real clients' are random). */
const HOSTILE = 990_000;

interface Board {
  boardId: string;
  /** The honest writer's copy of the board (the server's, once synced). */
  doc: Y.Doc;
  shapeId: string;
}

interface Attempt {
  /**
   * Sends the attack, starting the timing once the attacker's own work in this process is done;
   * resolves with how the server closed the offender.
   */
  launch(startTiming: () => void): Promise<Refusal>;
  /** The client ids whose structs must not be stored. */
  clients: number[];
}

interface Attack {
  name: string;
  /**
   * Part of the reason the offender must be given. None for an update that builds on clocks the
   * server lacks: the session words that refusal, once it stops holding the update for the
   * client's step 2.
   */
  reason?: RegExp;
  missingDependency?: boolean;
  build(board: Board): { update: Uint8Array; clients: number[] };
}

const shapeOf = ({ doc, shapeId }: Board) => getShapesMap(doc).get(shapeId)!;

/** Four thousand moves of one shape in one transaction, as a stock Yjs client sends them. */
function fourThousandMoves(board: Board, doc = new Y.Doc()): Uint8Array {
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(board.doc));
  const shape = getShapesMap(doc).get(board.shapeId)!;
  return captureUpdate(doc, () => {
    for (let i = 0; i < 4_000; i++) {
      shape.set('x', i);
      shape.set('y', i);
    }
  });
}

const ATTACKS: Attack[] = [
  {
    name: 'one update of about 180 KB overwriting one shape key (its box) 10,000 times in a chain',
    reason: /writes shape property "box" more than/,
    build: (board) => {
      const update = craftOverwriteChain(shapeOf(board), 'box', 10_000, HOSTILE + 1, 0, (i) => [i, 0, 10, 10]);
      expect(update.byteLength).toBeGreaterThan(150_000);
      return { update, clients: [HOSTILE + 1] };
    },
  },
  {
    name: "a stock Yjs client's 4,000 x/y moves of one shape in one transaction",
    reason: /writes shape property "[xy]" more than/,
    build: (board) => {
      const doc = new Y.Doc();
      return { update: fourThousandMoves(board, doc), clients: [doc.clientID] };
    },
  },
  {
    name: 'a struct the server has, re-sent as a shape property, and a write after it (where Yjs keeps the title)',
    reason: /re-sends an item the server has/,
    build: (board) => {
      const title = currentItemId(getMetaMap(board.doc), 'title');
      const forged = { client: title.client, clock: title.clock, structs: [{ parent: containerId(shapeOf(board)), parentSub: 'x', content: { any: [5] } }] };
      const write = { client: HOSTILE + 3, clock: 0, structs: [{ origin: title, content: { any: [5] } }] };
      return { update: craftUpdate([forged, write]), clients: [HOSTILE + 3] };
    },
  },
  {
    name: 'overlapping structs (one client listed twice)',
    reason: /lists the structs of one client twice/,
    build: (board) => {
      const run = (clock: number) => ({ client: HOSTILE + 4, clock, structs: [{ parent: containerId(shapeOf(board)), parentSub: 'x', content: { any: [clock] } }] });
      return { update: craftUpdate([run(0), run(0)]), clients: [HOSTILE + 4] };
    },
  },
  {
    name: 'deleted content in a root outside the model',
    reason: /writes to "admin" are not allowed/,
    build: () => ({ update: craftUpdate([{ client: HOSTILE + 5, clock: 0, structs: [{ parent: 'admin', parentSub: 'owner', content: { deleted: 1 } }] }]), clients: [HOSTILE + 5] }),
  },
  {
    name: 'a Y.XmlHook for a shape (a Y.Map to instanceof)',
    reason: /must be a Y.Map, not a Y.XmlHook/,
    build: () => ({ update: craftUpdate([{ client: HOSTILE + 6, clock: 0, structs: [{ parent: 'shapes', parentSub: newShapeId(), content: { type: 5, name: 'hook' } }] }]), clients: [HOSTILE + 6] }),
  },
  {
    name: 'a subdocument in a shape property',
    reason: /a subdocument/,
    build: (board) => ({ update: craftUpdate([{ client: HOSTILE + 7, clock: 0, structs: [{ parent: containerId(shapeOf(board)), parentSub: 'text', content: { doc: 'guid' } }] }]), clients: [HOSTILE + 7] }),
  },
  {
    name: 'a clock gap',
    missingDependency: true,
    build: (board) => ({ update: craftUpdate([{ client: HOSTILE + 8, clock: 5, structs: [{ parent: containerId(shapeOf(board)), parentSub: 'x', content: { any: [1] } }] }]), clients: [HOSTILE + 8] }),
  },
  {
    name: "deletions of a client's items the server has never seen",
    missingDependency: true,
    build: () => ({ update: craftUpdate([], [{ client: HOSTILE + 9, clock: 0, length: 5 }]), clients: [HOSTILE + 9] }),
  },
];

for (const store of testStores('hostile updates')) {
  describe(`hostile updates, on ${store.name}`, () => {
    const { server, peers, closers } = useTestServer(store.env);

    /** A board with a shape and a title, an honest writer and an honest observer. */
    async function honestBoard(): Promise<{ writer: Peer; observer: Peer; board: Board }> {
      const boardId = newBoardId();
      const writer = await syncedPeer(server.url, boardId);
      const observer = await syncedPeer(server.url, boardId);
      peers.push(writer, observer);
      setTitle(writer.doc, 'Plan');
      const shape = addShape(writer.doc, { id: newShapeId(), type: 'rectangle', x: 0, y: 0, w: 10, h: 10 });
      await eventually(() => expect(readShapes(observer.doc).shapes).toHaveLength(1));
      return { writer, observer, board: { boardId, doc: writer.doc, shapeId: shape.id } };
    }

    /** The writer adds and moves shapes every few milliseconds until stopped. */
    function keepEditing(writer: Peer): () => void {
      const timer = setInterval(() => {
        const shape = addShape(writer.doc, { id: newShapeId(), type: 'ellipse', x: 1, y: 2, w: 3, h: 4 });
        moveShapes(writer.doc, [shape.id], 5, 5);
      }, 15);
      return () => clearInterval(timer);
    }

    /** The board as stored, read back by a fresh reader. */
    async function stored(boardId: string): Promise<Y.Doc> {
      const board = await server.store.load(boardId);
      const doc = new Y.Doc();
      if (board?.snapshot) Y.applyUpdateV2(doc, board.snapshot);
      for (const update of board?.updates ?? []) Y.applyUpdate(doc, update);
      return doc;
    }

    /**
     * Runs an attack while the writer edits: checks the event loop, that every honest edit
     * arrives (at the observer and in the store) and that no hostile client's struct is stored.
     * `prepare` builds the attack (the attacker's own work, done in this process too, is not
     * timed); the launch it returns resolves with how the server closed the offender.
     */
    async function underAttack(prepare: (board: Board) => Promise<Attempt>): Promise<Refusal> {
      const { writer, observer, board } = await honestBoard();
      const { launch, clients } = await prepare(board);
      let loop: ReturnType<typeof watchEventLoop> | null = null;
      const stop = keepEditing(writer);
      let refusal: Refusal;
      try {
        refusal = await launch(() => (loop = watchEventLoop()));
      } finally {
        stop();
      }
      expectNoStall(loop!.stop());
      await eventually(() => {
        expect(writer.provider.pendingUpdates).toBe(0);
        expect(snapshotShapes(observer)).toEqual(snapshotShapes(writer));
      }, 10_000);
      const kept = await stored(board.boardId);
      expect(readShapes(kept).shapes).toEqual(snapshotShapes(writer));
      expect(getMetaMap(kept).get('title')).toBe('Plan');
      const storedClients = Y.decodeStateVector(Y.encodeStateVector(kept));
      for (const client of clients) expect(storedClients.has(client), `client ${client} is stored`).toBe(false);
      expect([...kept.share.keys()].every((name) => ['shapes', 'meta', 'chat'].includes(name))).toBe(true);
      return refusal;
    }

    for (const transport of TRANSPORTS) {
      for (const attack of ATTACKS) {
        it(`${transport}: ${attack.name}`, async () => {
          const refusal = await underAttack(async (board) => {
            const { update, clients } = attack.build(board);
            const offender = await openSyncedRawClient(transport, server.url, board.boardId);
            closers.push(offender);
            const launch = async (startTiming: () => void) => {
              startTiming();
              // An update that builds on missing clocks may be held until the sender's step 2 is
              // in; sent again and again, it is refused all the same.
              for (let tries = 0; !offender.isClosed && tries < (attack.missingDependency ? 150 : 1); tries++) {
                offender.sendUpdate(update);
                if (attack.missingDependency) await Promise.race([offender.closed, new Promise((resolve) => setTimeout(resolve, 10))]);
              }
              return withTimeout(offender.closed, 20_000, 'the offender was not closed');
            };
            return { launch, clients };
          });
          expectRefusal(transport, refusal, attack.reason);
        });
      }
    }

    it('yjs: a stock y-websocket client doing 4,000 x/y moves of one shape in one transaction', async () => {
      const refusal = await underAttack(async (board) => {
        const doc = new Y.Doc();
        const provider = new WebsocketProvider(`${server.url.replace('http', 'ws')}/yjs`, board.boardId, doc, { WebSocketPolyfill: WebSocket as never });
        closers.push(provider);
        await withTimeout(new Promise<void>((resolve) => provider.once('sync', () => resolve())), 10_000, 'y-websocket did not sync');
        const closed = new Promise<Refusal>((resolve) =>
          provider.ws!.addEventListener('close', (event) => {
            provider.shouldConnect = false;
            resolve({ code: event.code, reason: String(event.reason) });
          }),
        );
        const shape = getShapesMap(doc).get(board.shapeId)!;
        const launch = (startTiming: () => void) => {
          // The transaction is the attacker's own work; its update leaves when it ends.
          doc.transact(() => {
            for (let i = 0; i < 4_000; i++) {
              shape.set('x', i);
              shape.set('y', i);
            }
          });
          startTiming();
          return withTimeout(closed, 20_000, 'the y-websocket client was not closed');
        };
        return { launch, clients: [doc.clientID] };
      });
      expectRefusal('yjs', refusal, /writes shape property "[xy]" more than/);
    });
  });
}

function expectRefusal(transport: Transport, refusal: Refusal, reason: RegExp | undefined): void {
  expect(refusedWith(refusal, 'invalid-update'), `refused with ${JSON.stringify(refusal)}`).toBe(true);
  expect(refusal.reason).toMatch(reason ?? /\w/);
  if (transport === 'yjs') expect(refusal.code).toBe(1008);
}
