/**
 * Checks an untrusted Yjs update against the board model and the server's document before it is
 * applied (server/security/validation/). `validateUpdate` throws InvalidUpdateError when the update
 * must be refused, or MissingDependencyError (a subclass) when it builds on clocks the server does
 * not have yet; it returns what the check counted, for callers that charge senders by cost.
 *
 * What passes is what Yjs applies whole: nothing is left pending in the document
 * (`assertNothingPending` says so after applying), and what Yjs keeps is what was judged.
 */
import type * as Y from 'yjs';
import {
  MAX_KEY_WRITES_PER_UPDATE,
  MAX_SYNC_STEP2_STRUCTS,
  MAX_UPDATE_STRUCTS,
  MERGE_WORK_BASE,
  MERGE_WORK_PER_STRUCT,
  VALIDATION_BASE_MS,
  VALIDATION_MS_PER_STRUCT,
} from '../../lib/protocol/limits';
import { type BoardModel, boardModel } from './validation/board-model';
import { Budget, type ValidationLimits } from './validation/budget';
import { InvalidUpdateError, ValidationTimeoutError } from './validation/errors';
import { UpdateCheck } from './validation/update-check';
import { warmUpValidation as warmUp } from './validation/warm-up';
import { readWireUpdate } from './validation/wire-update';

export { InvalidUpdateError, MissingDependencyError, ValidationTimeoutError } from './validation/errors';
export type { ValidationLimits } from './validation/budget';

/** The limits of a document update (the default). */
export const UPDATE_LIMITS: ValidationLimits = {
  maxEntries: MAX_UPDATE_STRUCTS,
  maxKeyWrites: MAX_KEY_WRITES_PER_UPDATE,
  timeBaseMs: VALIDATION_BASE_MS,
  timePerEntryMs: VALIDATION_MS_PER_STRUCT,
  mergeWorkBase: MERGE_WORK_BASE,
  mergeWorkPerEntry: MERGE_WORK_PER_STRUCT,
  deletedStructWork: 1,
};

/**
 * The limits of a sync step 2: a whole board may come at once, with any number of moves of one
 * shape. A step 2 always carries its sender's whole deletion set, so on a board from which tens of
 * thousands of shapes were deleted it reaches every struct they left: stepping over one deleted
 * already costs Yjs little (re-applying the deletion of 30,000 shapes: 10-45 ms), and a step 2
 * comes once per connection, whose answer to its step 1 costs the whole board anyway. Reaching
 * live structs costs as in an update.
 */
export const SYNC_STEP2_LIMITS: ValidationLimits = {
  ...UPDATE_LIMITS,
  maxEntries: MAX_SYNC_STEP2_STRUCTS,
  maxKeyWrites: MAX_SYNC_STEP2_STRUCTS,
  deletedStructWork: 1 / 32,
};

export interface ValidationOptions {
  limits?: ValidationLimits;
  model?: BoardModel;
}

export interface ValidationReport {
  /** Structs, deletion ranges and run headers read. */
  entries: number;
  /** The merge work estimated (merge-cost.ts). */
  work: number;
  /** Units of checking done. */
  steps: number;
}

/**
 * Checks `update`; throws InvalidUpdateError (or a subclass) if it must be refused. A garbage
 * collection that falls in a check adds to its time (budget.ts; on a large heap, a part of
 * 10,000 structs that takes 60 ms was measured at 320 ms): a check that runs out of time is made
 * once more, and the update refused only if that one does too. The budget's min(process, wall)
 * clock cannot leave the pause out, since a collection on the main thread stops both clocks.
 */
export function validateUpdate(doc: Y.Doc, update: Uint8Array, options: ValidationOptions = {}): ValidationReport {
  try {
    return checkUpdate(doc, update, options);
  } catch (error) {
    if (!(error instanceof ValidationTimeoutError)) throw error;
    return checkUpdate(doc, update, options);
  }
}

function checkUpdate(doc: Y.Doc, update: Uint8Array, options: ValidationOptions): ValidationReport {
  const limits = options.limits ?? UPDATE_LIMITS;
  const budget = new Budget(limits);
  try {
    const wire = readWireUpdate(update, budget);
    new UpdateCheck(doc, wire, options.model ?? boardModel, budget, limits).run();
    budget.checkTime();
  } catch (error) {
    if (error instanceof InvalidUpdateError) throw error;
    // A stack overflow on absurdly nested values, say: still the update's fault, never the server's.
    throw new InvalidUpdateError('the update could not be checked');
  }
  return { entries: budget.entries, work: budget.work, steps: budget.steps };
}

/**
 * Checks a few thousand structs of the usual shapes, so that the first update a client sends is
 * checked by compiled code rather than by the interpreter (see validation/warm-up.ts). For the
 * server's start.
 */
export function warmUpValidation(): void {
  warmUp(validateUpdate, UPDATE_LIMITS);
}

/** Throws if Yjs parked anything (structs or deletions waiting for missing clocks) in the document. */
export function assertNothingPending(doc: Y.Doc): void {
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
    throw new Error('the document holds updates it could not apply');
  }
}
