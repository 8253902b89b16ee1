import { useEffect } from 'react';
import type { Editor } from '../../lib/editor/editor';
import { shortcutFor } from '../../lib/editor/keyboard';

/** Keys typed into a text field belong to the field, never to the board. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

export function useKeyboardShortcuts(editor: Editor): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || isTextEntry(event.target)) return;
      const action = shortcutFor(event);
      if (!action) return;
      event.preventDefault();
      switch (action.type) {
        case 'undo':
          editor.undo();
          break;
        case 'redo':
          editor.redo();
          break;
        case 'delete':
          editor.deleteSelection();
          break;
        case 'cancel':
          editor.cancelGesture();
          editor.select([]);
          break;
        case 'tool':
          editor.setTool(action.tool);
          break;
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [editor]);
}
