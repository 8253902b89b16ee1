/**
 * The frame fuzzer: at least FRAMES malformed frames a run, on Socket.IO (through socket.io-client
 * and as raw Engine.IO packets) and on /yjs, from connections opened anew as the server closes
 * them, while honest people edit the board. The process stays up, the event loop never stalls for
 * 100 ms, every honest edit arrives, and every connection the server closes is told why in the
 * transport's own way. FUZZ_SEED=<n> replays a run; a failure prints its seed.
 */
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addShape, getShapesMap, moveShapes, newShapeId, readShapes, setTitle } from '../../lib/board/doc';
import { newBoardId } from '../../lib/protocol';
import { captureUpdate } from './support/crafted-updates';
import { expectNoStall, watchEventLoop } from './support/event-loop';
import { type FuzzFrame, FrameFuzzer, type FuzzMaterial } from './support/fuzz-frames';
import { useTestServer } from './support/in-process';
import { eventually, syncedPeer, withTimeout } from './support/peer';
import { openRawClient, type RawClient, type RawTransport, type Refusal } from './support/raw-clients';

const FRAMES = 10_000;
/** Connections open at once: a handful, as one misbehaving host would have. */
const CONCURRENCY = 6;
const MAX_FRAMES_PER_CONNECTION = 30;
const TRANSPORTS: RawTransport[] = ['socket.io', 'yjs', 'engine.io'];

