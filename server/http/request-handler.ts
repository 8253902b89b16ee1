/**
 * The HTTP server's request listener: the server's own routes, then the Next.js app. Nothing a
 * request does escapes it: a path that is not valid percent-encoding is answered 400 before any
 * route or page sees it, and an error thrown by a route or inside Next is logged with the request
 * (method, clipped URL, client address) and answered 500, or the response is cut if it had begun.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HTTP_RATE_MAX_CLIENTS } from '../../lib/protocol/limits';
import type { Config } from '../config';
import { clip, type Logger } from '../log';
import { clientAddress } from '../security/client-address';
import { pageHeaders } from '../security/headers';
import type { OriginCheck } from '../security/origin';
import { RateLimiter } from '../security/rate-limit';
import type { UiHandlers } from '../ui';
import { sendJson } from './respond';
import { handleServerRoute, type RouteContext, type RouteGuard } from './routes';

export interface HttpHandlerOptions {
  config: Pick<Config, 'env' | 'trustProxy' | 'httpRate' | 'metricsToken'>;
  originCheck: OriginCheck;
  ui: UiHandlers | null;
  log: Logger;
  /** The routes' context, once the server is assembled (requests only arrive after that). */
  context: () => RouteContext;
}

function isValidPercentEncoding(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

export function createHttpHandler({ config, originCheck, ui, log, context }: HttpHandlerOptions): RequestListener {
  const guard: RouteGuard = {
    originCheck,
    rateLimiter: new RateLimiter({ ...config.httpRate, maxClients: HTTP_RATE_MAX_CLIENTS }),
    trustProxy: config.trustProxy,
    metricsToken: config.metricsToken,
    log,
  };
  const pages = pageHeaders({ dev: config.env === 'development' });

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (!isValidPercentEncoding(path)) {
      sendJson(response, 400, { error: 'the path is not valid percent-encoding' });
      return;
    }
    if (await handleServerRoute(request, response, context(), guard)) return;
    if (!ui) {
      sendJson(response, 404, { error: 'not found' });
      return;
    }
    for (const [name, value] of Object.entries(pages)) response.setHeader(name, value);
    await ui.handleRequest(request, response);
  };

  return (request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error(
        { err: error, method: request.method, url: clip(request.url ?? '', 300), client: clientAddress(request, config.trustProxy) },
        'request failed',
      );
      if (!response.headersSent) sendJson(response, 500, { error: 'internal error' });
      else response.destroy();
    });
  };
}
