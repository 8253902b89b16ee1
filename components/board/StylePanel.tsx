import { type ReactNode, useId, useState, useSyncExternalStore } from 'react';
import type { Editor } from '../../lib/editor/editor';
import {
  FONT_SIZES,
  hasFill,
  hasOutline,
  hasText,
  NOTE_COLORS,
  STROKE_COLORS,
  STROKE_WIDTHS,
  type ShapeStyle,
} from '../../lib/editor/style';
import { FONT_FAMILIES, FONT_STACKS, TEXT_ALIGNS, type TextAlign } from '../../lib/render/text-style';
import { type AlignOp, type DistributeAxis, MIN_ALIGN, MIN_DISTRIBUTE } from '../../lib/editor/align';
import { MIN_GROUP } from '../../lib/editor/groups';
import { drawsShapes, type ToolId } from '../../lib/editor/tools';
import { isLabelled, type ShapeType } from '../../lib/board/schema';
import { displayColor } from '../../lib/render/colors';
import { useI18n } from '../i18n/I18nProvider';

const CHOICE =
  'grid size-8 shrink-0 place-items-center rounded-md border border-transparent text-xs text-neutral-700 hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 aria-pressed:border-blue-500 aria-pressed:bg-blue-50 dark:text-neutral-200 dark:hover:bg-neutral-800 dark:aria-pressed:bg-blue-950 disabled:cursor-not-allowed disabled:opacity-40';

/** One group of choices; its name is for screen readers and tooltips, the bar stays compact. */
function Group({ label, children }: { label: string; children: ReactNode }) {
  return (
    <fieldset className="flex items-center gap-0.5 border-l border-neutral-200 pl-1.5 first:border-l-0 first:pl-0 dark:border-neutral-700" title={label}>
      <legend className="sr-only">{label}</legend>
      {children}
    </fieldset>
  );
}

interface ChoiceProps {
  label: string;
  pressed?: boolean;
  onClick: () => void;
  children: ReactNode;
  title?: string;
  disabled?: boolean;
}

function Choice({ label, pressed, onClick, children, title, disabled }: ChoiceProps) {
  return (
    <button type="button" className={CHOICE} aria-label={label} title={title ?? label} aria-pressed={pressed} onClick={onClick} disabled={disabled}>
      {children}
    </button>
  );
}

/** Opacity is stored when the slider is let go, so that one drag is one undo step. */
function OpacitySlider({ value, onCommit }: { value: number; onCommit: (value: number) => void }) {
  const { t } = useI18n();
  const [percent, setPercent] = useState(Math.round(value * 100));
  const commit = () => {
    if (percent !== Math.round(value * 100)) onCommit(percent / 100);
  };
  return (
    <label className="flex items-center gap-1 text-xs tabular-nums text-neutral-600 dark:text-neutral-400" title={t('style.opacity')}>
      <span className="sr-only">{t('style.opacity')}</span>
      <input
        type="range"
        min={10}
        max={100}
        step={10}
        value={percent}
        onChange={(event) => setPercent(Number(event.target.value))}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
        className="w-20 accent-blue-600"
      />
      <span aria-hidden="true" className="w-8">{percent}%</span>
    </label>
  );
}

const FILL_ICONS = {
  none: <rect x="5" y="5" width="14" height="14" rx="2" fill="none" />,
  semi: <rect x="5" y="5" width="14" height="14" rx="2" fill="currentColor" fillOpacity="0.3" />,
  solid: <rect x="5" y="5" width="14" height="14" rx="2" fill="currentColor" />,
};

function Glyph({ children }: { children: ReactNode }) {
  return (
    <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
      {children}
    </svg>
  );
}

