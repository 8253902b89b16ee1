import { useSyncExternalStore } from 'react';
import type { Editor } from '../../lib/editor/editor';
import { GRID_SIZE } from '../../lib/editor/editor';
import { BUTTON } from './Toolbar';
import { HELP_ICON, MOON_ICON, SUN_ICON } from './icons';

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
  return (
    <div className="fixed bottom-3 right-3 flex items-center gap-0.5 rounded-xl border border-neutral-200 bg-white p-1 shadow-md dark:border-neutral-700 dark:bg-neutral-900">
      <button type="button" className={BUTTON} title="Dark mode" aria-pressed={dark} onClick={onToggleTheme}>
        {dark ? SUN_ICON : MOON_ICON}
        <span className="sr-only">Dark mode</span>
      </button>
      <button type="button" className={BUTTON} title="Keyboard shortcuts (?)" aria-keyshortcuts="?" onClick={onHelp}>
        {HELP_ICON}
        <span className="sr-only">Keyboard shortcuts</span>
      </button>
    </div>
  );
}
