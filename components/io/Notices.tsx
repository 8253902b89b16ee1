import { useCallback, useEffect, useRef, useState } from 'react';

export type NoticeKind = 'info' | 'error';

export interface Notice {
  id: number;
  kind: NoticeKind;
  text: string;
}

/** Shows a message; returns its id, to dismiss it early (an "Uploading…" once the upload is done). */
export type Notify = (kind: NoticeKind, text: string) => number;

/** How long a message stays: errors longer, so that there is time to read them. */
const LIFETIME_MS: Record<NoticeKind, number> = { info: 6_000, error: 15_000 };
const MAX_NOTICES = 4;

/** Messages about imports, exports, uploads and history, each dismissed after a while. */
export type Dismiss = (id: number) => void;

export function useNotices(): { notices: readonly Notice[]; notify: Notify; dismiss: Dismiss } {
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, number>());

  const dismiss = useCallback((id: number) => {
    window.clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setNotices((list) => list.filter((notice) => notice.id !== id));
  }, []);

  const notify = useCallback<Notify>(
    (kind, text) => {
      const id = nextId.current++;
      setNotices((list) => [...list, { id, kind, text }].slice(-MAX_NOTICES));
      timers.current.set(id, window.setTimeout(() => dismiss(id), LIFETIME_MS[kind]));
      return id;
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => window.clearTimeout(timer));
  }, []);

  return { notices, notify, dismiss };
}

/**
 * Below the toolbar, where no other panel sits. Errors are announced at once (`role="alert"`),
 * other messages politely (`role="status"`).
 */
export function NoticeList({ notices, onDismiss }: { notices: readonly Notice[]; onDismiss: (id: number) => void }) {
  const item = (notice: Notice) => (
    <div
      key={notice.id}
      className={`pointer-events-auto flex max-w-md items-start gap-3 rounded-lg border px-3 py-2 text-sm shadow-md ${
        notice.kind === 'error' ? 'border-red-300 dark:border-red-800 bg-red-50 dark:bg-red-950 text-red-900 dark:text-red-100' : 'border-neutral-200 dark:border-neutral-700 bg-white dark:bg-neutral-900 text-neutral-800 dark:text-neutral-200'
      }`}
    >
      <p className="flex-1">{notice.text}</p>
      <button type="button" className="text-neutral-500 dark:text-neutral-400 hover:text-neutral-900 dark:hover:text-neutral-100" aria-label="Dismiss message" onClick={() => onDismiss(notice.id)}>
        ×
      </button>
    </div>
  );
  return (
    <div className="pointer-events-none fixed left-1/2 top-16 z-30 flex -translate-x-1/2 flex-col items-center gap-2">
      <div role="alert" aria-label="Errors" className="flex flex-col items-center gap-2">
        {notices.filter((notice) => notice.kind === 'error').map(item)}
      </div>
      <div role="status" aria-label="Messages" className="flex flex-col items-center gap-2">
        {notices.filter((notice) => notice.kind === 'info').map(item)}
      </div>
    </div>
  );
}
