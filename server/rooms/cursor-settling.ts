/**
 * People whose latest position went out only as cursor entries, which a busy socket may drop,
 * with the time of their last move: once a person has not moved for CURSOR_SETTLE_MS, their
 * position is due once more, reliably (`takeSettled`), so a cursor never stays where a dropped
 * message left it, however busy the others keep the board.
 */
import { CURSOR_SETTLE_MS } from '../../lib/protocol';

export class CursorSettling {
  private readonly unsettled = new Map<number, number>();
  private readonly settled = new Set<number>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** `onSettled` runs when someone's position is due again (the next tick should carry it). */
  constructor(private readonly onSettled: () => void) {}

  moved(ids: readonly number[]): void {
    const now = performance.now();
    for (const id of ids) {
      this.unsettled.set(id, now);
      this.settled.delete(id);
    }
    this.timer ??= setTimeout(this.settle, CURSOR_SETTLE_MS);
  }

  /** Their full state goes out, cursor included, reliably: nothing more is due for them. */
  forget(id: number): void {
    this.unsettled.delete(id);
    this.settled.delete(id);
  }

  /** Those whose position is due again, now; each once. */
  takeSettled(): number[] {
    const settled = [...this.settled];
    this.settled.clear();
    return settled;
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.unsettled.clear();
  }

  /** Marks those who stopped moving, and checks again for the others. */
  private readonly settle = (): void => {
    this.timer = null;
    const now = performance.now();
    let nextDue = Infinity;
    for (const [id, movedAt] of this.unsettled) {
      const due = movedAt + CURSOR_SETTLE_MS;
      if (due <= now) {
        this.unsettled.delete(id);
        this.settled.add(id);
      } else {
        nextDue = Math.min(nextDue, due);
      }
    }
    if (this.settled.size > 0) this.onSettled();
    if (nextDue !== Infinity) this.timer = setTimeout(this.settle, nextDue - now);
  };
}
