import { type KeyboardEvent, useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { readTitle } from '../../lib/board/doc';
import type { Editor } from '../../lib/editor/editor';
import type { ExportFormat } from '../../lib/io/export';
import { PANEL_BUTTON } from '../ui/styles';
import { type MessageKey, msg } from '../../lib/i18n';
import { useI18n } from '../i18n/I18nProvider';

const ITEMS = [
  { label: 'export.png', format: 'png', scale: 1 },
  { label: 'export.png2x', format: 'png', scale: 2 },
  { label: 'export.svg', format: 'svg' },
  { label: 'export.tabula', format: 'tabula' },
] as const satisfies ReadonlyArray<{ label: MessageKey; format: ExportFormat; scale?: number }>;

const ITEM =
  'flex w-full items-center gap-2 rounded-md px-3 py-1.5 text-left text-sm text-neutral-800 dark:text-neutral-200 hover:bg-neutral-100 dark:hover:bg-neutral-800 focus-visible:bg-neutral-100 dark:focus-visible:bg-neutral-800 focus-visible:outline-none disabled:opacity-40';

/** Arrow keys move between the menu's items; Escape closes it. */
function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>, close: () => void): void {
  if (event.key === 'Escape') {
    event.preventDefault();
    close();
    return;
  }
  const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
  if (step === 0) return;
  event.preventDefault();
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>('[role^="menuitem"]:not(:disabled)')];
  const index = items.indexOf(document.activeElement as HTMLElement);
  items[(index + step + items.length) % items.length]?.focus();
}

/** The "Export" button and its menu: the board or the selection as PNG (1x, 2x), SVG or Tabula JSON. */
export function ExportMenu({ editor }: { editor: Editor }) {
  const { t } = useI18n();
  const { selection } = useSyncExternalStore(editor.subscribe, editor.getState);
  const [open, setOpen] = useState(false);
  const [onlySelection, setOnlySelection] = useState(false);
  const [background, setBackground] = useState(true);
  const [busy, setBusy] = useState(false);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  const close = (focusButton = true) => {
    setOpen(false);
    if (focusButton) buttonRef.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', onPointerDown);
    return () => window.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const toggle = () => {
    // Opening with shapes selected offers the selection first, as most exports of a part start there.
    if (!open) setOnlySelection(selection.length > 0);
    setOpen(!open);
  };

  const exportAs = async (format: ExportFormat, scale?: number) => {
    close();
    const useSelection = onlySelection && selection.length > 0;
    const board = [...editor.shapes];
    setBusy(true);
    try {
      // The exporters (and the SVG writer) load on the first export, outside the board's first load.
      const [{ runExport }, { pickShapes }] = await Promise.all([import('./export-actions'), import('../../lib/io/export')]);
      const shapes = useSelection ? pickShapes(board, selection) : board;
      const note = await runExport({ doc: editor.doc, title: readTitle(editor.doc), shapes, selection: useSelection, background }, format, scale);
      if (note) editor.notices.push('info', note);
    } catch (error) {
      editor.notices.push('error', msg('export.failed', { reason: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        className={PANEL_BUTTON}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={busy}
        onClick={toggle}
      >
        {t('export.button')}
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={t('export.button')}
          onKeyDown={(event) => onMenuKeyDown(event, () => close())}
          className="absolute left-0 top-full z-20 mt-2 w-56 rounded-lg border border-neutral-200 dark:border-neutral-700 bg-white dark:bg-neutral-900 p-1 shadow-lg"
        >
          {ITEMS.map((item) => (
            <button key={item.label} type="button" role="menuitem" className={ITEM} onClick={() => void exportAs(item.format, 'scale' in item ? item.scale : undefined)}>
              {t(item.label)}
            </button>
          ))}
          <div role="separator" className="my-1 h-px bg-neutral-200 dark:bg-neutral-700" />
          <button
            type="button"
            role="menuitemcheckbox"
            aria-checked={onlySelection && selection.length > 0}
            disabled={selection.length === 0}
            className={ITEM}
            onClick={() => setOnlySelection(!onlySelection)}
          >
            <span aria-hidden="true" className="w-4">{onlySelection && selection.length > 0 ? '✓' : ''}</span>
            {t('export.onlySelection')}
          </button>
          <button type="button" role="menuitemcheckbox" aria-checked={background} className={ITEM} onClick={() => setBackground(!background)}>
            <span aria-hidden="true" className="w-4">{background ? '✓' : ''}</span>
            {t('export.background')}
          </button>
        </div>
      )}
    </div>
  );
}
