import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { addressKey, clientAddress } from './client-address';
import { RateLimiter } from './rate-limit';

describe('rate limiter', () => {
  it('allows the burst, then one request per 1 / perSecond seconds, and says how long to wait', () => {
    let now = 0;
    const limiter = new RateLimiter({ perSecond: 2, burst: 3, maxClients: 10, now: () => now });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([null, null, null]);
    expect(limiter.take('a')).toBe(1);
    expect(limiter.take('b')).toBeNull();
    now += 500;
    expect(limiter.take('a')).toBeNull();
    expect(limiter.take('a')).toBe(1);
  });

  it('keeps at most maxClients addresses, forgetting idle ones and then the least recently seen', () => {
    let now = 0;
    const limiter = new RateLimiter({ perSecond: 1, burst: 2, maxClients: 3, now: () => now });
    for (const client of ['a', 'b', 'c']) limiter.take(client);
    limiter.take('a');
    limiter.take('d');
    expect(limiter.size).toBe(3);
    // 'b' was the least recently seen: forgotten, so it starts with a full bucket again.
    expect([limiter.take('b'), limiter.take('b')]).toEqual([null, null]);
    // 'a' was kept: its bucket is still spent.
    expect(limiter.take('a')).toBe(1);
    now += 10_000;
    limiter.take('e');
    // Everyone else had been idle long enough for a full bucket: all forgotten.
    expect(limiter.size).toBe(1);
  });
});

describe('client address', () => {
  const request = (remoteAddress: string, forwardedFor?: string) =>
    ({ socket: { remoteAddress }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

  it('is the peer without TRUST_PROXY, whatever X-Forwarded-For says', () => {
    expect(clientAddress(request('::ffff:10.0.0.1', '1.2.3.4'), 0)).toBe('10.0.0.1');
  });

  it('is the entry TRUST_PROXY places from the right behind proxies', () => {
    expect(clientAddress(request('10.0.0.1', 'spoofed, 1.2.3.4'), 1)).toBe('1.2.3.4');
    expect(clientAddress(request('10.0.0.1', 'spoofed, 1.2.3.4, 10.0.0.9'), 2)).toBe('1.2.3.4');
    expect(clientAddress(request('10.0.0.1', '1.2.3.4'), 3)).toBe('1.2.3.4');
    expect(clientAddress(request('10.0.0.1'), 1)).toBe('10.0.0.1');
  });

  it('counts IPv6 per /64', () => {
    expect(addressKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1')).toBe('fe80:0:0:0::/64');
    expect(addressKey('127.0.0.1')).toBe('127.0.0.1');
  });
});
