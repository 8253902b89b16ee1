/**
 * An in-memory stand-in for the server: sessions' docs and awareness states are relayed
 * synchronously between the providers connected to the hub. Enough to test what a session does
 * with other people's presence, without sockets.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { ProtocolError } from '../../protocol/events';
import type { ProviderStatus } from '../../sync/board-provider';
import type { ProviderFactory, SessionProvider } from '../board-session';

export class FakeHub {
  readonly providers = new Set<FakeProvider>();
  /** Awareness messages delivered, for rate checks. */
  awarenessMessages = 0;

  factory: ProviderFactory = ({ doc, awareness }) => new FakeProvider(this, doc, awareness);
}

export class FakeProvider implements SessionProvider {
  status: ProviderStatus = 'offline';
  connected = false;
  private online = true;
  private readonly statusListeners = new Set<(status: ProviderStatus) => void>();
  private readonly errorListeners = new Set<(error: ProtocolError) => void>();

  constructor(
    private readonly hub: FakeHub,
    readonly doc: Y.Doc,
    readonly awareness: awarenessProtocol.Awareness,
  ) {}

  onStatus(listener: (status: ProviderStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onError(listener: (error: ProtocolError) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /** The server's reason for closing the connection, as BoardProvider reports it. */
  reportError(error: ProtocolError): void {
    for (const listener of this.errorListeners) listener(error);
  }

  setNetworkOnline(online: boolean): void {
    this.online = online;
    if (online) this.connect();
    else this.drop();
  }

  connect(): void {
    if (this.connected || !this.online) return;
    this.connected = true;
    this.setStatus('connected');
    for (const other of this.hub.providers) {
      Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(other.doc), this.hub);
      Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(this.doc), this.hub);
      other.receiveAwareness(this.awareness, [this.awareness.clientID]);
      this.receiveAwareness(other.awareness, [other.awareness.clientID]);
    }
    this.hub.providers.add(this);
    this.doc.on('update', this.onUpdate);
    this.awareness.on('update', this.onAwareness);
    this.setStatus('synced');
  }

  flushAwareness(): void {}

  destroy(): void {
    this.drop();
    this.statusListeners.clear();
  }

  /** Like a socket drop: the others lose this person, this one loses everyone. */
  drop(): void {
    if (!this.connected) return;
    this.connected = false;
    this.hub.providers.delete(this);
    this.doc.off('update', this.onUpdate);
    this.awareness.off('update', this.onAwareness);
    for (const other of this.hub.providers) {
      awarenessProtocol.removeAwarenessStates(other.awareness, [this.awareness.clientID], this.hub);
    }
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.awareness.clientID);
    awarenessProtocol.removeAwarenessStates(this.awareness, others, this.hub);
    this.setStatus('offline');
  }

  receiveAwareness(from: awarenessProtocol.Awareness, clients: number[]): void {
    if (from.getLocalState() === null) return;
    this.hub.awarenessMessages++;
    awarenessProtocol.applyAwarenessUpdate(this.awareness, awarenessProtocol.encodeAwarenessUpdate(from, clients), this.hub);
  }

  private setStatus(status: ProviderStatus): void {
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this.hub) return;
    for (const other of this.hub.providers) if (other !== this) Y.applyUpdate(other.doc, update, this.hub);
  };

  private readonly onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    if (origin !== 'local') return;
    const own = this.awareness.clientID;
    if (![...added, ...updated, ...removed].includes(own)) return;
    for (const other of this.hub.providers) if (other !== this) other.receiveAwareness(this.awareness, [own]);
  };
}
