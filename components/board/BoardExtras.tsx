import { type ReactNode, useId, useSyncExternalStore } from 'react';
import type { ConnectionLabel } from '../../lib/collab/connection';
import type { Editor } from '../../lib/editor/editor';
import { GRID_SIZE } from '../../lib/editor/editor';
import { ConnectionStatus } from './ConnectionStatus';
import { BUTTON } from './Toolbar';
import { HELP_ICON, MOON_ICON, SUN_ICON } from './icons';
import { useI18n } from '../i18n/I18nProvider';

/** The grid as a CSS background under the canvas: it costs the renderer nothing. */
export function GridBackground({ editor, dark }: { editor: Editor; dark: boolean }) {
  const { grid } = useSyncExternalStore(editor.subscribe, editor.getState);
  const viewport = useSyncExternalStore(editor.subscribeViewport, editor.camera.getViewport);
  if (!grid) return null;
  // Dots closer than 10 px blur into a tint: show every fifth line instead.
  let step = GRID_SIZE * viewport.zoom;
  while (step < 10) step *= 5;
  const offsetX = -viewport.x * viewport.zoom;
  const offsetY = -viewport.y * viewport.zoom;
  const dot = dark ? 'rgba(255,255,255,0.18)' : 'rgba(0,0,0,0.18)';
  return (
    <div
      aria-hidden="true"
      data-testid="grid"
      className="pointer-events-none absolute inset-0"
      style={{
        backgroundImage: `radial-gradient(circle, ${dot} 1px, transparent 1.2px)`,
        backgroundSize: `${step}px ${step}px`,
        backgroundPosition: `${(offsetX % step) - step / 2}px ${(offsetY % step) - step / 2}px`,
      }}
    />
  );
}

/** Theme toggle and the shortcut list. */
export function BoardMenu({ dark, onToggleTheme, onHelp }: { dark: boolean; onToggleTheme: () => void; onHelp: () => void }) {
  const { t } = useI18n();
  return (
    <div className="flex items-center gap-0.5 rounded-xl border border-neutral-200 bg-white p-1 shadow-md dark:border-neutral-700 dark:bg-neutral-900">
      <button type="button" className={BUTTON} title={t('board.darkMode')} aria-pressed={dark} onClick={onToggleTheme}>
        {dark ? SUN_ICON : MOON_ICON}
        <span className="sr-only">{t('board.darkMode')}</span>
      </button>
      <button type="button" className={BUTTON} title={t('common.withShortcut', { label: t('board.shortcuts'), shortcut: '?' })} aria-keyshortcuts="?" onClick={onHelp}>
        {HELP_ICON}
        <span className="sr-only">{t('board.shortcuts')}</span>
      </button>
    </div>
  );
}

interface BoardInfoProps {
  connection: ConnectionLabel;
  /** On narrow screens the panel's body is collapsed behind the "People" button until opened. */
  peopleOpen: boolean;
  onTogglePeople: () => void;
  children: ReactNode;
}

/**
 * The connection status (always visible) and the board's people, name and sharing. Below the `md`
 * breakpoint only the status and a "People" button show until the button opens the rest.
 */
export function BoardInfo({ connection, peopleOpen, onTogglePeople, children }: BoardInfoProps) {
  const { t } = useI18n();
  const bodyId = useId();
  return (
    <aside
      aria-label={t('board.info')}
      className="pointer-events-auto flex shrink-0 flex-col gap-3 rounded-xl border border-neutral-200 bg-white/95 p-3 shadow-md max-md:gap-2 max-md:p-1.5 md:w-64 dark:border-neutral-700 dark:bg-neutral-900/95 dark:text-neutral-100"
    >
      <div className="flex items-center justify-between gap-2">
        <ConnectionStatus label={connection} />
        <button
          type="button"
          className={`${PILL} md:hidden`}
          aria-expanded={peopleOpen}
          aria-controls={bodyId}
          onClick={onTogglePeople}
        >
          {t('board.people')}
        </button>
      </div>
      <div id={bodyId} className={`flex flex-col gap-3 ${peopleOpen ? 'max-md:w-64' : 'max-md:hidden'}`}>
        {children}
      </div>
    </aside>
  );
}

/** A small text button of the page's panels on narrow screens ("People", "Menu"). */
export const PILL =
  'rounded-lg px-2.5 py-1 text-sm font-medium text-neutral-700 hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 aria-expanded:bg-blue-100 aria-expanded:text-blue-800 dark:text-neutral-200 dark:hover:bg-neutral-800 dark:aria-expanded:bg-blue-900/50 dark:aria-expanded:text-blue-100';
