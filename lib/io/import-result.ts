/** What an import brought in and what it left out, and how to tell the user. */
import { MAX_IMPORT_SHAPES } from '../board/tabula-json';

/** At most this many shapes or elements in one imported file. */
export const MAX_IMPORT_ITEMS = MAX_IMPORT_SHAPES;

/** Skipped elements by reason: an element type without a Tabula counterpart, or "unreadable". */
export type SkipCounts = Record<string, number>;

export function skippedTotal(skipped: SkipCounts): number {
  return Object.values(skipped).reduce((sum, n) => sum + n, 0);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "Imported 5 shapes. Skipped 3 elements that Tabula cannot show: 2 image, 1 frame." */
export function describeImport(imported: number, skipped: SkipCounts): string {
  const total = skippedTotal(skipped);
  const head = imported === 0 ? 'Nothing to import: the file has no shapes Tabula can show.' : `Imported ${plural(imported, 'shape')}.`;
  if (total === 0) return head;
  const parts = Object.entries(skipped)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([reason, n]) => `${n} ${reason}`);
  return `${head} Skipped ${plural(total, 'element')} with no counterpart in Tabula (${parts.join(', ')}).`;
}
