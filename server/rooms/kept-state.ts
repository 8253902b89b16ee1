/**
 * A room's board in its stored form (a V2 snapshot and the V1 updates applied since), kept so that
 * a client with nothing is sent the board without the document being encoded again.
 */
import type { BoardState } from '../../lib/protocol';

/**
 * The kept state is sent as it is until edits have doubled its size (and passed MIN_FOLD_BYTES);
 * then it is folded into a fresh snapshot first, so that clients are not sent a long history of
 * moves. Past DROP_GROWTH times its size plus DROP_EXTRA_BYTES it is dropped (rebuilt on demand).
 */
export const FOLD_GROWTH = 2;
export const MIN_FOLD_BYTES = 256 * 1024;
export const DROP_GROWTH = 4;
export const DROP_EXTRA_BYTES = 8 * 1024 * 1024;

export interface KeptState extends BoardState {
  /** Bytes of the snapshot and updates together. */
  bytes: number;
  /** `bytes` when the state was last built from the store or folded. */
  keptBytes: number;
}

export function keptState(snapshot: Uint8Array | null, updates: readonly Uint8Array[]): KeptState {
  const bytes = updates.reduce((sum, update) => sum + update.byteLength, snapshot?.byteLength ?? 0);
  return { snapshot, updates: [...updates], bytes, keptBytes: bytes };
}

