import type { Point } from '../../lib/geometry/types';
import { msg } from '../../lib/i18n';
import type { FileTarget } from './board-files';

/**
 * `addFiles` (board-files.ts), loaded with the first file picked, dropped or pasted: the import
 * parsers (Tabula's streaming JSON reader, Excalidraw) stay out of the board's first load.
 */
export async function addFilesLater(target: FileTarget, files: readonly File[], center: Point): Promise<void> {
  const loaded = await import('./board-files').catch((error: unknown) => {
    target.editor.notices.push('error', msg('import.addFailed', { reason: error instanceof Error ? error.message : String(error) }));
    return null;
  });
  if (loaded) await loaded.addFiles(target, files, center);
}
