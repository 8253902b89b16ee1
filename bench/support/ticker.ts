/**
 * One ticker per generator process drives every simulated person: each action has its next due
 * time, spread at random over one period; a late tick catches up (at most two periods' worth, so
 * a stall does not end in a burst). What was really sent is counted by the callers and reported.
 */
export class Ticker {
  private readonly actions: { period: number; due: number; run: () => void }[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;

  every(period: number, run: () => void): void {
    this.actions.push({ period, due: performance.now() + Math.random() * period, run });
  }

  start(): void {
    this.timer = setInterval(() => {
      const at = performance.now();
      for (const action of this.actions) {
        if (action.due < at - 2 * action.period) action.due = at - 2 * action.period;
        while (action.due <= at) {
          action.run();
          action.due += action.period;
        }
      }
    }, 4);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.actions.length = 0;
  }
}
