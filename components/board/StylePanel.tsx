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
import { drawsShapes, type ToolId } from '../../lib/editor/tools';
import type { ShapeType } from '../../lib/board/schema';
import { displayColor } from '../../lib/render/colors';

const CHOICE =
  'grid h-8 min-w-8 place-items-center rounded-md border border-transparent px-1.5 text-xs text-neutral-700 hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 aria-pressed:border-blue-500 aria-pressed:bg-blue-50 dark:text-neutral-200 dark:hover:bg-neutral-800 dark:aria-pressed:bg-blue-950';
const ACTION =
  'rounded-md px-2 py-1 text-xs text-neutral-700 hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 dark:text-neutral-200 dark:hover:bg-neutral-800';

function Group({ label, children }: { label: string; children: ReactNode }) {
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="mb-1 text-xs font-medium text-neutral-600 dark:text-neutral-400">{label}</legend>
      <div className="flex flex-wrap gap-1">{children}</div>
    </fieldset>
  );
}

interface ChoiceProps {
  label: string;
  pressed: boolean;
  onClick: () => void;
  children: ReactNode;
}

function Choice({ label, pressed, onClick, children }: ChoiceProps) {
  return (
    <button type="button" className={CHOICE} aria-label={label} title={label} aria-pressed={pressed} onClick={onClick}>
      {children}
    </button>
  );
}

/** Opacity is stored when the slider is let go, so that one drag is one undo step. */
function OpacitySlider({ value, onCommit }: { value: number; onCommit: (value: number) => void }) {
  const [percent, setPercent] = useState(Math.round(value * 100));
  const commit = () => {
    if (percent !== Math.round(value * 100)) onCommit(percent / 100);
  };
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-neutral-600 dark:text-neutral-400">
      Opacity {percent}%
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
        className="accent-blue-600"
      />
    </label>
  );
}

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
  const state = useSyncExternalStore(editor.subscribe, editor.getState);
  const customId = useId();
  const types = typesFor(state.tool, editor.selectedShapes().map((shape) => shape.type));
  if (types.length === 0) return null;
  const style = editor.panelStyle();
  const set = (change: Partial<ShapeStyle>) => editor.setStyle(change);
  const selected = state.selection.length > 0;
  const anyFill = types.some(hasFill);
  const anyOutline = types.some(hasOutline);
  const anyText = types.some(hasText);
  const anyNote = types.includes('sticky');

  return (
    <aside
      aria-label="Style"
      className="fixed left-3 top-3 flex max-h-[calc(100vh-6rem)] w-52 flex-col gap-3 overflow-y-auto rounded-xl border border-neutral-200 bg-white/95 p-3 shadow-md dark:border-neutral-700 dark:bg-neutral-900/95"
    >
      <Group label={anyText && !anyOutline ? 'Text colour' : 'Stroke colour'}>
        {STROKE_COLORS.map((color) => (
          <Choice key={color.value} label={color.name} pressed={style.stroke === color.value} onClick={() => set({ stroke: color.value })}>
            <Swatch color={color.value} dark={dark} />
          </Choice>
        ))}
        <label htmlFor={customId} className="sr-only">
          Custom colour
        </label>
        <input
          id={customId}
          type="color"
          title="Custom colour"
          value={/^#[0-9a-f]{6}$/i.test(style.stroke) ? style.stroke : '#000000'}
          onChange={(event) => set({ stroke: event.target.value })}
          className="h-8 w-8 cursor-pointer rounded-md border border-neutral-300 bg-transparent p-0.5 focus-visible:outline-2 focus-visible:outline-blue-600"
        />
      </Group>
      {anyNote && (
        <Group label="Note colour">
          {NOTE_COLORS.map((color) => (
            <Choice key={color.value} label={`${color.name} note`} pressed={style.noteColor === color.value} onClick={() => set({ noteColor: color.value })}>
              <Swatch color={color.value} dark={dark} />
            </Choice>
          ))}
        </Group>
      )}
      {anyFill && (
        <Group label="Fill">
          <Choice label="No fill" pressed={style.fillMode === 'none'} onClick={() => set({ fillMode: 'none' })}>None</Choice>
          <Choice label="Semi-transparent fill" pressed={style.fillMode === 'semi'} onClick={() => set({ fillMode: 'semi' })}>Semi</Choice>
          <Choice label="Solid fill" pressed={style.fillMode === 'solid'} onClick={() => set({ fillMode: 'solid' })}>Solid</Choice>
        </Group>
      )}
      {anyOutline && (
        <>
          <Group label="Stroke width">
            {STROKE_WIDTHS.map((width) => (
              <Choice key={width.value} label={width.name} pressed={style.strokeWidth === width.value} onClick={() => set({ strokeWidth: width.value })}>
                <span aria-hidden="true" className="block w-5 rounded-full bg-current" style={{ height: width.value + 1 }} />
              </Choice>
            ))}
          </Group>
          <Group label="Stroke style">
            <Choice label="Solid stroke" pressed={style.strokeStyle === 'solid'} onClick={() => set({ strokeStyle: 'solid' })}>Solid</Choice>
            <Choice label="Dashed stroke" pressed={style.strokeStyle === 'dashed'} onClick={() => set({ strokeStyle: 'dashed' })}>Dashed</Choice>
          </Group>
        </>
      )}
      {anyText && (
        <Group label="Font size">
          {FONT_SIZES.map((size) => (
            <Choice key={size.value} label={`${size.name} text`} pressed={style.fontSize === size.value} onClick={() => set({ fontSize: size.value })}>
              {size.name === 'Extra large' ? 'XL' : size.name[0]}
            </Choice>
          ))}
        </Group>
      )}
      <OpacitySlider key={style.opacity} value={style.opacity} onCommit={(opacity) => set({ opacity })} />
      {selected && (
        <fieldset className="flex flex-wrap gap-1 border-t border-neutral-200 pt-2 dark:border-neutral-700">
          <legend className="sr-only">Arrange</legend>
          <button type="button" className={ACTION} onClick={() => editor.reorder('front')} title="Ctrl+Shift+]">Bring to front</button>
          <button type="button" className={ACTION} onClick={() => editor.reorder('forward')} title="Ctrl+]">Bring forward</button>
          <button type="button" className={ACTION} onClick={() => editor.reorder('backward')} title="Ctrl+[">Send backward</button>
          <button type="button" className={ACTION} onClick={() => editor.reorder('back')} title="Ctrl+Shift+[">Send to back</button>
          <button type="button" className={ACTION} onClick={() => editor.duplicateSelection()} title="Ctrl+D">Duplicate</button>
          <button type="button" className={ACTION} onClick={() => editor.deleteSelection()} title="Delete">Delete</button>
        </fieldset>
      )}
    </aside>
  );
}
