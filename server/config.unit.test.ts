import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '0.0.0.0', allowedOrigins: null, serveUi: true, env: 'production' });
    expect(config.dataDir).toBe(path.resolve('./data'));
  });

  it('parses values', () => {
    const config = loadConfig({ PORT: '8080', ALLOWED_ORIGINS: 'https://a.example, http://b.example:81', SERVE_UI: 'false' });
    expect(config.port).toBe(8080);
    expect(config.allowedOrigins).toEqual(['https://a.example', 'http://b.example:81']);
    expect(config.serveUi).toBe(false);
  });

  it('names every bad variable and says what it should be', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', ALLOWED_ORIGINS: 'https://a.example/path', SERVE_UI: 'maybe' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT');
    expect(message).toContain('ALLOWED_ORIGINS');
    expect(message).toContain('is not an origin');
    expect(message).toContain('SERVE_UI: must be true or false');
  });

  it('reads the public origin, the proxies to trust, the HTTP rate and the Postgres timeouts', () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://board.example.com/',
      TRUST_PROXY: '1',
      HTTP_RATE_PER_SECOND: '0.5',
      HTTP_RATE_BURST: '10',
      HTTP_RATE_BYTES_PER_SECOND: '1048576',
      PG_STATEMENT_TIMEOUT_MS: '5000',
    });
    expect(config.publicOrigin).toBe('https://board.example.com');
    expect(config.trustProxy).toBe(1);
    expect(config.httpRate).toEqual({ perSecond: 0.5, burst: 10, bytesPerSecond: 1048576, byteBurst: 64 * 1024 * 1024 });
    expect(config.postgresTimeouts.statementMs).toBe(5000);
    expect(loadConfig({})).toMatchObject({ publicOrigin: null, trustProxy: 0, openCompaction: { afterUpdates: 2000, afterBytes: 8 * 1024 * 1024 } });
    expect(loadConfig({ COMPACT_OPEN_AFTER_UPDATES: '50', COMPACT_OPEN_AFTER_BYTES: '65536' }).openCompaction).toEqual({ afterUpdates: 50, afterBytes: 65536 });
  });

  it('refuses a public URL with a path or another scheme, and a bad proxy count', () => {
    for (const [name, value, message] of [
      ['PUBLIC_URL', 'https://board.example.com/app', 'PUBLIC_URL: "https://board.example.com/app" is not a public origin'],
      ['PUBLIC_URL', 'ftp://board.example.com', 'PUBLIC_URL: "ftp://board.example.com" is not a public origin'],
      ['PUBLIC_URL', 'board.example.com', 'PUBLIC_URL: "board.example.com" is not a public origin'],
      ['TRUST_PROXY', 'yes', 'TRUST_PROXY: must be the number of proxies'],
      ['HTTP_RATE_BURST', '0', 'HTTP_RATE_BURST'],
      ['COMPACT_OPEN_AFTER_UPDATES', '0', 'COMPACT_OPEN_AFTER_UPDATES'],
      ['COMPACT_OPEN_AFTER_UPDATES', 'often', 'COMPACT_OPEN_AFTER_UPDATES: must be a number of updates'],
      ['COMPACT_OPEN_AFTER_BYTES', '100', 'COMPACT_OPEN_AFTER_BYTES'],
    ]) {
      expect(() => loadConfig({ [name!]: value }), `${name}=${value}`).toThrow(message);
    }
  });

  it('reads access: the signing secret, the admin token and the recheck interval, refusing short secrets', () => {
    expect(loadConfig({}).access).toEqual({ secret: null, adminToken: null, recheckMs: 2000 });
    const secret = 's'.repeat(40);
    const adminToken = 'a'.repeat(30);
    expect(loadConfig({ AUTH_SECRET: secret, ADMIN_TOKEN: adminToken, ACCESS_RECHECK_MS: '500' }).access).toEqual({ secret, adminToken, recheckMs: 500 });
    for (const [name, value, message] of [
      ['AUTH_SECRET', 'short', 'AUTH_SECRET: must be at least 32 characters'],
      ['ADMIN_TOKEN', 'admin', 'ADMIN_TOKEN: must be at least 24 characters'],
      ['ACCESS_RECHECK_MS', '60000', 'ACCESS_RECHECK_MS'],
    ]) {
      expect(() => loadConfig({ [name!]: value }), `${name}=${value}`).toThrow(message);
    }
  });

  it('reads the metrics token, refusing a short one', () => {
    expect(loadConfig({}).metricsToken).toBeNull();
    const token = 'm'.repeat(24);
    expect(loadConfig({ METRICS_TOKEN: token }).metricsToken).toBe(token);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow('METRICS_TOKEN: must be at least 24 characters');
  });

  it('reads the Redis relay: off without REDIS_URL, refused without a shared Postgres store, checked timings', () => {
    expect(loadConfig({}).relay).toBeNull();
    const config = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'postgres://db/tabula', INSTANCE_ID: 'one', REDIS_PREFIX: 'staging:' });
    expect(config.relay).toEqual({ redisUrl: 'redis://127.0.0.1:6379', prefix: 'staging:', instanceId: 'one', heartbeatMs: 1000, instanceTimeoutMs: 5000 });
    expect(loadConfig({ REDIS_URL: 'redis://r', DATABASE_URL: 'postgres://db/t' }).relay?.instanceId).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/REDIS_URL: needs DATABASE_URL/);
    expect(() => loadConfig({ REDIS_URL: 'http://x', DATABASE_URL: 'postgres://db/t' })).toThrow(/REDIS_URL: must be a redis:\/\//);
    expect(() => loadConfig({ REDIS_URL: 'redis://r', DATABASE_URL: 'postgres://db/t', RELAY_HEARTBEAT_MS: '1000', RELAY_INSTANCE_TIMEOUT_MS: '2000' })).toThrow(
      /RELAY_INSTANCE_TIMEOUT_MS: must be at least three RELAY_HEARTBEAT_MS/,
    );
    expect(() => loadConfig({ INSTANCE_ID: 'has space' })).toThrow(/INSTANCE_ID/);
  });
});
