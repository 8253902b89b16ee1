/**
 * Compaction of a board that stays open. Without it a board edited for hours keeps every update in
 * its stored log until its last person leaves: the log (and the time to load the board, on another
 * instance or after a crash) grows with the number of edits. Once the log holds `afterUpdates`
 * updates since the last snapshot, or `afterBytes` of updates arrived since the last compaction,
 * the room's log is folded into a snapshot.
 *
 * Off the hot path: the check runs in a turn of its own after an update (never inside an apply or
 * an append), one compaction at a time per board. Nothing arriving meanwhile is lost: the store
 * folds exactly the log entries it read and leaves those appended after (doc-store.ts); on
 * Postgres, an instance that finds another compacting the board (advisory lock) skips its turn,
 * and the one that compacts tells the others (Room.compact).
 */
import * as Y from 'yjs';
import type { Logger } from '../log';
import { recordCompaction } from '../metrics/metrics';
import type { FoldStored } from '../store/doc-store';
import { mergeStored } from '../store/stored-doc';

export interface OpenCompactionPolicy {
  /** Updates in the stored log since the last snapshot that make a compaction due. */
  afterUpdates: number;
  /** Bytes of updates since the last compaction that make one due (a few large updates). */
  afterBytes: number;
}

/** What the compactor needs of a room (room.ts). */
export interface CompactableRoom {
  readonly boardId: string;
  readonly doc: Y.Doc;
  readonly updatesSinceSnapshot: number;
  /** Folds the stored log into a snapshot; false if another instance was doing so. */
  compact(): Promise<boolean>;
}

export class OpenCompactor {
  /** Bytes of updates applied since the last compaction began. */
  private bytes = 0;
  private checkQueued = false;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly room: CompactableRoom,
    private readonly policy: OpenCompactionPolicy,
    private readonly log: Logger,
  ) {
    room.doc.on('update', this.onUpdate);
  }

  /** Stops compacting; resolves once a compaction under way has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.room.doc.off('update', this.onUpdate);
    await this.running;
  }

  private readonly onUpdate = (update: Uint8Array): void => {
    this.bytes += update.byteLength;
    if (this.checkQueued || this.running || this.stopped) return;
    this.checkQueued = true;
    setImmediate(this.check);
  };

  private readonly check = (): void => {
    this.checkQueued = false;
    if (this.running || this.stopped) return;
    // The room counts an update once it is stored, so the count may trail the last batch by one.
    if (this.room.updatesSinceSnapshot < this.policy.afterUpdates && this.bytes < this.policy.afterBytes) return;
    this.bytes = 0;
    const { boardId } = this.room;
    this.running = this.room
      .compact()
      .then(
        (compacted) => {
          if (compacted) recordCompaction('open');
        },
        (error: unknown) => this.log.error({ err: error, boardId }, 'failed to compact an open board; it is tried again after more edits'),
      )
      .finally(() => {
        this.running = null;
      });
  };
}

/**
 * The fold of a room's compaction: its document encoded, instead of the stored board decoded
 * into a new document (which stalled the event loop for a second at a few hundred thousand
 * changes). Everything stored is in the room's document when this instance alone writes the board
 * (each update is applied before it is appended); a log entry whose changes the document lacks
 * (another instance's, not yet relayed here) is merged in, as is everything stored when other
 * instances write the board too, so nothing stored is dropped unseen.
 */
export function foldWithDocument(doc: Y.Doc, sharedWithOtherInstances: boolean, trusted: () => boolean): FoldStored {
  return (snapshot, updates) => {
    // A room whose append failed, or that is closed, holds what is not stored: the store's own fold.
    if (!trusted()) return mergeStored(snapshot, updates);
    const state = Y.encodeStateAsUpdateV2(doc);
    if (!sharedWithOtherInstances && updates.every((update) => coveredBy(Y.parseUpdateMeta(update).to, doc))) return state;
    if (!sharedWithOtherInstances) return mergeStored(snapshot, updates);
    return Y.mergeUpdatesV2([state, ...(snapshot ? [snapshot] : []), ...updates.map((update) => Y.convertUpdateFormatV1ToV2(update))]);
  };
}

/** Whether the document holds every change up to `to` (a state vector's clocks). */
function coveredBy(to: Map<number, number>, doc: Y.Doc): boolean {
  for (const [client, clock] of to) if (Y.getState(doc.store, client) < clock) return false;
  return true;
}
