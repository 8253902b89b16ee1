import { useEffect } from 'react';
import type { Editor } from '../../lib/editor/editor';
import { type ShortcutAction, shortcutFor } from '../../lib/editor/keyboard';
import { isTextEntry } from '../ui/text-entry';

function run(editor: Editor, action: ShortcutAction, openHelp: () => void): void {
  const { camera } = editor;
  switch (action.type) {
    case 'undo':
      return editor.undo();
    case 'redo':
      return editor.redo();
    case 'delete':
      return editor.deleteSelection();
    case 'cancel':
      editor.cancelGesture();
      return editor.select([]);
    case 'tool':
      return editor.setTool(action.tool);
    case 'select-all':
      return editor.selectAll();
    case 'duplicate':
      return editor.duplicateSelection();
    case 'reorder':
      return editor.reorder(action.op);
    case 'nudge':
      return editor.nudge(action.dx, action.dy);
    case 'zoom-in':
      return camera.zoomStep(1);
    case 'zoom-out':
      return camera.zoomStep(-1);
    case 'zoom-reset':
      return camera.zoomTo(1);
    case 'zoom-fit':
      return editor.zoomToFit();
    case 'toggle-grid':
      return editor.toggleGrid();
    case 'toggle-lock':
      return editor.toggleLock();
    case 'group':
      return editor.group();
    case 'ungroup':
      return editor.ungroup();
    case 'edit-text': {
      const [only] = editor.selectedShapes();
      if (only && editor.getState().selection.length === 1) editor.beginTextEdit(only.id);
      return;
    }
    case 'help':
      return openHelp();
  }
}

/** Board shortcuts on the window, and copy, cut and paste through the system clipboard. */
export function useKeyboardShortcuts(editor: Editor, openHelp: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || isTextEntry(event.target)) return;
      // In an open dialog, keys belong to the dialog.
      if (event.target instanceof Element && event.target.closest('dialog')) return;
      const action = shortcutFor(event);
      if (!action) return;
      // Arrow keys on a focused control move within it (the toolbar, a slider).
      if (action.type === 'nudge' && event.target instanceof HTMLElement && event.target.closest('[role="toolbar"], fieldset')) return;
      // Enter on a focused button or link presses it.
      if (action.type === 'edit-text' && event.target instanceof HTMLElement && event.target.closest('button, a[href], summary')) return;
      event.preventDefault();
      run(editor, action, openHelp);
    };
    const onCopy = (event: ClipboardEvent) => {
      if (isTextEntry(event.target) || !event.clipboardData) return;
      if (document.getSelection()?.toString()) return;
      const text = event.type === 'cut' ? editor.cutSelection() : editor.copySelection();
      if (!text) return;
      event.clipboardData.setData('text/plain', text);
      event.preventDefault();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTextEntry(event.target) || !event.clipboardData) return;
      const text = event.clipboardData.getData('text/plain');
      if (!text) return;
      event.preventDefault();
      editor.paste(text);
    };
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [editor, openHelp]);
}
