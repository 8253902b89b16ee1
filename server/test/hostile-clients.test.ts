/**
 * Hostile clients beyond bad updates, sent raw on both transports while an honest person keeps
 * editing: a second sync step 2, floods of step 1 and of presence queries, a flood of client ids
 * and a presence hijack. The offender is refused or ignored, the event loop never stalls for
 * 100 ms, and every honest edit arrives.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addShape, moveShapes, newShapeId } from '../../lib/board/doc';
import {
  encodeAwarenessEntries,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeYjsAwarenessFrame,
  encodeYjsFrame,
  MAX_PRESENCE_CLIENTS_PER_CONNECTION,
  newBoardId,
  YJS_MESSAGE_QUERY_AWARENESS,
} from '../../lib/protocol';
import { craftUpdate } from './support/crafted-updates';
import { expectNoStall, watchEventLoop } from './support/event-loop';
import { useTestServer } from './support/in-process';
import { eventually, type Peer, snapshotShapes, syncedPeer, withTimeout } from './support/peer';
import { openSyncedRawClient, type RawClient, refusedWith, type Transport, TRANSPORTS } from './support/raw-clients';
import { testStores } from './support/stores';


function sendAwareness(client: RawClient, update: Uint8Array): void {
  if (client.transport === 'socket.io') {
    client.sendFrame({ event: 'awareness', payload: update });
    return;
  }
  client.sendFrame(encodeYjsAwarenessFrame(update));
}

/** The client ids the flood uses. */
const isFlooded = (id: number) => id >= 500_000 && id < 505_000;

const ada = { user: { name: 'Ada', color: '#1971c2' } };

