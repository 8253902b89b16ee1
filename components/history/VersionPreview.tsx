import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import type { Shape } from '../../lib/board/schema';
import { EXPORT_BACKGROUND, fitPlan, paintShapes } from '../../lib/io/export';
import { imageCache } from '../../lib/render/image-cache';
import type { VersionContent } from '../../lib/history/versions-api';
import { PRIMARY_BUTTON, SECONDARY_BUTTON } from '../ui/styles';
import { shapeCount, versionLabel } from './version-label';
import { words } from '../../lib/i18n';
import { useI18n } from '../i18n/I18nProvider';

const MAX_WIDTH = 880;
const MAX_HEIGHT = 560;

/** The shapes painted read-only by the board's renderer, fitted into the box; repainted as images load. */
function PreviewCanvas({ shapes, label }: { shapes: readonly Shape[]; label: string }) {
  const { t } = useI18n();
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const paint = () => {
      const plan = fitPlan(shapes, Math.min(MAX_WIDTH, window.innerWidth - 64) * dpr, Math.min(MAX_HEIGHT, window.innerHeight - 200) * dpr);
      canvas.width = plan.width;
      canvas.height = plan.height;
      canvas.style.width = `${plan.width / dpr}px`;
      canvas.style.height = `${plan.height / dpr}px`;
      paintShapes(ctx, shapes, plan, EXPORT_BACKGROUND);
    };
    paint();
    return imageCache.onChange(paint);
  }, [shapes]);
  return <canvas ref={ref} data-testid="version-preview" role="img" aria-label={t('history.previewImage', { label, shapes: shapeCount(shapes.length) })} className="rounded border border-neutral-200 dark:border-neutral-700" />;
}

interface Props {
  version: VersionContent;
  busy: boolean;
  /** Absent where the page may not restore (lib/access). */
  onRestore?: () => void;
  onClose: () => void;
}

/** A modal view of one saved version, with the way to restore it. */
export function VersionPreview({ version, busy, onRestore, onClose }: Props) {
  const { t, locale } = useI18n();
  const closeRef = useRef<HTMLButtonElement>(null);
  const label = words(locale, versionLabel(version));

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      onClose();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      previous?.focus();
    };
  }, [onClose]);

  // In a portal: the panel that opens it is its own stacking context, which would trap the modal.
  return createPortal(
    <div className="fixed inset-0 z-40 grid place-items-center bg-black/30 p-4" onPointerDown={(event) => event.target === event.currentTarget && onClose()}>
      <div role="dialog" aria-modal="true" aria-labelledby="version-preview-title" className="flex max-h-full flex-col gap-3 rounded-xl bg-white dark:bg-neutral-900 p-4 shadow-xl">
        <div className="flex items-baseline justify-between gap-6">
          <h2 id="version-preview-title" className="text-base font-semibold text-neutral-900 dark:text-neutral-100">
            {t('history.previewTitle', { label })}
          </h2>
          <span className="text-sm text-neutral-600 dark:text-neutral-400">{version.createdAt.toLocaleString(locale)}</span>
        </div>
        <div className="grid min-h-24 min-w-64 place-items-center overflow-auto">
          {version.shapes.length === 0 ? <p className="text-sm text-neutral-600 dark:text-neutral-400">{t('history.emptyVersion')}</p> : <PreviewCanvas shapes={version.shapes} label={label} />}
        </div>
        <div className="flex justify-end gap-2">
          <button ref={closeRef} type="button" className={SECONDARY_BUTTON} onClick={onClose}>
            {t('common.close')}
          </button>
          {onRestore && (
            <button type="button" className={PRIMARY_BUTTON} disabled={busy} onClick={onRestore}>
              {t('history.restoreThis')}
            </button>
          )}
        </div>
      </div>
    </div>,
    document.body,
  );
}
