/**
 * Which other instances are alive. Each instance says so on one channel every heartbeat, and
 * `bye` when it stops; one that stays silent for the timeout (killed, frozen, or cut off from
 * Redis, which is the same to the others) counts as gone. An instance that speaks again after it
 * was counted gone `returns`.
 */
export interface InstanceEvents {
  /** The instance is gone: its people leave the boards, and what it stored is read back. */
  gone(instanceId: string): void;
  /** An instance counted gone speaks again. */
  returned(instanceId: string): void;
}

export class InstanceWatch {
  private readonly lastHeard = new Map<string, number>();
  private readonly goneIds = new Set<string>();
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly selfId: string,
    private readonly heartbeatMs: number,
    private readonly timeoutMs: number,
    private readonly say: (message: string) => void,
    private readonly events: InstanceEvents,
  ) {
    this.timer = setInterval(this.beat, heartbeatMs);
    this.timer.unref();
  }

  /** The heartbeat message to send now (also sent at once when the link comes up). */
  readonly beat = (): void => {
    this.say(`alive ${this.selfId}`);
    const now = Date.now();
    for (const [id, heard] of this.lastHeard) {
      if (now - heard <= this.timeoutMs) continue;
      this.lastHeard.delete(id);
      this.goneIds.add(id);
      this.events.gone(id);
    }
  };

  /** A message on the instances channel. */
  heard(message: string): void {
    const [word, id] = message.split(' ');
    if (!id || id === this.selfId) return;
    if (word === 'bye') {
      if (this.lastHeard.delete(id)) this.events.gone(id);
      return;
    }
    if (word !== 'alive') return;
    this.lastHeard.set(id, Date.now());
    if (this.goneIds.delete(id)) this.events.returned(id);
  }

  /** Any message from an instance shows it alive. */
  noteAlive(id: string): void {
    if (this.lastHeard.has(id)) this.lastHeard.set(id, Date.now());
  }

  stop(): void {
    clearInterval(this.timer);
    this.say(`bye ${this.selfId}`);
  }

}
