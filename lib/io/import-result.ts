/** What an import brought in and what it left out, and how to tell the user. */
import { MAX_IMPORT_SHAPES } from '../board/tabula-json';
import { type Message, msg } from '../i18n';

/** At most this many shapes or elements in one imported file. */
export const MAX_IMPORT_ITEMS = MAX_IMPORT_SHAPES;

/** Skipped elements by reason: an element type without a Tabula counterpart, or "unreadable". */
export type SkipCounts = Record<string, number>;

export function skippedTotal(skipped: SkipCounts): number {
  return Object.values(skipped).reduce((sum, n) => sum + n, 0);
}

/**
 * "Imported 5 shapes. Skipped 3 elements with no counterpart in Tabula (2 image, 1 frame)." The
 * skipped elements are named by their Excalidraw type, as the file has them.
 */
export function describeImport(imported: number, skipped: SkipCounts): Message {
  const total = skippedTotal(skipped);
  const head = imported === 0 ? msg('import.nothing') : msg('import.imported', { count: imported });
  if (total === 0) return head;
  const parts = Object.entries(skipped)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([reason, n]) => `${n} ${reason}`);
  return msg('import.skipped', { head, count: total, parts: parts.join(', ') });
}
