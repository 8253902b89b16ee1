import type { ConnectionCounter } from '../security/connection-limits';
import type { EditPermission } from './client-session';

/** What both transports apply to every connection. */
export interface TransportOptions {
  /** Whether a connection may change the board it opened. */
  canEdit: EditPermission;
  /** Open connections per client address. */
  connections: ConnectionCounter;
  /** Proxies trusted to name the client's address (TRUST_PROXY). */
  trustProxy: number;
  /** Bytes that may wait to be written to one socket before it is closed as too slow. */
  maxQueuedBytes: number;
}
