/** Picks the store the configuration asks for: Postgres when DATABASE_URL is set, else LevelDB. */
import type { Config } from '../config';
import type { DocStore } from './doc-store';
import { LevelDocStore } from './level-store';
import { PostgresDocStore } from './postgres-store';

export function openStore(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<DocStore> {
  return config.databaseUrl ? PostgresDocStore.open(config.databaseUrl) : LevelDocStore.open(config.dataDir);
}
