/**
 * Open connections per client address, both transports together (MAX_CONNECTIONS_PER_ADDRESS).
 * A connection takes a place when it opens and gives it back when it closes.
 */
export class ConnectionCounter {
  private readonly open = new Map<string, number>();

  constructor(private readonly maxPerAddress: number) {}

  /** A place for one more connection from `address` (call `release` once it closes), or null if it has none left. */
  take(address: string): { release(): void } | null {
    const count = this.open.get(address) ?? 0;
    if (count >= this.maxPerAddress) return null;
    this.open.set(address, count + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const left = (this.open.get(address) ?? 1) - 1;
        if (left > 0) this.open.set(address, left);
        else this.open.delete(address);
      },
    };
  }

  /** Why a connection from an address was refused. */
  get reason(): string {
    return `server-busy: more than ${this.maxPerAddress} connections from one address`;
  }
}