const ARRANGE: { op: 'front' | 'forward' | 'backward' | 'back'; keys: string; glyph: ReactNode }[] = [
  { op: 'front', keys: 'Ctrl+Shift+]', glyph: <path d="M12 19V5M6 11l6-6 6 6M5 3h14" /> },
  { op: 'forward', keys: 'Ctrl+]', glyph: <path d="M12 19V6M6 12l6-6 6 6" /> },
  { op: 'backward', keys: 'Ctrl+[', glyph: <path d="M12 5v13M6 12l6 6 6-6" /> },
  { op: 'back', keys: 'Ctrl+Shift+[', glyph: <path d="M12 5v14M6 13l6 6 6-6M5 21h14" /> },
];

const ALIGN: { op: AlignOp; glyph: ReactNode }[] = [
  { op: 'left', glyph: <path d="M4 3v18M8 7h10M8 15h6" /> },
  { op: 'centre', glyph: <path d="M12 3v18M6 7h12M8 15h8" /> },
  { op: 'right', glyph: <path d="M20 3v18M6 7h10M10 15h6" /> },
  { op: 'top', glyph: <path d="M3 4h18M7 8v10M15 8v6" /> },
  { op: 'middle', glyph: <path d="M3 12h18M7 6v12M15 8v8" /> },
  { op: 'bottom', glyph: <path d="M3 20h18M7 6v10M15 10v6" /> },
];

const DISTRIBUTE: { axis: DistributeAxis; glyph: ReactNode }[] = [
  { axis: 'horizontal', glyph: <path d="M4 4v16M20 4v16M10 8v8h4V8z" /> },
  { axis: 'vertical', glyph: <path d="M4 4h16M4 20h16M8 10h8v4H8z" /> },
];

const TEXT_ALIGN_GLYPHS: Record<TextAlign, ReactNode> = {
  left: <path d="M4 6h16M4 10h10M4 14h16M4 18h10" />,
  center: <path d="M4 6h16M7 10h10M4 14h16M7 18h10" />,
  right: <path d="M4 6h16M10 10h10M4 14h16M10 18h10" />,
};

function Swatch({ color, dark }: { color: string; dark: boolean }) {
  return <span aria-hidden="true" className="block size-5 rounded-full border border-black/10" style={{ backgroundColor: displayColor(color, dark) }} />;
}

/** Which types the panel is about: the selected shapes', or the one the tool draws. */
function typesFor(tool: ToolId, selected: readonly ShapeType[]): ShapeType[] {
  if (selected.length > 0) return [...new Set(selected)];
  if (tool === 'sticky') return ['sticky'];
  if (tool === 'text') return ['text'];
  return drawsShapes(tool) ? [tool as ShapeType] : [];
}