for (const store of testStores('hostile clients')) {
  describe(`hostile clients, on ${store.name}`, () => {
    const { server, peers, closers } = useTestServer(store.env);

    async function honestBoard(): Promise<{ boardId: string; writer: Peer; observer: Peer }> {
      const boardId = newBoardId();
      const writer = await syncedPeer(server.url, boardId);
      const observer = await syncedPeer(server.url, boardId);
      peers.push(writer, observer);
      writer.awareness.setLocalState(ada);
      await eventually(() => expect(observer.awareness.getStates().get(writer.awareness.clientID)).toMatchObject(ada));
      return { boardId, writer, observer };
    }

    /** Runs `attack` while the writer edits; then every honest edit has arrived and the loop never stalled. */
    async function whileEditing<T>(board: { writer: Peer; observer: Peer }, attack: () => Promise<T>): Promise<T> {
      const timer = setInterval(() => {
        const shape = addShape(board.writer.doc, { id: newShapeId(), type: 'ellipse', x: 1, y: 2, w: 3, h: 4 });
        moveShapes(board.writer.doc, [shape.id], 5, 5);
      }, 15);
      const loop = watchEventLoop();
      let result: T;
      try {
        result = await attack();
      } finally {
        clearInterval(timer);
      }
      expectNoStall(loop.stop());
      await eventually(() => {
        expect(board.writer.provider.pendingUpdates).toBe(0);
        expect(snapshotShapes(board.observer)).toEqual(snapshotShapes(board.writer));
      }, 10_000);
      return result;
    }

    async function attacker(transport: Transport, boardId: string): Promise<RawClient> {
      const client = await openSyncedRawClient(transport, server.url, boardId);
      closers.push(client);
      return client;
    }

    for (const transport of TRANSPORTS) {
      it(`${transport}: a second sync step 2 is refused`, async () => {
        const board = await honestBoard();
        const refusal = await whileEditing(board, async () => {
          const offender = await attacker(transport, board.boardId);
          const doc = new Y.Doc();
          addShape(doc, { id: newShapeId(), type: 'rectangle', x: 0, y: 0, w: 1, h: 1 });
          offender.sendSync(encodeSyncStep2(doc));
          return withTimeout(offender.closed, 10_000, 'the offender was not closed');
        });
        expect(refusedWith(refusal, 'bad-frame'), JSON.stringify(refusal)).toBe(true);
        expect(refusal.reason).toMatch(/step 2 is accepted once/);
      });

      it(`${transport}: a flood of step 1 for the whole board is stopped by its output`, async () => {
        const board = await honestBoard();
        // About 250 KB of board: each answer to an empty step 1 is the whole of it.
        board.writer.doc.transact(() => {
          for (let i = 0; i < 25; i++) addShape(board.writer.doc, { id: newShapeId(), type: 'sticky', x: i, y: 0, w: 100, h: 100, text: 'x'.repeat(10_000) });
        });
        await eventually(() => expect(board.writer.provider.pendingUpdates).toBe(0));
        const refusal = await whileEditing(board, async () => {
          const offender = await attacker(transport, board.boardId);
          // Far fewer messages than the message burst: only the bytes asked for can stop it.
          for (let i = 0; i < 600 && !offender.isClosed; i++) {
            offender.sendSync(encodeSyncStep1(new Y.Doc()));
            if (i % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
          }
          return withTimeout(offender.closed, 20_000, 'the offender was not closed');
        });
        expect(refusedWith(refusal, 'rate-limited'), JSON.stringify(refusal)).toBe(true);
        expect(refusal.reason).toMatch(/MB a second/);
      });

      it(`${transport}: a flood of client ids gives the connection ${MAX_PRESENCE_CLIENTS_PER_CONNECTION} people at most`, async () => {
        const board = await honestBoard();
        await whileEditing(board, async () => {
          const offender = await attacker(transport, board.boardId);
          const entries = Array.from({ length: 5_000 }, (_, i) => ({ clientID: 500_000 + i, clock: 1, state: {} }));
          for (let i = 0; i < entries.length; i += 1_000) sendAwareness(offender, encodeAwarenessEntries(entries.slice(i, i + 1_000)));
          await eventually(() => expect([...server.rooms.peek(board.boardId)!.awareness.getStates().keys()].filter(isFlooded)).toHaveLength(MAX_PRESENCE_CLIENTS_PER_CONNECTION));
          // Everything the offender sent has been handled (the probe is answered after it).
          expect(await offender.probe()).toBe(true);
          expect(await offender.probe()).toBe(true);
          expect([...server.rooms.peek(board.boardId)!.awareness.getStates().keys()].filter(isFlooded)).toHaveLength(MAX_PRESENCE_CLIENTS_PER_CONNECTION);
        });
        await eventually(() => expect([...board.observer.awareness.getStates().keys()].filter(isFlooded)).toHaveLength(MAX_PRESENCE_CLIENTS_PER_CONNECTION));
      });

      it(`${transport}: someone else's client id with a higher clock renames nobody`, async () => {
        const board = await honestBoard();
        const victim = board.writer.awareness.clientID;
        await whileEditing(board, async () => {
          const offender = await attacker(transport, board.boardId);
          const clock = board.writer.awareness.meta.get(victim)!.clock + 10;
          sendAwareness(offender, encodeAwarenessEntries([{ clientID: victim, clock, state: { user: { name: 'Mallory', color: '#000000' } } }]));
          sendAwareness(offender, encodeAwarenessEntries([{ clientID: victim, clock: clock + 1, state: null }]));
          // The offender's own presence, sent after, arrives: what came before it has been handled.
          sendAwareness(offender, encodeAwarenessEntries([{ clientID: 505_000, clock: 1, state: {} }]));
          await eventually(() => expect(server.rooms.peek(board.boardId)!.awareness.getStates().has(505_000)).toBe(true));
          expect(server.rooms.peek(board.boardId)!.awareness.getStates().get(victim)).toMatchObject(ada);
        });
        // The honest person's next change still goes through, and nobody ever saw Mallory.
        board.writer.awareness.setLocalStateField('cursor', { x: 1, y: 1 });
        await eventually(() => expect(board.observer.awareness.getStates().get(victim)).toMatchObject({ ...ada, cursor: { x: 1, y: 1 } }));
      });
    }

    it('yjs: a stock client that sends back the presence it receives is never refused for it', async () => {
      const board = await honestBoard();
      // Six connections with three people each, about 20 KB a person: far more than one presence
      // message may carry.
      const selection = Array.from({ length: 300 }, (_, i) => `${'s'.repeat(60)}${String(i).padStart(4, '0')}`);
      await whileEditing(board, async () => {
        for (let c = 0; c < 6; c++) {
          const crowd = await attacker(c % 2 === 0 ? 'yjs' : 'socket.io', board.boardId);
          const entries = [0, 1, 2].map((i) => ({ clientID: 500_000 + c * 10 + i, clock: 1, state: { user: { name: `P${c}${i}`, color: '#1971c2' }, selection } }));
          sendAwareness(crowd, encodeAwarenessEntries(entries));
        }
        await eventually(() => expect([...server.rooms.peek(board.boardId)!.awareness.getStates().keys()].filter(isFlooded)).toHaveLength(18));
        const doc = new Y.Doc();
        const observer = new WebsocketProvider(`${server.url.replace('http', 'ws')}/yjs`, board.boardId, doc, { WebSocketPolyfill: WebSocket as never });
        closers.push(observer);
        let closes = 0;
        observer.on('connection-close', () => closes++);
        await eventually(() => expect([...observer.awareness.getStates().keys()].filter(isFlooded)).toHaveLength(18));
        // It has sent all of it back by now; one more round trip, and it is still connected.
        observer.awareness.setLocalState({ user: { name: 'Echo', color: '#1971c2' } });
        await eventually(() => expect(board.observer.awareness.getStates().get(doc.clientID)).toMatchObject({ user: { name: 'Echo' } }));
        expect(closes).toBe(0);
        expect(observer.wsconnected).toBe(true);
      });
    });

    it('yjs: a refusal whose reason is long and not ASCII closes the connection with the reason cut to 123 bytes', async () => {
      const board = await honestBoard();
      const root = 'é'.repeat(150);
      const refusal = await whileEditing(board, async () => {
        const offender = await attacker('yjs', board.boardId);
        offender.sendUpdate(craftUpdate([{ client: 990_100, clock: 0, structs: [{ parent: root, parentSub: 'key', content: { any: [1] } }] }]));
        return withTimeout(offender.closed, 10_000, 'the offender was not closed');
      });
      expect(refusal.code).toBe(1008);
      expect(Buffer.byteLength(refusal.reason)).toBeLessThanOrEqual(123);
      expect(refusal.reason).toMatch(/^invalid-update: /);
      expect(refusal.reason).not.toContain('\uFFFD');
    });

    it('yjs: a flood of presence queries counts against the budget', async () => {
      const board = await honestBoard();
      const refusal = await whileEditing(board, async () => {
        const offender = await attacker('yjs', board.boardId);
        for (let i = 0; i < 3_000 && !offender.isClosed; i++) offender.sendFrame(encodeYjsFrame(YJS_MESSAGE_QUERY_AWARENESS));
        return withTimeout(offender.closed, 10_000, 'the offender was not closed');
      });
      expect(refusedWith(refusal, 'rate-limited'), JSON.stringify(refusal)).toBe(true);
    });
  });
}
