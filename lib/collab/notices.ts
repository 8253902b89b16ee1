/**
 * "Ada joined" / "Ada left": short notices when people come and go, computed from two successive
 * rosters. A person is their user id when they publish one (so that two tabs of one person, or a
 * reload, do not announce a departure while they are still there), else their client id.
 */
import type { Peer } from './peers';

export interface Notice {
  id: number;
  text: string;
}

/** How long a notice stays on screen. */
export const NOTICE_MS = 4_000;
/** At most this many notices at once; older ones go first. */
export const MAX_NOTICES = 3;

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
export function noticeTexts({ joined, left }: { joined: string[]; left: string[] }): string[] {
  const line = (names: string[], verb: string) => {
    if (names.length === 0) return [];
    if (names.length === 1) return [`${names[0]} ${verb}`];
    if (names.length === 2) return [`${names[0]} and ${names[1]} ${verb}`];
    return [`${names[0]} and ${names.length - 1} others ${verb}`];
  };
  return [...line(joined, 'joined'), ...line(left, 'left')];
}

/** The notices on screen; each goes after NOTICE_MS. */
export class NoticeQueue {
  private list: readonly Notice[] = [];
  private nextId = 1;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly onChange: () => void) {}

  get notices(): readonly Notice[] {
    return this.list;
  }

  push(text: string): void {
    const notice = { id: this.nextId++, text };
    this.list = [...this.list, notice].slice(-MAX_NOTICES);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.dismiss(notice.id);
    }, NOTICE_MS);
    this.timers.add(timer);
    this.onChange();
  }

  dismiss(id: number): void {
    const kept = this.list.filter((notice) => notice.id !== id);
    if (kept.length === this.list.length) return;
    this.list = kept;
    this.onChange();
  }

  destroy(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
