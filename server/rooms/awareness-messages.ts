/** The board's presence as standard y-protocols awareness messages, each within the presence limit. */
import type * as awarenessProtocol from 'y-protocols/awareness';
import { type AwarenessEntry, encodeAwarenessEntries, MAX_AWARENESS_BYTES } from '../../lib/protocol';

/**
 * The awareness of `clients` in messages of at most MAX_AWARENESS_BYTES, the most the server takes
 * from a client: a stock Yjs client sends back what it receives, and must never be refused for it.
 */
export function awarenessMessages(awareness: awarenessProtocol.Awareness, clients: readonly number[]): Uint8Array[] {
  const messages: Uint8Array[] = [];
  let batch: AwarenessEntry[] = [];
  let bytes = 0;
  const states = awareness.getStates();
  for (const clientID of clients) {
    const entry: AwarenessEntry = { clientID, clock: awareness.meta.get(clientID)?.clock ?? 0, state: states.get(clientID) ?? null };
    // A varuint each for the id, the clock and the string's length, then the JSON.
    const size = 3 * MAX_VARUINT_BYTES + Buffer.byteLength(JSON.stringify(entry.state));
    if (batch.length > 0 && bytes + size > MAX_AWARENESS_BYTES) {
      messages.push(encodeAwarenessEntries(batch));
      batch = [];
      bytes = MAX_VARUINT_BYTES;
    }
    batch.push(entry);
    bytes += size;
  }
  if (batch.length > 0) messages.push(encodeAwarenessEntries(batch));
  return messages;
}

/** The most bytes a varuint of a JavaScript number takes. */
const MAX_VARUINT_BYTES = 8;

