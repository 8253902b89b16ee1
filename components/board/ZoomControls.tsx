import { useSyncExternalStore } from 'react';
import type { Editor } from '../../lib/editor/editor';
import { BUTTON } from './Toolbar';
import { FIT_ICON, GRID_ICON, MINUS_ICON, PLUS_ICON } from './icons';
import { useI18n } from '../i18n/I18nProvider';

/** Zoom out, the zoom level (a click resets it to 100%), zoom in, fit, and the grid toggle. */
export function ZoomControls({ editor }: { editor: Editor }) {
  const { t } = useI18n();
  const viewport = useSyncExternalStore(editor.subscribeViewport, editor.camera.getViewport);
  const { grid } = useSyncExternalStore(editor.subscribe, editor.getState);
  const percent = Math.round(viewport.zoom * 100);
  return (
    <div
      role="toolbar"
      aria-label={t('zoom.label')}
      className="pointer-events-auto flex items-center gap-0.5 rounded-xl border border-neutral-200 bg-white p-1 shadow-md dark:border-neutral-700 dark:bg-neutral-900"
    >
      <button type="button" className={BUTTON} title={t('common.withShortcut', { label: t('zoom.out'), shortcut: 'Ctrl+-' })} aria-keyshortcuts="Control+-" onClick={() => editor.camera.zoomStep(-1)}>
        {MINUS_ICON}
        <span className="sr-only">{t('zoom.out')}</span>
      </button>
      <button
        type="button"
        className={`${BUTTON} w-12 text-xs tabular-nums`}
        title={t('common.withShortcut', { label: t('zoom.reset'), shortcut: 'Shift+0' })}
        aria-keyshortcuts="Shift+0"
        aria-label={t('zoom.level', { percent })}
        onClick={() => editor.camera.zoomTo(1)}
      >
        <span data-testid="zoom-level">{percent}%</span>
      </button>
      <button type="button" className={BUTTON} title={t('common.withShortcut', { label: t('zoom.in'), shortcut: 'Ctrl+=' })} aria-keyshortcuts="Control+=" onClick={() => editor.camera.zoomStep(1)}>
        {PLUS_ICON}
        <span className="sr-only">{t('zoom.in')}</span>
      </button>
      <button type="button" className={BUTTON} title={t('common.withShortcut', { label: t('zoom.fit'), shortcut: 'Shift+1' })} aria-keyshortcuts="Shift+1" onClick={() => editor.zoomToFit()}>
        {FIT_ICON}
        <span className="sr-only">{t('zoom.fit')}</span>
      </button>
      <button type="button" className={BUTTON} title={t('common.withShortcut', { label: t('zoom.grid'), shortcut: "Ctrl+'" })} aria-pressed={grid} onClick={() => editor.toggleGrid()}>
        {GRID_ICON}
        <span className="sr-only">{t('zoom.grid')}</span>
      </button>
    </div>
  );
}
