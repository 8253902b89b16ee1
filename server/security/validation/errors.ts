/** Why an update was refused. The message is sent to its sender: it never quotes long input. */
export class InvalidUpdateError extends Error {
  override name = 'InvalidUpdateError';
}

/**
 * The update builds on items or clocks the server does not have yet (an unseen origin, a clock
 * gap, a deletion of items it has never received). That is not an offence in itself: a client's
 * edits can overtake the sync step 2 that carries what they build on. The caller may hold the
 * update back until the client's step 2 is in, and refuse it after.
 */
export class MissingDependencyError extends InvalidUpdateError {
  override name = 'MissingDependencyError';
}

/**
 * Checking the update took longer than its budget. Still a refusal, but one that may pass on a
 * less loaded server: a caller may let the sender retry rather than treat it as bad data.
 */
export class ValidationTimeoutError extends InvalidUpdateError {
  override name = 'ValidationTimeoutError';
}

/** A name from the update, quoted for a reason: at most 40 characters of it. */
export function quote(name: string): string {
  return JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);
}
