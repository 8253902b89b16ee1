/**
 * The limits of one validation, and the running account against them: entries read (structs and
 * deletion ranges), the time spent (checked every STEPS_PER_CLOCK_CHECK steps, so that reading the
 * clock costs nothing), and the work that Yjs will do to merge the update into the document.
 *
 * The time is this thread's processor time, not the wall clock: on a loaded machine the wall clock
 * runs several times faster than the check does, and an honest update would be refused for the
 * load of others. Node 20 reads only the whole process's processor time, which other threads add
 * to (concurrent garbage collection, LevelDB's and libuv's workers: a check of 60 ms was measured
 * at 320 ms in a test process with a large heap); this thread's cannot pass the wall time, so the
 * smaller of the two is charged, never less than this thread spent.
 */
import { InvalidUpdateError, ValidationTimeoutError } from './errors';

export interface ValidationLimits {
  /** Structs and deletion ranges in one update. */
  maxEntries: number;
  /** Items one update may write under one key of one map (a shape's property, the title). */
  maxKeyWrites: number;
  /** Checking may take this much processor time plus `timePerEntryMs` per entry; past that it is refused. */
  timeBaseMs: number;
  timePerEntryMs: number;
  /** The merge work allowed: this much plus `mergeWorkPerEntry` per entry (see merge-cost.ts). */
  mergeWorkBase: number;
  mergeWorkPerEntry: number;
  /** The merge work of a deletion reaching a struct the server has deleted already (a live one costs 1). */
  deletedStructWork: number;
}

const STEPS_PER_CLOCK_CHECK = 1024;

function processorMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export class Budget {
  entries = 0;
  work = 0;
  /** Units of checking done: linear in the update's size whatever its shape. */
  steps = 0;
  private readonly processorStart = processorMs();
  private readonly wallStart = performance.now();

  constructor(private readonly limits: ValidationLimits) {}

  /** One more struct or deletion range read from the update. */
  entry(): void {
    if (++this.entries > this.limits.maxEntries) {
      throw new InvalidUpdateError(`the update holds more than ${this.limits.maxEntries} structs and deletions`);
    }
    this.step();
  }

  /** One unit of checking; the clock is read every so many. */
  step(): void {
    if (++this.steps % STEPS_PER_CLOCK_CHECK === 0) this.checkTime();
  }

  checkTime(): void {
    const allowed = this.limits.timeBaseMs + this.entries * this.limits.timePerEntryMs;
    const spent = Math.min(processorMs() - this.processorStart, performance.now() - this.wallStart);
    if (spent > allowed) throw new ValidationTimeoutError(`checking the update took more than ${Math.round(allowed)} ms`);
  }

  /** Work that Yjs will do to merge the update (items to scan past, structs to delete). */
  chargeWork(units: number): void {
    this.work += units;
    if (this.work > this.limits.mergeWorkBase + this.entries * this.limits.mergeWorkPerEntry) {
      throw new InvalidUpdateError('the update would take too long to merge: it writes far from where the board is now');
    }
    this.step();
  }
}
