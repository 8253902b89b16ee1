/**
 * `npm start` / `npm run dev`: read the configuration, start one Tabula server, stop cleanly on
 * SIGTERM or SIGINT.
 */
import { ConfigError, loadConfig } from './config';
import { createLogger } from './log';
import { startTabulaServer } from './app';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  process.env.NEXT_TELEMETRY_DISABLED ??= '1';
  // Next.js and React read NODE_ENV themselves; make theirs agree with ours.
  (process.env as Record<string, string>).NODE_ENV ??= config.env;
  const log = createLogger(config.logLevel);
  // The last resort: every handler catches its own errors (with the connection and board in the
  // log); whatever escapes one is logged here with what is known, instead of killing every board
  // on the process with an unlogged stack trace.
  process.on('uncaughtException', (error, origin) => log.error({ err: error, origin }, 'uncaught exception'));
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection'));
  const server = await startTabulaServer(config, log);
  log.info({ url: server.url, store: config.databaseUrl ? 'postgres' : `leveldb in ${config.dataDir}`, env: config.env }, 'listening');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
