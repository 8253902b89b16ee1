/** What a BoardSession is built from: its local store, its provider, and what it reports. */
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { ProtocolError } from '../protocol/events';
import type { BoardProviderOptions, ProviderStatus } from '../sync/board-provider';

/** The board's copy in this browser (IndexedDB in the app; absent in tests). */
export interface LocalStore {
  /** Resolves once the stored copy is in the doc (at once if there is none). */
  whenLoaded: Promise<unknown>;
  /** Forgets the stored copy (the board was deleted). */
  clear(): Promise<unknown>;
  /**
   * Stops recording the doc's updates while a whole board from the server is applied; the
   * returned function resumes and keeps that board too (see BoardProviderOptions.aroundBoardState).
   */
  pauseForBoardState?(): () => void;
  destroy(): void;
}

export type LocalStoreFactory = (boardId: string, doc: Y.Doc) => LocalStore;

/** What the session needs of a provider (BoardProvider; tests pass an in-memory one). */
export interface SessionProvider {
  readonly status: ProviderStatus;
  readonly connected: boolean;
  onStatus(listener: (status: ProviderStatus) => void): () => void;
  onError(listener: (error: ProtocolError) => void): () => void;
  setNetworkOnline(online: boolean): void;
  connect(): void;
  flushAwareness(): void;
  destroy(): void;
}

export type ProviderFactory = (options: BoardProviderOptions & { awareness: Awareness }) => SessionProvider;

/** Connect without the local copy if it takes longer than this to load (it normally takes ms). */
export const LOCAL_LOAD_TIMEOUT_MS = 2_000;

/** Who is followed, as the "Following <name>" indicator shows it. */
export interface Following {
  clientId: number;
  name: string;
  color: string;
}
