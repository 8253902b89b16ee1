/**
 * What a Socket.IO connection still has to write, followed through engine.io's public surface
 * only: the connection's 'packetCreate' event (a packet joins its write buffer) and 'flush' event
 * (the buffer, with its packets, is handed to the transport), and the transport's public
 * `writable` flag with the 'ready' event that transports emit when a write has completed and they
 * can take the next. (Earlier this read engine.io's untyped `writeBuffer` field.)
 */
import type { Socket } from 'socket.io';

type EngineSocket = Socket['conn'];

interface EnginePacket {
  data?: unknown;
}

type EngineTransport = EngineSocket['transport'];

const packetBytes = (packet: EnginePacket): number => {
  const { data } = packet;
  if (typeof data === 'string') return Buffer.byteLength(data);
  if (data instanceof Uint8Array || data instanceof ArrayBuffer) return data.byteLength;
  return 0;
};

export class SocketOutbox {
  private unflushedPackets = 0;
  private unflushedBytes = 0;
  /** Bytes handed to the transport in its current write. */
  private writingBytes = 0;
  private readonly waiters = new Set<() => void>();
  private transport: EngineTransport | null = null;

  constructor(private readonly conn: EngineSocket) {
    conn.on('packetCreate', (packet: EnginePacket) => {
      this.unflushedPackets++;
      this.unflushedBytes += packetBytes(packet);
    });
    conn.on('flush', (packets: EnginePacket[]) => {
      const bytes = packets.reduce((sum, packet) => sum + packetBytes(packet), 0);
      this.unflushedPackets -= packets.length;
      this.unflushedBytes -= bytes;
      this.writingBytes = bytes;
    });
    conn.on('upgrade', (transport: EngineTransport) => this.follow(transport));
    conn.once('close', () => this.check());
    this.follow(conn.transport);
  }

  /** Bytes waiting to be written to this connection, or being written. */
  get queuedBytes(): number {
    return this.unflushedBytes + this.writingBytes;
  }

  /** Resolves once everything emitted so far has been handed to the operating system (or the connection is gone). */
  drained(): Promise<void> {
    if (this.isDrained()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.add(resolve));
  }

  private isDrained(): boolean {
    return this.conn.readyState !== 'open' || (this.unflushedPackets === 0 && this.conn.transport.writable);
  }

  private follow(transport: EngineTransport): void {
    this.transport?.off('ready', this.onReady);
    this.transport = transport;
    transport.on('ready', this.onReady);
  }

  private readonly onReady = (): void => {
    this.writingBytes = 0;
    this.check();
  };

  private check(): void {
    if (this.waiters.size === 0 || !this.isDrained()) return;
    for (const resolve of this.waiters) resolve();
    this.waiters.clear();
  }
}
