/** What a BoardSession is built from (its provider) and what it reports. */
import type { Awareness } from 'y-protocols/awareness';
import type { ProtocolError } from '../protocol/events';
import type { BoardAccess } from '../access/kept-access';
import type { Identity } from '../local/identity';
import type { StorageLike } from '../local/storage';
import type { BoardProviderOptions, ProviderStatus } from '../sync/board-provider';
import type { LocalCopyFactory } from '../sync/local-copy';

/** What the session needs of a provider (a BoardProvider; tests may wrap one to watch it). */
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

/** Who is followed, as the "Following <name>" indicator shows it. */
export interface Following {
  clientId: number;
  name: string;
  color: string;
}

export interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

export interface BoardSessionOptions {
  url: string;
  boardId: string;
  identity: Identity;
  /** Keeps the board in this browser (IndexedDB in the app); tests go without. */
  localCopy?: LocalCopyFactory;
  /** Keeps the chat's read marker across reloads. */
  storage?: StorageLike | null;
  /** Defaults to a BoardProvider (Socket.IO). */
  provider?: ProviderFactory;
  /** How long without input marks the person idle (IDLE_AFTER_MS; tests take less). */
  idleAfterMs?: number;
  /** The board's token (lib/access) and what it lets this page do: a view token makes the editor read-only. */
  access?: BoardAccess;
}
