/**
 * Several Tabula instances on one Postgres and one Redis, each a child process (so that one can be
 * killed with SIGKILL), with nginx in front (deploy/nginx.conf). The instances share the test's
 * own Redis key prefix, so that runs never see each other on a shared Redis.
 */
import { randomBytes } from 'node:crypto';
import { TestServer } from '../../../e2e/support/server';
import { NginxProxy } from './nginx';

export interface ClusterServices {
  databaseUrl: string;
  redisUrl: string;
}

const warned = new Set<string>();

/**
 * DATABASE_URL and REDIS_URL from the environment (CI sets both, and `.ci/run` fails when either
 * service does not answer), or null with a warning: the suite is then skipped, and says so.
 */
export function clusterServices(suite: string): ClusterServices | null {
  const { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl } = process.env;
  if (databaseUrl && redisUrl) return { databaseUrl, redisUrl };
  if (!warned.has(suite)) {
    warned.add(suite);
    console.warn(`${suite}: ${databaseUrl ? 'REDIS_URL is' : redisUrl ? 'DATABASE_URL is' : 'DATABASE_URL and REDIS_URL are'} not set, so this suite does NOT run`);
  }
  return null;
}

export interface ClusterOptions extends ClusterServices {
  instances: number;
  /** Serve the UI (the end-to-end tests); default: sync and API only. */
  ui?: boolean;
  env?: Record<string, string>;
}

/** Relay timings for tests: an instance that went silent counts as gone after 1.5 s. */
export const TEST_RELAY_ENV = { RELAY_HEARTBEAT_MS: '250', RELAY_INSTANCE_TIMEOUT_MS: '1500' };

export class Cluster {
  private constructor(
    readonly instances: TestServer[],
    readonly proxy: NginxProxy,
    readonly prefix: string,
  ) {}

  /** The proxy's address: where clients connect. */
  get url(): string {
    return this.proxy.url;
  }

  static async start(options: ClusterOptions): Promise<Cluster> {
    const prefix = `test-${randomBytes(6).toString('hex')}:`;
    const instances: TestServer[] = [];
    try {
      for (let i = 0; i < options.instances; i++) {
        instances.push(
          await TestServer.start({
            env: {
              SERVE_UI: options.ui ? 'true' : 'false',
              ROOM_IDLE_UNLOAD_MS: '0',
              LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
              DATABASE_URL: options.databaseUrl,
              REDIS_URL: options.redisUrl,
              REDIS_PREFIX: prefix,
              INSTANCE_ID: `instance-${i + 1}`,
              // Through the proxy, the client's address is the one nginx appends.
              TRUST_PROXY: '1',
              ...TEST_RELAY_ENV,
              ...options.env,
            },
          }),
        );
      }
      const proxy = await NginxProxy.start(instances.map((instance) => instance.port));
      return new Cluster(instances, proxy, prefix);
    } catch (error) {
      await Promise.all(instances.map((instance) => instance.dispose()));
      throw error;
    }
  }

  async stop(): Promise<void> {
    await this.proxy.stop();
    await Promise.all(this.instances.map((instance) => instance.dispose()));
  }

  /** Everything the instances printed, for a failure's report. */
  output(): string {
    return this.instances.map((instance, i) => `--- instance ${i + 1}\n${instance.output()}`).join('\n');
  }
}
