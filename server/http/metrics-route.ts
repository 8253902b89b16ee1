/**
 * GET /metrics: the process's metrics (server/metrics) in the Prometheus text format. Open by
 * default, like /healthz, so that a scraper on the private network needs no setup; with
 * METRICS_TOKEN set it takes `Authorization: Bearer <METRICS_TOKEN>` (401 without), for a
 * deployment whose proxy does not keep /metrics off the public side.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sameToken } from '../access/tokens';
import { scrapeMetrics } from '../metrics/metrics';
import { bearerToken } from './board-access';
import { sendJson } from './respond';

export async function serveMetrics(request: IncomingMessage, response: ServerResponse, metricsToken: string | null): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendJson(response, 405, { error: 'only GET reads the metrics' }, { allow: 'GET, HEAD' });
    return;
  }
  if (metricsToken !== null) {
    const token = bearerToken(request);
    if (token === null || !sameToken(token, metricsToken)) {
      sendJson(response, 401, { error: 'the metrics need Authorization: Bearer <METRICS_TOKEN>' }, { 'www-authenticate': 'Bearer' });
      return;
    }
  }
  const { contentType, body } = await scrapeMetrics();
  response.writeHead(200, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)), 'cache-control': 'no-store' });
  response.end(request.method === 'HEAD' ? undefined : body);
}
