/**
 * The client's answer to the server's sync step 1 (what the server lacks), made once both the
 * server's step 1 and its answer to the client's own step 1 are in: that answer (a step 2) ends
 * with the deletion set of the whole board, which tells the deletions the server has from those
 * it lacks, so that a large deletion made offline can follow the step 2 in parts (outgoing-parts.ts).
 */
import * as Y from 'yjs';
import type { Deletions } from './deletion-parts';
import { step2Parts } from './outgoing-parts';

export interface Step2Answer {
  /** The step 2's update. */
  step2: Uint8Array;
  /** Updates that complete it, sent right after it. */
  following: Uint8Array[];
}

export class ServerStep1 {
  private stateVector: Uint8Array | null = null;
  /**
   * Once the server has answered the client's step 1: what the server has deleted (read from its
   * step 2 when needed), or null when it sent the board state (the client had nothing).
   */
  private serverDeletions: (() => Deletions) | null | undefined = undefined;

  /** A new connection: nothing received yet. */
  reset(): void {
    this.stateVector = null;
    this.serverDeletions = undefined;
  }

  /** The server's step 1. */
  received(stateVector: Uint8Array): void {
    this.stateVector = stateVector;
  }

  /** The server's answer to the client's step 1: its step 2's update, or null for the board state. */
  answered(serverStep2: Uint8Array | null): void {
    // Decoded whole, structs and all: Yjs exports no reader that skips structs without building
    // each (its lazy one, behind Y.diffUpdate, builds them one at a time and saved about 10% here).
    this.serverDeletions = serverStep2 ? () => Y.decodeUpdate(serverStep2).ds : null;
  }

  /** The answer to send now, from `doc`, once both are in (then once per connection); else null. */
  take(doc: Y.Doc): Step2Answer | null {
    const { stateVector, serverDeletions } = this;
    if (!stateVector || serverDeletions === undefined) return null;
    this.reset();
    const step2 = Y.encodeStateAsUpdate(doc, stateVector);
    const parts = serverDeletions ? step2Parts(step2, doc, serverDeletions) : null;
    return parts ? { step2: parts.step2, following: parts.updates } : { step2, following: [] };
  }
}