describe('frame fuzz', () => {
  const { server, peers } = useTestServer();
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 1_000_000;

  it(`survives ${FRAMES} malformed frames on both transports (FUZZ_SEED=${seed})`, { timeout: 240_000 }, async () => {
    try {
      await fuzz(seed);
    } catch (error) {
      console.error(`frame fuzz failed; replay with FUZZ_SEED=${seed}`);
      throw error;
    }
  });

  /** Material for the fuzzer: a board with shapes, a title and chat, and updates that build on it. */
  async function prepare(boardId: string): Promise<FuzzMaterial> {
    const author = await syncedPeer(server.url, boardId);
    peers.push(author);
    const shapeIds = Array.from({ length: 5 }, (_, i) => addShape(author.doc, { id: newShapeId(), type: 'rectangle', x: i, y: i, w: 5, h: 5 }).id);
    setTitle(author.doc, 'Fuzzed');
    author.doc.getArray('chat').push([{ id: 'm1', authorId: 'u', author: 'A', color: '#000000', text: 'hi', at: 1 }]);
    await eventually(() => expect(author.provider.pendingUpdates).toBe(0));
    // Edits made on a copy and never sent: they build on what the server has.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(author.doc));
    const updates = shapeIds.flatMap((id) => [
      captureUpdate(copy, () => moveShapes(copy, [id], 3, 4)),
      captureUpdate(copy, () => getShapesMap(copy).get(id)!.set('fill', '#ffc9c9')),
      captureUpdate(copy, () => addShape(copy, { id: newShapeId(), type: 'ellipse', x: 1, y: 1, w: 2, h: 2 })),
    ]);
    updates.push(captureUpdate(copy, () => getShapesMap(copy).delete(shapeIds[0]!)));
    const ids = Y.decodeUpdate(Y.encodeStateAsUpdate(author.doc)).structs.map((struct) => ({ client: struct.id.client, clock: struct.id.clock }));
    return { updates, ids, shapeIds };
  }

  async function fuzz(seed: number): Promise<void> {
    const boardId = newBoardId();
    const writer = await syncedPeer(server.url, boardId);
    const observer = await syncedPeer(server.url, boardId);
    peers.push(writer, observer);
    const material = await prepare(boardId);
    const written = new Set<string>();
    const editing = setInterval(() => {
      const shape = addShape(writer.doc, { id: newShapeId(), type: 'diamond', x: 1, y: 2, w: 3, h: 4 });
      moveShapes(writer.doc, [shape.id], 1, 1);
      written.add(shape.id);
    }, 20);

    const loop = watchEventLoop();
    let sent = 0;
    const unexplained: string[] = [];
    const worker = async (random: prng.PRNG) => {
      const fuzzer = new FrameFuzzer(random, material);
      while (sent < FRAMES) {
        const transport = prng.oneOf(random, TRANSPORTS);
        const frames = Array.from({ length: prng.int32(random, 1, MAX_FRAMES_PER_CONNECTION) }, () => frameFor(fuzzer, transport));
        sent += frames.length;
        const outcome = await connection(transport, boardId, frames);
        if (outcome) unexplained.push(`${transport}: ${outcome}`);
      }
    };
    try {
      await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => worker(prng.create(seed * 31 + i))));
    } finally {
      clearInterval(editing);
    }
    const stalls = loop.stop();

    expect(sent).toBeGreaterThanOrEqual(FRAMES);
    expect(unexplained, 'connections closed by the server without a reason').toEqual([]);
    expectNoStall(stalls);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    // Every honest edit arrived: at the other person, and for someone who opens the board now.
    await eventually(() => {
      expect(writer.provider.pendingUpdates).toBe(0);
      expect(honestShapes(observer.doc, written)).toEqual(honestShapes(writer.doc, written));
    }, 20_000);
    const reader = await syncedPeer(server.url, boardId);
    peers.push(reader);
    expect(honestShapes(reader.doc, written)).toEqual(honestShapes(writer.doc, written));
    expect(honestShapes(reader.doc, written)).toHaveLength(written.size);
  }

  function frameFor(fuzzer: FrameFuzzer, transport: RawTransport): FuzzFrame {
    if (transport === 'socket.io') return fuzzer.socketIoFrame();
    return transport === 'yjs' ? fuzzer.yjsFrame() : fuzzer.engineIoFrame();
  }

  /**
   * One connection: its frames, then a probe that the server answers once it has handled them.
   * Returns what is wrong with how it ended, if anything.
   */
  async function connection(transport: RawTransport, boardId: string, frames: FuzzFrame[]): Promise<string | null> {
    const client: RawClient = openRawClient(transport, server.url, boardId);
    try {
      const opened = await Promise.race([client.ready.then(() => true), client.closed.then(() => false)]);
      if (!opened) return explained(transport, await client.closed, 'before it was ready');
      for (const frame of frames) client.sendFrame(frame);
      const answered = await withTimeout(client.probe(), 20_000, `the server neither answered nor closed a ${transport} connection`);
      if (answered) return null;
      return explained(transport, await client.closed, 'after its frames');
    } finally {
      client.destroy();
    }
  }
});

/**
 * How a connection the server closed must end: a Socket.IO client is told `tabula:error` with a
 * code and a message; a /yjs client gets a close code and a reason. A raw Engine.IO connection
 * whose packets Socket.IO itself cannot parse is dropped by Socket.IO, below any handler of ours.
 */
function explained(transport: RawTransport, refusal: Refusal, when: string): string | null {
  if (transport === 'engine.io') return null;
  if (transport === 'socket.io') {
    // A connection refused at the handshake (too many from one address, say) hears why there.
    const told = typeof refusal.code === 'string' && /^[a-z_-]+$/.test(refusal.code) && refusal.code !== 'none' && refusal.reason.length > 0;
    return told ? null : `closed ${when} without a tabula:error: ${JSON.stringify(refusal)}`;
  }
  // A WebSocket close with a code and a reason, or an upgrade refused with an HTTP status.
  const told = typeof refusal.code === 'number' && refusal.code >= 400 && refusal.code !== 1005 && refusal.code !== 1006 && refusal.reason.length > 0;
  return told ? null : `closed ${when} without a code and a reason: ${JSON.stringify(refusal)}`;
}

/** The writer's shapes as plain data, in a stable order. */
function honestShapes(doc: Y.Doc, ids: Set<string>): unknown[] {
  return readShapes(doc).shapes.filter((shape) => ids.has(shape.id));
}
