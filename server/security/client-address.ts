/**
 * The address a request comes from, for per-client limits. Without a proxy it is the connection's
 * peer. Behind proxies that each append the address they saw to X-Forwarded-For, TRUST_PROXY
 * says how many there are: the entry that many places from the right is the one the outermost
 * trusted proxy saw. Entries further left are whatever the client wrote and are never trusted, so
 * a client cannot pick its own bucket by sending the header. IPv6 clients are counted per /64,
 * the block one subscriber usually holds.
 */
import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';

export function clientAddress(request: IncomingMessage, trustProxy: number): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (trustProxy === 0) return addressKey(peer);
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Fewer entries than proxies: the request skipped some of them, so the leftmost is the best
  // there is (what the first proxy it did pass saw).
  const seen = forwarded.length === 0 ? peer : (forwarded[Math.max(0, forwarded.length - trustProxy)] ?? peer);
  return addressKey(seen);
}

/** The key of an address: IPv4 as it is (also when IPv6-mapped), IPv6 by its /64 prefix. */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = '', tail] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
