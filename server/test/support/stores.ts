/**
 * The stores an integration suite runs against: LevelDB always, Postgres when DATABASE_URL is set
 * (CI sets it, and `.ci/run` fails if Postgres does not answer, so CI never skips it). A suite
 * wraps its tests in `for (const store of testStores('suite name')) describe(..., () => ...)` and
 * starts its servers with `store.env`.
 */
export interface TestStore {
  name: 'LevelDB' | 'Postgres';
  /** Environment for the server under test (empty for LevelDB in a temporary DATA_DIR). */
  env: Record<string, string>;
}

const warned = new Set<string>();

export function testStores(suite: string): TestStore[] {
  const stores: TestStore[] = [{ name: 'LevelDB', env: {} }];
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) stores.push({ name: 'Postgres', env: { DATABASE_URL: databaseUrl } });
  else if (!warned.has(suite)) {
    warned.add(suite);
    console.warn(`${suite}: DATABASE_URL is not set, so this suite does NOT run on Postgres in this run`);
  }
  return stores;
}
