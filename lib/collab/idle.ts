/**
 * Whether the own user is idle: no input for IDLE_AFTER_MS. `activity()` is called on every
 * pointer move or key press, so it only records the time; one timer checks when the minute could
 * be up and re-arms for the rest if there was input meanwhile.
 */

export const IDLE_AFTER_MS = 60_000;

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class IdleTracker {
  private last: number;
  private timer: unknown = null;
  private idle = false;

  constructor(
    private readonly onChange: (idle: boolean) => void,
    private readonly clock: Clock = systemClock,
    private readonly after = IDLE_AFTER_MS,
  ) {
    this.last = clock.now();
    this.arm(after);
  }

  get isIdle(): boolean {
    return this.idle;
  }

  activity(): void {
    this.last = this.clock.now();
    if (this.idle) {
      this.idle = false;
      this.onChange(false);
      this.arm(this.after);
    }
  }

  destroy(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(ms: number): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(this.check, ms);
  }

  private readonly check = (): void => {
    this.timer = null;
    const quiet = this.clock.now() - this.last;
    if (quiet < this.after) {
      this.arm(this.after - quiet);
      return;
    }
    this.idle = true;
    this.onChange(true);
  };
}
