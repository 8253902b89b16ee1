/**
 * Where boards live between restarts. A board is an append-only log of Yjs updates (V1, as they
 * arrived) plus, after compaction, one snapshot of the whole document in Yjs's V2 encoding.
 *
 * Every implementation must pass the same contract tests (server/test/doc-store.test.ts).
 *
 * Deleting a board leaves a tombstone: the id stays taken for good, so that neither a late append
 * (a socket that was still sending, another instance) nor a browser's offline copy brings the
 * board back. Reads and writes of a deleted board reject with BoardDeletedError.
 */

/** The board was deleted: what was asked of it is refused, and it cannot come back. */
export class BoardDeletedError extends Error {
  override name = 'BoardDeletedError';
  constructor(readonly boardId: string) {
    super('this board was deleted');
  }
}

export interface StoredBoard {
  /** The latest snapshot (`Y.encodeStateAsUpdateV2`), or null before the first compaction. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, in order, V1 encoded. */
  updates: Uint8Array[];
  /** Sequence number of the last update in the log (of `updates`, or the snapshot's). */
  lastSeq: number;
}

/** A saved version of a board: a named (or automatic) snapshot someone can preview and restore. */
export interface VersionInfo {
  id: string;
  name: string;
  /** Taken by the server after a stretch of activity, not by a person. */
  auto: boolean;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** An uploaded file (an image on a board). */
export interface Asset {
  id: string;
  boardId: string;
  contentType: string;
  bytes: Uint8Array;
}

/**
 * Who may open a board (server/access): an invite board grants nothing to a bare link; an open
 * board (one stored before access existed, or never created) lets a bare link edit. Edit and view
 * tokens are valid for the current link generation only.
 */
export interface BoardAccessRecord {
  mode: 'open' | 'invite';
  generation: number;
}

/** Makes one V2 snapshot of a stored board: its snapshot (V2, or null) and its log (V1). */
export type FoldStored = (snapshot: Uint8Array | null, updates: readonly Uint8Array[]) => Uint8Array;

export interface DocStore {
  /** The stored board, or null if it was never written; rejects with BoardDeletedError if deleted. */
  load(boardId: string): Promise<StoredBoard | null>;
  /**
   * Appends one update; resolves once it is durable against a process crash. Concurrent appends
   * are written together (group commit). Resolves with the update's sequence number; rejects
   * with BoardDeletedError if the board was deleted, even by a delete that began while the
   * append was queued.
   */
  append(boardId: string, update: Uint8Array): Promise<number>;
  /**
   * Folds the snapshot and the whole log, as stored, into a new snapshot and drops the log it
   * covers, atomically. It reads what is stored rather than taking a document from the caller, so
   * an update appended by another instance is never dropped unseen. Resolves with the sequence
   * number the snapshot covers, or null if another instance is compacting the board right now
   * (or the board is not stored, or deleted). `fold` makes the snapshot from what was read
   * (mergeStored by default); an open room passes one that encodes its document instead of
   * decoding the board again (Room.compact).
   */
  compact(boardId: string, fold?: FoldStored): Promise<number | null>;
  /**
   * Keeps what the board shows where a page opens it (server/rooms/opening-view.ts), made from the
   * board with everything stored up to sequence number `seq`. It is current while `seq` is the
   * board's newest (nothing appended or compacted after it); deleting the board deletes it.
   */
  saveOpeningView(boardId: string, seq: number, view: Uint8Array): Promise<void>;
  /** The board's opening view if it is current (see saveOpeningView), else null. */
  loadOpeningView(boardId: string): Promise<Uint8Array | null>;
  /** Whether the board is stored (false for a deleted board). */
  exists(boardId: string): Promise<boolean>;
  /** Whether the board was deleted (its tombstone). */
  isDeleted(boardId: string): Promise<boolean>;
  /** The stored boards, deleted ones left out. */
  list(): Promise<string[]>;
  /** Deletes the board with its versions and assets, and leaves its tombstone. */
  delete(boardId: string): Promise<void>;
  /** Keeps a snapshot (V2) as a version of the board (BoardDeletedError if it was deleted). */
  saveVersion(boardId: string, info: VersionInfo, snapshot: Uint8Array): Promise<void>;
  /** The board's versions, newest first. */
  listVersions(boardId: string): Promise<VersionInfo[]>;
  loadVersion(boardId: string, versionId: string): Promise<{ info: VersionInfo; snapshot: Uint8Array } | null>;
  /** Stores an uploaded file of a board (BoardDeletedError if the board was deleted). */
  putAsset(asset: Asset): Promise<void>;
  getAsset(assetId: string): Promise<Asset | null>;
  /** The board's access record, or null if it has none (an open board at generation 0). */
  readAccess(boardId: string): Promise<BoardAccessRecord | null>;
  /** Keeps the access record of a new board (before anything else of it is stored). */
  createAccess(boardId: string, record: BoardAccessRecord): Promise<void>;
  /** Raises the board's link generation by one, atomically (an open record if it had none). */
  resetLinks(boardId: string): Promise<BoardAccessRecord>;
  /**
   * The server secret that all instances on this store share: the one kept already, or else
   * `candidate`, kept from now on (the first instance to start wins a race).
   */
  keepSecret(candidate: string): Promise<string>;
  /** Whether the store answers (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
