/**
 * "Ada joined" / "Ada left": short notices when people come and go, computed from two successive
 * rosters. A person is their user id when they publish one (so that two tabs of one person, or a
 * reload, do not announce a departure while they are still there), else their client id.
 */
import { type Message, msg } from '../i18n';
import type { Peer } from './peers';

const personKey = (peer: Peer) => (peer.userId ? `u:${peer.userId}` : `c:${peer.clientId}`);

/** Names of the people who arrived and who left between two rosters (oneself excluded). */
export function rosterChanges(before: readonly Peer[], after: readonly Peer[]): { joined: string[]; left: string[] } {
  const others = (peers: readonly Peer[]) => {
    const byKey = new Map<string, Peer>();
    for (const peer of peers) if (!peer.isSelf) byKey.set(personKey(peer), peer);
    return byKey;
  };
  const was = others(before);
  const is = others(after);
  const joined = [...is].filter(([key]) => !was.has(key)).map(([, peer]) => peer.name);
  const left = [...was].filter(([key]) => !is.has(key)).map(([, peer]) => peer.name);
  return { joined, left };
}

/** The notices from a roster change, several arrivals or departures folded into one line. */
export function noticeTexts({ joined, left }: { joined: string[]; left: string[] }): Message[] {
  const line = (names: string[], arrived: boolean): Message[] => {
    const [first, second] = names;
    if (first === undefined) return [];
    if (second === undefined) return [msg(arrived ? 'notices.joined' : 'notices.left', { name: first })];
    if (names.length === 2) return [msg(arrived ? 'notices.twoJoined' : 'notices.twoLeft', { first, second })];
    return [msg(arrived ? 'notices.manyJoined' : 'notices.manyLeft', { name: first, count: names.length - 1 })];
  };
  return [...line(joined, true), ...line(left, false)];
}
