/** The Socket.IO connection of one board's provider: WebSocket only, the app's reconnect backoff, opened by the provider. */
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import {
  CONNECT_TIMEOUT_MS,
  type ClientToServerEvents,
  type HandshakeAuth,
  RECONNECT_DELAY_MAX_MS,
  RECONNECT_DELAY_MS,
  RECONNECT_JITTER,
  type ServerToClientEvents,
} from '../protocol';

export function openBoardSocket(
  url: string,
  boardId: string,
  token: string | null | undefined,
  socketOptions?: Partial<ManagerOptions & SocketOptions>,
): Socket<ServerToClientEvents, ClientToServerEvents> {
  const auth: HandshakeAuth = token ? { boardId, token } : { boardId };
  return io(url, {
    autoConnect: false,
    transports: ['websocket'],
    auth,
    reconnection: true,
    reconnectionDelay: RECONNECT_DELAY_MS,
    reconnectionDelayMax: RECONNECT_DELAY_MAX_MS,
    randomizationFactor: RECONNECT_JITTER,
    timeout: CONNECT_TIMEOUT_MS,
    ...socketOptions,
  });
}
