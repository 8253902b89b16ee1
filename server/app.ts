/**
 * Assembles one Tabula server: storage, rooms, Socket.IO and the Next.js UI on one HTTP port.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccessControl } from './access/access-control';
import type { Config } from './config';
import { MAX_ECHOED_CHARS } from '../lib/protocol';
import { createHttpHandler } from './http/request-handler';
import type { RouteContext } from './http/routes';
import type { Logger } from './log';
import type { RoomTransport } from './rooms/room';
import { RoomManager } from './rooms/room-manager';
import { createOriginCheck } from './security/origin';
import { warmUpValidation } from './security/update-validator';
import type { DocStore } from './store/doc-store';
import { openStore } from './store/open-store';
import { attachBoardHandlers, createRoomTransport, createSocketServer } from './sync/socket-server';
import { createUi, type UiHandlers, warmUp } from './ui';
import { createYjsEndpoint, YJS_PATH_PREFIX } from './sync/yjs-websocket';
import type { TransportOptions } from './sync/transport-options';
import { ConnectionCounter } from './security/connection-limits';
import { observeBoardsInMemory, observeStoredLogs } from './metrics/metrics';
import { deadlineIn, finishesBefore, UpgradedSockets } from './shutdown';
import { RedisRelay } from './relay/redis-relay';

export interface TabulaServer {
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  port: number;
  httpServer: HttpServer;
  rooms: RoomManager;
  store: DocStore;
  close(): Promise<void>;
}

const SOCKET_IO_PATH = '/socket.io/';

export interface ServerOptions {
  /** Wraps the store the configuration opens (tests make a real store fail on demand). */
  wrapStore?: (store: DocStore) => DocStore;
}