/** Style of the selection, or of the next shape when nothing is selected. */
export function StylePanel({ editor, dark }: { editor: Editor; dark: boolean }) {
  const { t } = useI18n();
  const state = useSyncExternalStore(editor.subscribe, editor.getState);
  const customId = useId();
  const types = typesFor(state.tool, editor.selectedShapes().map((shape) => shape.type));
  // A read-only board (a view-only link) has no style to change.
  if (types.length === 0 || state.readOnly) return null;
  const style = editor.panelStyle();
  const set = (change: Partial<ShapeStyle>) => editor.setStyle(change);
  const selected = state.selection.length > 0;
  const anyFill = types.some(hasFill);
  const anyOutline = types.some(hasOutline);
  const anyText = types.some(hasText);
  // Texts and notes, and boxes and arrows that carry a label (or whose label is being typed).
  const labelled = editor.selectedShapes().some((shape) => isLabelled(shape) && Boolean(shape.text)) || state.editing?.type === 'label';
  const anyTextStyle = anyText || labelled;
  const textAlign = style.textAlign ?? (anyText ? 'left' : 'center');
  const anyNote = types.includes('sticky');
  const anyUnlocked = !state.selectionLocked;

  return (
    <aside
      aria-label={t('style.label')}
      className="pointer-events-auto flex max-w-full select-none flex-wrap items-center justify-center gap-1.5 rounded-xl border border-neutral-200 bg-white/95 p-1 shadow-md lg:fixed lg:bottom-3 lg:left-1/2 lg:max-w-[calc(100vw-32rem)] lg:-translate-x-1/2 dark:border-neutral-700 dark:bg-neutral-900/95"
    >
      <Group label={t(anyText && !anyOutline ? 'style.textColour' : 'style.strokeColour')}>
        {STROKE_COLORS.map((color) => (
          <Choice key={color.value} label={t(`colour.${color.name}`)} pressed={style.stroke === color.value} onClick={() => set({ stroke: color.value })}>
            <Swatch color={color.value} dark={dark} />
          </Choice>
        ))}
        <label htmlFor={customId} className="sr-only">
          {t('style.customColour')}
        </label>
        <input
          id={customId}
          type="color"
          title={t('style.customColour')}
          value={/^#[0-9a-f]{6}$/i.test(style.stroke) ? style.stroke : '#000000'}
          onChange={(event) => set({ stroke: event.target.value })}
          className="size-8 shrink-0 cursor-pointer rounded-md border border-neutral-300 bg-transparent p-0.5 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-neutral-600"
        />
      </Group>
      {anyNote && (
        <Group label={t('style.noteColour')}>
          {NOTE_COLORS.map((color) => (
            <Choice key={color.value} label={t(`note.${color.name}`)} pressed={style.noteColor === color.value} onClick={() => set({ noteColor: color.value })}>
              <span aria-hidden="true" className="block size-5 rounded-sm border border-black/10" style={{ backgroundColor: displayColor(color.value, dark) }} />
            </Choice>
          ))}
        </Group>
      )}
      {anyFill && (
        <Group label={t('style.fill')}>
          {(['none', 'semi', 'solid'] as const).map((mode) => (
            <Choice key={mode} label={t(`fill.${mode}`)} pressed={style.fillMode === mode} onClick={() => set({ fillMode: mode })}>
              <Glyph>{FILL_ICONS[mode]}</Glyph>
            </Choice>
          ))}
        </Group>
      )}
      {anyOutline && (
        <>
          <Group label={t('style.strokeWidth')}>
            {STROKE_WIDTHS.map((width) => (
              <Choice key={width.value} label={t(`width.${width.name}`)} pressed={style.strokeWidth === width.value} onClick={() => set({ strokeWidth: width.value })}>
                <span aria-hidden="true" className="block w-4 rounded-full bg-current" style={{ height: width.value + 1 }} />
              </Choice>
            ))}
          </Group>
          <Group label={t('style.strokeStyle')}>
            <Choice label={t('stroke.solid')} pressed={style.strokeStyle === 'solid'} onClick={() => set({ strokeStyle: 'solid' })}>
              <Glyph><path d="M4 12h16" /></Glyph>
            </Choice>
            <Choice label={t('stroke.dashed')} pressed={style.strokeStyle === 'dashed'} onClick={() => set({ strokeStyle: 'dashed' })}>
              <Glyph><path d="M4 12h16" strokeDasharray="4 3" /></Glyph>
            </Choice>
          </Group>
        </>
      )}
      {anyTextStyle && (
        <>
          <Group label={t('style.fontSize')}>
            {FONT_SIZES.map((size) => (
              <Choice key={size.value} label={t(`fontSize.${size.name}`)} pressed={style.fontSize === size.value} onClick={() => set({ fontSize: size.value })}>
                {t(`fontSize.${size.name}.short`)}
              </Choice>
            ))}
          </Group>
          <Group label={t('style.font')}>
            {FONT_FAMILIES.map((family) => (
              <Choice key={family} label={t(`fontFamily.${family}`)} pressed={style.fontFamily === family} onClick={() => set({ fontFamily: family })}>
                <span aria-hidden="true" className="text-sm" style={{ fontFamily: FONT_STACKS[family] }}>{t('style.fontSample')}</span>
              </Choice>
            ))}
          </Group>
          <Group label={t('style.textAlign')}>
            {TEXT_ALIGNS.map((align) => (
              <Choice key={align} label={t(`textAlign.${align}`)} pressed={textAlign === align} onClick={() => set({ textAlign: align })}>
                <Glyph>{TEXT_ALIGN_GLYPHS[align]}</Glyph>
              </Choice>
            ))}
          </Group>
        </>
      )}
      <Group label={t('style.opacity')}>
        <OpacitySlider key={style.opacity} value={style.opacity} onCommit={(opacity) => set({ opacity })} />
      </Group>
      {state.selection.length >= MIN_ALIGN && (
        <Group label={t('style.align')}>
          {ALIGN.map((item) => (
            <Choice key={item.op} label={t(`align.${item.op}`)} onClick={() => editor.align(item.op)}>
              <Glyph>{item.glyph}</Glyph>
            </Choice>
          ))}
          {DISTRIBUTE.map((item) => (
            <Choice
              key={item.axis}
              label={t(`distribute.${item.axis}`)}
              title={
                state.selection.length >= MIN_DISTRIBUTE
                  ? t(`distribute.${item.axis}`)
                  : t('distribute.needsMore', { label: t(`distribute.${item.axis}`), count: MIN_DISTRIBUTE })
              }
              disabled={state.selection.length < MIN_DISTRIBUTE}
              onClick={() => editor.distribute(item.axis)}
            >
              <Glyph>{item.glyph}</Glyph>
            </Choice>
          ))}
        </Group>
      )}
      {selected && (
        <Group label={t('style.arrange')}>
          {ARRANGE.map((item) => (
            <Choice key={item.op} label={t(`arrange.${item.op}`)} title={t('common.withShortcut', { label: t(`arrange.${item.op}`), shortcut: item.keys })} onClick={() => editor.reorder(item.op)}>
              <Glyph>{item.glyph}</Glyph>
            </Choice>
          ))}
          <Choice label={t('arrange.duplicate')} title={t('common.withShortcut', { label: t('arrange.duplicate'), shortcut: 'Ctrl+D' })} onClick={() => editor.duplicateSelection()}>
            <Glyph><rect x="8" y="8" width="12" height="12" rx="2" /><path d="M16 8V5a1 1 0 00-1-1H5a1 1 0 00-1 1v10a1 1 0 001 1h3" /></Glyph>
          </Choice>
          {state.selection.length >= MIN_GROUP && (
            <Choice label={t('arrange.group')} title={t('common.withShortcut', { label: t('arrange.group'), shortcut: 'Ctrl+G' })} onClick={() => editor.group()}>
              <Glyph><rect x="3" y="3" width="18" height="18" rx="2" strokeDasharray="3 3" /><rect x="7" y="7" width="5" height="5" /><rect x="12" y="12" width="5" height="5" /></Glyph>
            </Choice>
          )}
          {state.selectionGrouped && (
            <Choice label={t('arrange.ungroup')} title={t('common.withShortcut', { label: t('arrange.ungroup'), shortcut: 'Ctrl+Shift+G' })} onClick={() => editor.ungroup()}>
              <Glyph><rect x="4" y="4" width="6" height="6" /><rect x="14" y="14" width="6" height="6" /></Glyph>
            </Choice>
          )}
          <Choice label={t(anyUnlocked ? 'arrange.lock' : 'arrange.unlock')} title={t('common.withShortcut', { label: t(anyUnlocked ? 'arrange.lock' : 'arrange.unlock'), shortcut: 'Ctrl+Shift+L' })} onClick={() => editor.toggleLock()}>
            <Glyph>
              <rect x="5" y="11" width="14" height="9" rx="1.5" />
              <path d={anyUnlocked ? 'M8 11V8a4 4 0 018 0v3' : 'M8 11V8a4 4 0 017.5-2'} />
            </Glyph>
          </Choice>
          <Choice label={t('arrange.delete')} title={t('common.withShortcut', { label: t('arrange.delete'), shortcut: 'Delete' })} onClick={() => editor.deleteSelection()}>
            <Glyph><path d="M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13" /></Glyph>
          </Choice>
        </Group>
      )}
    </aside>
  );
}
