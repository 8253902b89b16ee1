/**
 * The messages a board page shows the person: who joined or left, what an import, an upload, a
 * paste or a restore did, and what went wrong. One store for all of them, read by one component
 * (components/board/Notices.tsx); each kind says how long its notices stay and how they are
 * announced. Framework-free, so that the editor, the session and the file actions all post here.
 */
import type { Message } from '../i18n';

export type NoticeKind = 'presence' | 'info' | 'progress' | 'error';

export interface Notice {
  id: number;
  kind: NoticeKind;
  /** Put in words by the page, in the reader's language (lib/i18n). */
  text: Message;
}

export interface NoticeKindInfo {
  /** How long a notice stays on screen; null: until its owner dismisses it (work under way). */
  lifetimeMs: number | null;
  /** Errors interrupt a screen reader (role "alert"); the rest are read when it is idle. */
  urgent: boolean;
  /** Whether the person can close it (a brief presence notice closes itself, out of the way). */
  dismissible: boolean;
}

export const NOTICE_KINDS: Readonly<Record<NoticeKind, NoticeKindInfo>> = {
  /** Someone joined or left: brief, and never in the way of the board. */
  presence: { lifetimeMs: 4_000, urgent: false, dismissible: false },
  /** What an action did. */
  info: { lifetimeMs: 6_000, urgent: false, dismissible: true },
  /** Work under way ("Uploading…"): its owner dismisses it when the work is done. */
  progress: { lifetimeMs: null, urgent: false, dismissible: true },
  /** What went wrong: longer, so that there is time to read it. */
  error: { lifetimeMs: 15_000, urgent: true, dismissible: true },
};

/** At most this many notices at once; the oldest go first. */
export const MAX_NOTICES = 5;

export class NoticeStore {
  private list: readonly Notice[] = [];
  private nextId = 1;
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  private readonly listeners = new Set<() => void>();

  /** Shows a notice; returns its id, to dismiss it early (an upload that finished). */
  push(kind: NoticeKind, text: Message): number {
    const id = this.nextId++;
    const kept = [...this.list, { id, kind, text }];
    for (const dropped of kept.splice(0, Math.max(0, kept.length - MAX_NOTICES))) this.clearTimer(dropped.id);
    this.list = kept;
    const lifetime = NOTICE_KINDS[kind].lifetimeMs;
    if (lifetime !== null) this.timers.set(id, setTimeout(() => this.dismiss(id), lifetime));
    this.emit();
    return id;
  }

  /** Changes a notice's text in place (progress that moves on); a dismissed notice stays gone. */
  update(id: number, text: Message): void {
    if (!this.list.some((notice) => notice.id === id)) return;
    this.list = this.list.map((notice) => (notice.id === id ? { ...notice, text } : notice));
    this.emit();
  }

  dismiss(id: number): void {
    this.clearTimer(id);
    const kept = this.list.filter((notice) => notice.id !== id);
    if (kept.length === this.list.length) return;
    this.list = kept;
    this.emit();
  }

  /** The notices on screen, oldest first; the same array until they change (for React). */
  getNotices = (): readonly Notice[] => this.list;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.listeners.clear();
  }

  private clearTimer(id: number): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
