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
});
