import type { AccessControl } from '../access/access-control';
import type { ConnectionCounter } from '../security/connection-limits';

/** Why a connection is refused, or closed, while the server shuts down (code 'server-draining'). */
export const DRAINING_REASON = 'this server is shutting down: connect again, to another instance';

/** What both transports apply to every connection. */
export interface TransportOptions {
  /** What a connection's token grants on the board it opened (decided once, at the handshake). */
  accessControl: AccessControl;
  /** Open connections per client address. */
  connections: ConnectionCounter;
  /** Proxies trusted to name the client's address (TRUST_PROXY). */
  trustProxy: number;
  /** Bytes that may wait to be written to one socket before it is closed as too slow. */
  maxQueuedBytes: number;
  /** True from SIGTERM on: new connections are refused (app.ts drains the open ones). */
  isDraining(): boolean;
}
