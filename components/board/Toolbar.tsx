import { type KeyboardEvent, type ReactNode, useSyncExternalStore } from 'react';
import type { Editor } from '../../lib/editor/editor';
import { TOOLS, toolWrites } from '../../lib/editor/tools';
import { REDO_ICON, TOOL_ICONS, UNDO_ICON } from './icons';
import { useI18n } from '../i18n/I18nProvider';

export const BUTTON =
  'grid size-9 shrink-0 place-items-center rounded-lg text-neutral-700 hover:bg-neutral-100 disabled:opacity-40 disabled:hover:bg-transparent focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 aria-pressed:bg-blue-100 aria-pressed:text-blue-800 dark:text-neutral-200 dark:hover:bg-neutral-800 dark:aria-pressed:bg-blue-900 dark:aria-pressed:text-blue-100';

interface ButtonProps {
  label: string;
  title: string;
  shortcut: string;
  icon: ReactNode;
  onClick: () => void;
  pressed?: boolean;
  disabled?: boolean;
}

function ToolbarButton({ label, title, shortcut, icon, onClick, pressed, disabled }: ButtonProps) {
  return (
    <button
      type="button"
      className={BUTTON}
      title={title}
      aria-keyshortcuts={shortcut}
      aria-pressed={pressed}
      disabled={disabled}
      onClick={onClick}
    >
      {icon}
      <span className="sr-only">{label}</span>
    </button>
  );
}

/** Arrow keys move between the toolbar's buttons, as in any toolbar; Tab still reaches each. */
function moveFocus(event: KeyboardEvent<HTMLDivElement>): void {
  const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
  if (step === 0) return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
  const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (index === -1) return;
  event.preventDefault();
  buttons[(index + step + buttons.length) % buttons.length]?.focus();
}

export function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useI18n();
  const { tool, canUndo, canRedo, readOnly } = useSyncExternalStore(editor.subscribe, editor.getState);
  // A read-only board offers only the tools that look (Select, Hand, Laser), and no undo.
  const tools = readOnly ? TOOLS.filter((info) => !toolWrites(info.id)) : TOOLS;
  return (
    <div
      role="toolbar"
      aria-label={t('tools.label')}
      onKeyDown={moveFocus}
      className="pointer-events-auto flex max-w-full flex-wrap items-center justify-center gap-0.5 rounded-xl max-lg:order-last lg:fixed lg:left-1/2 lg:top-3 lg:-translate-x-1/2 lg:flex-nowrap border border-neutral-200 bg-white p-1 shadow-md dark:border-neutral-700 dark:bg-neutral-900"
    >
      {tools.map((info) => (
        <ToolbarButton
          key={info.id}
          label={t(`tool.${info.id}`)}
          title={t('common.withShortcut', { label: t(`tool.${info.id}`), shortcut: info.key.toUpperCase() })}
          shortcut={info.key.toUpperCase()}
          icon={TOOL_ICONS[info.id]}
          pressed={tool === info.id}
          onClick={() => editor.setTool(info.id)}
        />
      ))}
      {!readOnly && (
        <>
          <span aria-hidden="true" className="mx-1 h-6 w-px shrink-0 bg-neutral-200 dark:bg-neutral-700" />
          <ToolbarButton
            label={t('tools.undo')}
            title={t('common.withShortcut', { label: t('tools.undo'), shortcut: 'Ctrl+Z' })}
            shortcut="Control+Z Meta+Z"
            icon={UNDO_ICON}
            disabled={!canUndo}
            onClick={() => editor.undo()}
          />
          <ToolbarButton
            label={t('tools.redo')}
            title={t('common.withShortcut', { label: t('tools.redo'), shortcut: 'Ctrl+Shift+Z' })}
            shortcut="Control+Shift+Z Meta+Shift+Z Control+Y"
            icon={REDO_ICON}
            disabled={!canRedo}
            onClick={() => editor.redo()}
          />
        </>
      )}
    </div>
  );
}
