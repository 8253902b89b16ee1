import type { EventEmitter } from 'node:events';

/**
 * Open connections per client address, both transports together (MAX_CONNECTIONS_PER_ADDRESS).
 * A connection takes a place when it opens and gives it back when it closes.
 */
export class ConnectionCounter {
  private readonly open = new Map<string, number>();

  constructor(private readonly maxPerAddress: number) {}

  /** A place for one more connection from `address` (call `release` once it closes), or null if it has none left. */
  take(address: string): ConnectionPlace | null {
    const count = this.open.get(address) ?? 0;
    if (count >= this.maxPerAddress) return null;
    this.open.set(address, count + 1);
    return new ConnectionPlace(this.open, address);
  }

  /** Why a connection from an address was refused. */
  get reason(): string {
    return `server-busy: more than ${this.maxPerAddress} connections from one address`;
  }
}

/**
 * One open connection's place in its address's count. A class rather than a closure: one stays
 * for each open connection, and a named closure costs more memory than an object.
 */
export class ConnectionPlace {
  private released = false;

  constructor(
    private readonly open: Map<string, number>,
    private readonly address: string,
  ) {}

  /**
   * Gives the place back when `socket` closes. The listener is made here, where it holds only the
   * place: made in a handler, it would hold all that the handler's scope holds (the upgrade
   * request, say) for as long as the connection lasts.
   */
  releaseOnClose(socket: EventEmitter): void {
    socket.once('close', () => this.release());
  }

  /** Gives the place back (once; later calls do nothing). */
  release(): void {
    if (this.released) return;
    this.released = true;
    const left = (this.open.get(this.address) ?? 1) - 1;
    if (left > 0) this.open.set(this.address, left);
    else this.open.delete(this.address);
  }
}
