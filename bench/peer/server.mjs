// The reference y-websocket server (@y/websocket-server, as its own bin does it), for
// bench/relay-tail.ts to measure beside Tabula: `node bench/peer/server.mjs <port>`. Rooms are the
// URL's path (`ws://127.0.0.1:<port>/<board>`); in memory only (no YPERSISTENCE).
import http from 'node:http';
import ws from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const port = Number(process.argv[2]);
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end('okay');
});
const wss = new ws.Server({ noServer: true });
wss.on('connection', setupWSConnection);
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
