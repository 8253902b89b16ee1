/**
 * What the server sends, decoded and applied to the doc and the awareness with the provider as
 * origin (so that the provider does not send it back). Malformed frames are logged and ignored:
 * one bad message must not end a session. Browsers deliver binary frames as ArrayBuffer, Node as
 * Buffer; broadcasts come as text.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { type BoardState, decodeCursorEntries, decodeSyncMessage, decodeTick, serverFrameBytes, type SyncMessage } from '../protocol';
import { applyCursorEntries } from '../presence/cursor-updates';

export type ServerFrame = Uint8Array | ArrayBuffer | string;

/** A sync message, or null (logged) when it does not decode. */
export function decodeSyncFrame(frame: ServerFrame): SyncMessage | null {
  try {
    return decodeSyncMessage(serverFrameBytes(frame));
  } catch (error) {
    console.warn('tabula: ignored a malformed sync message from the server', error);
    return null;
  }
}

/** The board as stored, in one transaction. */
export function applyBoardState(doc: Y.Doc, { snapshot, updates }: BoardState, origin: unknown): void {
  doc.transact(() => {
    if (snapshot) Y.applyUpdateV2(doc, snapshot, origin);
    for (const update of updates) Y.applyUpdate(doc, update, origin);
  }, origin);
}

export function applyAwarenessFrame(awareness: awarenessProtocol.Awareness, frame: ServerFrame, origin: unknown): void {
  try {
    awarenessProtocol.applyAwarenessUpdate(awareness, serverFrameBytes(frame), origin);
  } catch (error) {
    console.warn('tabula: ignored a malformed awareness message from the server', error);
  }
}

/** One fan-out tick of the board: others' edits, presence and cursor moves, applied in that order. */
export function applyTickFrame(doc: Y.Doc, awareness: awarenessProtocol.Awareness, frame: ServerFrame, origin: unknown): void {
  try {
    const tick = decodeTick(serverFrameBytes(frame));
    if (tick.update) Y.applyUpdate(doc, tick.update, origin);
    if (tick.awareness) awarenessProtocol.applyAwarenessUpdate(awareness, tick.awareness, origin);
    if (tick.cursors) applyCursorEntries(awareness, decodeCursorEntries(tick.cursors), origin);
  } catch (error) {
    console.warn('tabula: ignored a malformed message from the server', error);
  }
}

/** Other people's presence is only known while connected; the server resends it on reconnect. */
export function dropRemoteAwareness(awareness: awarenessProtocol.Awareness, origin: unknown): void {
  const others = [...awareness.getStates().keys()].filter((id) => id !== awareness.clientID);
  if (others.length > 0) awarenessProtocol.removeAwarenessStates(awareness, others, origin);
}
