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
  /** Made when first needed: most connections never wait, and an empty Set costs memory. */
  private waiters: Set<() => void> | null = null;
  private transport: EngineTransport | null = null;
  /**
   * Assigned in the constructor, not declared as a class field: under tsx (esbuild's keepNames) a
   * field's arrow function gets a `name` property of its own, a few hundred bytes per connection.
   */
  private readonly onReady: () => void;

  private overflowed = false;

  /** `onOverflow` is called once, when more than `maxQueuedBytes` wait to be written. */
  constructor(
    private readonly conn: EngineSocket,
    private readonly maxQueuedBytes: number,
    private readonly onOverflow: () => void,
  ) {
    this.onReady = () => {
      this.writingBytes = 0;
      this.check();
    };
    conn.on('packetCreate', (packet: EnginePacket) => {
      this.unflushedPackets++;
      this.unflushedBytes += packetBytes(packet);
      if (this.queuedBytes > this.maxQueuedBytes && !this.overflowed) {
        this.overflowed = true;
        // Not from inside the engine's send: the refusal itself sends a packet.
        queueMicrotask(this.onOverflow);
      }
    });
    // A flush hands the whole write buffer to the transport, packets created before this outbox
    // was (Socket.IO's connect packet) included: nothing is left unflushed after it.
    conn.on('flush', (packets: EnginePacket[]) => {
      this.unflushedPackets = 0;
      this.unflushedBytes = 0;
      this.writingBytes = packets.reduce((sum, packet) => sum + packetBytes(packet), 0);
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
    return new Promise((resolve) => (this.waiters ??= new Set()).add(resolve));
  }

  private isDrained(): boolean {
    return this.conn.readyState !== 'open' || (this.unflushedPackets === 0 && this.conn.transport.writable);
  }

  private follow(transport: EngineTransport): void {
    this.transport?.off('ready', this.onReady);
    this.transport = transport;
    transport.on('ready', this.onReady);
  }

  private check(): void {
    if (!this.waiters || !this.isDrained()) return;
    for (const resolve of this.waiters) resolve();
    this.waiters = null;
  }
}
