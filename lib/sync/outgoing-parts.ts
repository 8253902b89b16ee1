/**
 * What the provider sends instead of one update the server would refuse as too large: a local
 * transaction that adds or deletes too much at once, or a sync step 2 carrying a large deletion
 * made offline. Structs go first (struct-parts.ts), deletions after them (deletion-parts.ts).
 */
import * as Y from 'yjs';
import { DELETION_PART_CLOCKS } from '../protocol/limits';
import { deletedClocks, type Deletions, deletionUpdates, missingDeletions, withoutDeletions } from './deletion-parts';
import { needsStructParts, structParts } from './struct-parts';

/** An update of nothing: no structs, no deletions. */
const EMPTY_UPDATE = new Uint8Array([0, 0]);

type TransactionShape = Pick<Y.Transaction, 'deleteSet' | 'beforeState' | 'afterState'>;

/** Clocks the transaction added (an upper bound on the structs in its update). */
function addedClocks(transaction: TransactionShape): number {
  let clocks = 0;
  for (const [client, clock] of transaction.afterState) clocks += clock - (transaction.beforeState.get(client) ?? 0);
  return clocks;
}

/**
 * The parts to send instead of `update` (the transaction's), in order, or null when it goes whole:
 * it is small enough, or not laid out as expected (then the server says what it thinks of it).
 */
export function transactionParts(update: Uint8Array, transaction: TransactionShape): Uint8Array[] | null {
  const manyDeletions = deletedClocks(transaction.deleteSet) > DELETION_PART_CLOCKS;
  const manyStructs = needsStructParts(update, addedClocks(transaction));
  if (!manyDeletions && !manyStructs) return null;
  const split = withoutDeletions(update, transaction.deleteSet);
  if (!split) return null;
  let structs: Uint8Array[] = [];
  if (split.structs) {
    const parts = manyStructs ? structParts(split.structs) : [split.structs];
    if (!parts) return null;
    structs = parts;
  }
  return [...structs, ...deletionUpdates(transaction.deleteSet)];
}

/**
 * A sync step 2 (`step2`, `doc`'s state as an update for the server's state vector, ending with
 * every deletion the doc knows of) that carries more deletions the server lacks than one part
 * takes: the step 2 keeps its structs, and those deletions follow in parts, as updates. The server
 * has everything else it deletes (`serverDeletions`, read from the server's own step 2, whose
 * deletion set is the whole board's). Null when the step 2 goes whole.
 */
export function step2Parts(step2: Uint8Array, doc: Y.Doc, serverDeletions: () => Deletions): { step2: Uint8Array; updates: Uint8Array[] } | null {
  // Derived again: Yjs derived it to write `step2` but exports no way to write a step 2 from a set
  // we pass, nor to read its tail short of decoding every struct before it. Scanning the doc of a
  // 30,000-shape board costs 0.7-2.5 ms; decoding that board's whole step 2, 365 ms.
  const ours = Y.createDeleteSetFromStructStore(doc.store);
  if (deletedClocks(ours) <= DELETION_PART_CLOCKS) return null;
  const lacking = missingDeletions(ours, serverDeletions());
  if (deletedClocks(lacking) <= DELETION_PART_CLOCKS) return null;
  const split = withoutDeletions(step2, ours);
  if (!split) return null;
  return { step2: split.structs ?? EMPTY_UPDATE, updates: deletionUpdates(lacking) };
}
