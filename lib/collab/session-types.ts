/** What a BoardSession is built from (its provider) and what it reports. */
import type { Awareness } from 'y-protocols/awareness';
import type { ProtocolError } from '../protocol/events';
import type { BoardProviderOptions, ProviderStatus } from '../sync/board-provider';

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