export async function startTabulaServer(config: Config, log: Logger, options: ServerOptions = {}): Promise<TabulaServer> {
  const opened = await openStore(config, log);
  const store = options.wrapStore ? options.wrapStore(opened) : opened;
  const accessControl = await AccessControl.open(store, config.access, log);
  warmUpValidation();
  const ui: UiHandlers | null = config.serveUi
    ? await createUi({ dev: config.env === 'development', hostname: config.host, port: config.port, log })
    : null;

  // Routes need the rooms and the socket server, created below; they only run once listening.
  let routeContext: RouteContext | null = null;
  const originCheck = createOriginCheck({ publicOrigin: config.publicOrigin, allowedOrigins: config.allowedOrigins });
  const httpServer = createServer(createHttpHandler({ config, originCheck, ui, log, context: () => routeContext! }));

  // From SIGTERM on (close() below): new connections are refused and /readyz answers 503.
  let draining = false;
  const isDraining = () => draining;
  const io = createSocketServer(httpServer, originCheck, isDraining, log);
  const socketIoTransport = createRoomTransport(io);
  // Rooms reach their clients through both transports; the Yjs endpoint needs the rooms first.
  const transport: RoomTransport = {
    broadcastTick: (boardId, tick) => {
      socketIoTransport.broadcastTick(boardId, tick);
      yjs.transport.broadcastTick(boardId, tick);
    },
    closeBoard: (boardId, code, message) => {
      socketIoTransport.closeBoard(boardId, code, message);
      yjs.transport.closeBoard(boardId, code, message);
    },
  };
  // With REDIS_URL, the boards are live across instances (server/relay/).
  const relay = config.relay
    ? new RedisRelay({
        config: config.relay,
        store,
        log,
        versionEveryMs: config.autoVersionEveryMs,
        onBoardDeleted: (boardId) => {
          transport.closeBoard(boardId, 'board-deleted', 'this board was deleted');
          void rooms.evict(boardId);
        },
      })
    : null;
  const rooms = new RoomManager({
    feed: relay ?? undefined,
    store,
    transport,
    log,
    idleUnloadMs: config.roomIdleUnloadMs,
    compactAfterUpdates: config.compactAfterUpdates,
    openCompaction: config.openCompaction,
    autoVersions: { everyMs: config.autoVersionEveryMs, minUpdates: config.autoVersionMinUpdates },
    maxSocketsPerBoard: config.caps.maxSocketsPerBoard,
    maxBoardsInMemory: config.caps.maxBoardsInMemory,
  });
  const transportOptions: TransportOptions = {
    accessControl,
    connections: new ConnectionCounter(config.caps.maxConnectionsPerAddress),
    trustProxy: config.trustProxy,
    maxQueuedBytes: config.caps.maxQueuedBytesPerSocket,
    isDraining,
  };
  const unobserveBoards = observeBoardsInMemory(() => rooms.size);
  const unobserveLogs = observeStoredLogs(() => rooms.storedLogUpdates);
  const upgrades = new UpgradedSockets();
  const socketIoClients = attachBoardHandlers(io, rooms, transportOptions, log);
  const yjs = createYjsEndpoint({ ...transportOptions, originCheck, rooms, log });
  // Engine.IO answers its own path; the standard Yjs endpoint has /yjs/; in development, Next's
  // hot reload has the rest. (Engine.IO would destroy unknown upgrades after a second.)
  // Nothing thrown here may escape: it would reach the process's last-resort handler with the
  // socket left open. A failure drops that one socket and is logged with its path.
  httpServer.on('upgrade', (request, socket, head) => {
    // The board connections, whose close handshakes the drain awaits (not Next's hot reload).
    if (request.url?.startsWith(SOCKET_IO_PATH) || request.url?.startsWith(YJS_PATH_PREFIX)) upgrades.add(socket);
    const fail = (error: unknown) => {
      log.error({ err: error, path: request.url?.slice(0, MAX_ECHOED_CHARS) }, 'an upgrade request failed');
      socket.destroy();
    };
    try {
      if (request.url?.startsWith(SOCKET_IO_PATH)) return;
      if (yjs.handleUpgrade(request, socket, head)) return;
      if (ui) ui.handleUpgrade(request, socket, head).catch(fail);
      else socket.destroy();
    } catch (error) {
      fail(error);
    }
  });
  routeContext = {
    store,
    rooms,
    accessControl,
    disconnectBoard: (boardId) => {
      transport.closeBoard(boardId, 'board-deleted', 'this board was deleted');
      relay?.boardDeleted(boardId);
    },
    isDraining,
    redis: relay ?? undefined,
  };

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const displayHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      // The drain. New connections are refused (still listening, so that /readyz can say 503 and
      // a proxy can pick another instance); every client is told to reconnect now, to another
      // instance (Socket.IO: 'server-draining'; /yjs: close 1012), and its connection closed;
      // clients send again what was not acknowledged. Every room is stored, and the connections'
      // close handshakes are awaited. All of it within the deadline: a client that does not read
      // would hold its close handshake for half a minute, so what is left then is dropped.
      const deadlineMs = config.caps.shutdownDeadlineMs;
      const deadline = deadlineIn(deadlineMs);
      draining = true;
      log.info({ connections: upgrades.size, boards: rooms.size, deadlineMs }, 'draining: refusing new connections, telling clients to reconnect, storing boards');
      accessControl.close();
      socketIoClients.drain();
      yjs.drain();
      if (!(await finishesBefore(rooms.closeAll(), deadline))) log.error({ deadlineMs }, 'shutdown: boards still being stored at the deadline');
      if (!(await finishesBefore(upgrades.allClosed(), deadline))) log.warn({ connections: upgrades.size, deadlineMs }, 'shutdown: dropping the connections still closing at the deadline');
      yjs.close();
      upgrades.destroyAll();
      const socketsClosed = new Promise<void>((resolve) => io.close(() => resolve()));
      httpServer.closeAllConnections();
      await finishesBefore(socketsClosed, deadline);
      unobserveBoards();
      unobserveLogs();
      await relay?.close();
      await store.close();
      await ui?.close();
      log.info('drained');
    })();
    return closing;
  };

  const url = `http://${displayHost}:${port}`;
  if (ui && config.env === 'production') void warmUp(url, log);
  return { url, port, httpServer, rooms, store, close };
}
