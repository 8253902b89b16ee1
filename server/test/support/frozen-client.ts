/**
 * A client that stops reading: WebSocket spoken by hand over a plain TCP socket (so that the test
 * can pause it with Node's public API), on /yjs or as Socket.IO (Engine.IO protocol 4). It opens
 * the connection, sends the frames the test gives it, and from `freeze()` on reads nothing, so
 * that everything the server sends it piles up.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import * as encoding from 'lib0/encoding';
import type { Transport } from './raw-clients';

export interface FrozenClient {
  /** Sends a y-protocols sync message. */
  sendSync(message: Uint8Array): void;
  /** Stops reading. */
  freeze(): void;
  /** Resolves once the server has closed the TCP connection (seen after reading again). */
  whenClosed(): Promise<void>;
  destroy(): void;
}

/** A masked WebSocket frame (clients must mask): opcode 1 text, 2 binary. */
function wsFrame(opcode: number, payload: Uint8Array): Buffer {
  const mask = randomBytes(4);
  const length = payload.byteLength;
  const header = length < 126 ? Buffer.from([0x80 | opcode, 0x80 | length]) : Buffer.alloc(4);
  if (length >= 126) {
    if (length > 0xffff) throw new Error('frame too long for this helper');
    header[0] = 0x80 | opcode;
    header[1] = 0x80 | 126;
    header.writeUInt16BE(length, 2);
  }
  const masked = Buffer.from(payload);
  for (let i = 0; i < masked.length; i++) masked[i]! ^= mask[i % 4]!;
  return Buffer.concat([header, mask, masked]);
}

export async function openFrozenClient(transport: Transport, url: string, boardId: string): Promise<FrozenClient> {
  const { hostname, port } = new URL(url);
  const path = transport === 'yjs' ? `/yjs/${boardId}` : '/socket.io/?EIO=4&transport=websocket';
  const socket: Socket = connect(Number(port), hostname);
  let received = '';
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    const onData = (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (!received.includes('\r\n\r\n')) return;
      if (!received.startsWith('HTTP/1.1 101')) reject(new Error(`upgrade refused: ${received.split('\r\n')[0]}`));
      // Socket.IO: the server's open packet comes first; the namespace connect names the board.
      if (transport === 'socket.io' && !received.includes('"sid"')) return;
      socket.off('data', onData);
      if (transport === 'socket.io') socket.write(wsFrame(1, Buffer.from(`40${JSON.stringify({ boardId })}`)));
      resolve();
    };
    socket.on('data', onData);
  });
  // Until frozen, whatever arrives is read and dropped.
  socket.on('data', () => undefined);
  return {
    sendSync(message) {
      if (transport === 'yjs') {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, 0);
        encoding.writeUint8Array(encoder, message);
        socket.write(wsFrame(2, encoding.toUint8Array(encoder)));
      } else {
        socket.write(wsFrame(1, Buffer.from('451-["sync",{"_placeholder":true,"num":0}]')));
        socket.write(wsFrame(2, message));
      }
    },
    freeze: () => void socket.pause(),
    whenClosed() {
      socket.resume();
      return closed;
    },
    destroy: () => void socket.destroy(),
  };
}
