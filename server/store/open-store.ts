/** Picks the store the configuration asks for: Postgres when DATABASE_URL is set, else LevelDB. */
import type { Config } from '../config';
import type { Logger } from '../log';
import type { DocStore } from './doc-store';
import { LevelDocStore } from './level-store';
import { PostgresDocStore } from './postgres-store';

export function openStore(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'postgresTimeouts'>, log: Logger): Promise<DocStore> {
  return config.databaseUrl
    ? PostgresDocStore.open(config.databaseUrl, { log, timeouts: config.postgresTimeouts })
    : LevelDocStore.open(config.dataDir, { log });
}
