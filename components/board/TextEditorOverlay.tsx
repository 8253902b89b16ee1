import { type CSSProperties, type KeyboardEvent, useEffect, useRef, useSyncExternalStore } from 'react';
import type { Editor } from '../../lib/editor/editor';
import { editorBox, editorPadding, editingStyle, type TextEditing } from '../../lib/editor/text-editing';
import { shiftIndex } from '../../lib/board/text';
import { boardToScreen } from '../../lib/geometry/viewport';
import { displayColor } from '../../lib/render/colors';
import { STICKY_FILL } from '../../lib/render/draw-shape';
import { LINE_HEIGHT } from '../../lib/render/text-layout';
import { cssFont } from '../../lib/render/text-style';
import type { Viewport } from '../../lib/geometry/viewport';
import type { TextMeasurer } from '../../lib/render/text-layout';
import { useI18n } from '../i18n/I18nProvider';

/**
 * Where the text box sits: its box in board units (lib/editor/text-editing.ts), scaled by the zoom
 * and turned by the shape's rotation about its centre, so that typed text lands where the canvas
 * will draw it.
 */
function boxStyle(editing: TextEditing, viewport: Viewport, measurer: TextMeasurer, dark: boolean): CSSProperties {
  const box = editorBox(editing, measurer);
  const at = boardToScreen(viewport, box);
  const turn = editing.rotation ? ` translate(${box.w / 2}px, ${box.h / 2}px) rotate(${editing.rotation}rad) translate(${-box.w / 2}px, ${-box.h / 2}px)` : '';
  const wraps = editing.type === 'sticky' || (editing.type === 'label' && editing.w > 0);
  return {
    left: 0,
    top: 0,
    width: box.w,
    height: box.h,
    transform: `translate(${at.x}px, ${at.y}px) scale(${viewport.zoom})${turn}`,
    transformOrigin: '0 0',
    font: cssFont(editingStyle(editing)),
    lineHeight: LINE_HEIGHT,
    textAlign: editing.textAlign,
    color: displayColor(editing.color, dark),
    opacity: editing.opacity,
    background: editing.type === 'sticky' ? displayColor(editing.fill === 'none' ? STICKY_FILL : editing.fill, dark) : 'transparent',
    padding: editorPadding(editing),
    whiteSpace: wraps ? 'pre-wrap' : 'pre',
    overflowWrap: 'break-word',
  };
}

const EDITOR_NAMES = { text: 'text.text', sticky: 'text.sticky', label: 'text.label' } as const satisfies Record<TextEditing['type'], string>;

/** The text box over the canvas while a text or note is typed. */
export function TextEditorOverlay({ editor, measurer, dark }: { editor: Editor; measurer: TextMeasurer; dark: boolean }) {
  const { t } = useI18n();
  const { editing } = useSyncExternalStore(editor.subscribe, editor.getState);
  const viewport = useSyncExternalStore(editor.subscribeViewport, editor.camera.getViewport);
  const ref = useRef<HTMLTextAreaElement>(null);
  const target = editing ? `${editing.id ?? 'new'}:${editing.x}:${editing.y}` : null;

  useEffect(() => {
    const textarea = ref.current;
    if (!textarea || !target) return;
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  }, [target]);

  // What others type in the same shape shows at once; this person's caret and selection stay
  // on the characters they were at.
  const editedId = editing?.id ?? null;
  useEffect(() => {
    if (!editedId) return;
    return editor.onOthersTyping(editedId, (text, delta) => {
      const textarea = ref.current;
      if (!textarea) return;
      const [start, end, direction] = [textarea.selectionStart, textarea.selectionEnd, textarea.selectionDirection];
      textarea.value = text;
      textarea.setSelectionRange(shiftIndex(start, delta), shiftIndex(end, delta), direction);
      editor.setEditingText(text, true);
    });
  }, [editor, editedId]);

  if (!editing) return null;

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Escape (or Ctrl/Cmd+Enter) ends typing and keeps the text; Enter is a new line.
    if (event.key === 'Escape' || (event.key === 'Enter' && (event.ctrlKey || event.metaKey))) {
      event.preventDefault();
      event.stopPropagation();
      editor.commitText(event.currentTarget.value);
    }
  };

  return (
    <textarea
      key={target}
      ref={ref}
      aria-label={t(EDITOR_NAMES[editing.type])}
      data-testid="text-editor"
      defaultValue={editing.text}
      spellCheck={false}
      onChange={(event) => editor.setEditingText(event.target.value)}
      onKeyDown={onKeyDown}
      onBlur={(event) => editor.commitText(event.target.value)}
      className="absolute resize-none overflow-hidden border-0 p-0 outline-none"
      style={boxStyle(editing, viewport, measurer, dark)}
    />
  );
}
