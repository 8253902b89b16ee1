import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_NOTICES, NOTICE_KINDS, NoticeStore } from './notice-store';

/** A notice's message; the store keeps it as it is, so any key serves. */
const text = (key: string) => ({ key });

describe('NoticeStore', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps each notice for the lifetime of its kind', () => {
    const store = new NoticeStore();
    store.push('presence', text('Ada joined'));
    store.push('info', text('Imported 3 shapes.'));
    store.push('error', text('The upload failed.'));
    const texts = () => store.getNotices().map((notice) => notice.text.key);
    vi.advanceTimersByTime(NOTICE_KINDS.presence.lifetimeMs! - 1);
    expect(texts()).toEqual(['Ada joined', 'Imported 3 shapes.', 'The upload failed.']);
    vi.advanceTimersByTime(1);
    expect(texts()).toEqual(['Imported 3 shapes.', 'The upload failed.']);
    vi.advanceTimersByTime(NOTICE_KINDS.info.lifetimeMs! - NOTICE_KINDS.presence.lifetimeMs!);
    expect(texts()).toEqual(['The upload failed.']);
    vi.advanceTimersByTime(NOTICE_KINDS.error.lifetimeMs! - NOTICE_KINDS.info.lifetimeMs!);
    expect(texts()).toEqual([]);
  });

  it('keeps work under way until it is dismissed, and tells listeners of every change', () => {
    const store = new NoticeStore();
    const changes = vi.fn();
    store.subscribe(changes);
    const uploading = store.push('progress', text('Uploading…'));
    vi.advanceTimersByTime(60 * 60 * 1000);
    expect(store.getNotices()).toEqual([{ id: uploading, kind: 'progress', text: { key: 'Uploading…' } }]);
    store.dismiss(uploading);
    expect(store.getNotices()).toEqual([]);
    expect(changes).toHaveBeenCalledTimes(2);
    store.dismiss(uploading);
    expect(changes).toHaveBeenCalledTimes(2);
  });

  it('shows at most a few at once, dropping the oldest', () => {
    const store = new NoticeStore();
    for (let i = 0; i <= MAX_NOTICES; i++) store.push('info', text(`n${i}`));
    expect(store.getNotices().map((notice) => notice.text.key)).toEqual(Array.from({ length: MAX_NOTICES }, (_, i) => `n${i + 1}`));
    store.destroy();
  });
});
