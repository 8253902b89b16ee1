import { describe, expect, it } from 'vitest';
import { connectionLabel } from './connection';

describe('connectionLabel', () => {
  it('names each provider state', () => {
    expect(connectionLabel('synced', true)).toBe('Connected');
    expect(connectionLabel('connected', true)).toBe('Connected');
    expect(connectionLabel('connecting', true)).toBe('Reconnecting…');
    expect(connectionLabel('offline', true)).toBe('Offline');
  });

  it('says Offline whenever the browser has no network', () => {
    expect(connectionLabel('connecting', false)).toBe('Offline');
  });
});
