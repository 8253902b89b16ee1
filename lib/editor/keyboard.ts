/**
 * Keyboard shortcuts: a key press to the board action it asks for. Copy, cut and paste are not
 * here: they arrive as the browser's clipboard events, which carry the system clipboard.
 */
import { type ToolId, toolForKey } from './tools';
import type { ReorderOp } from './z-order';

export type ShortcutAction =
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'delete' }
  | { type: 'cancel' }
  | { type: 'tool'; tool: ToolId }
  | { type: 'select-all' }
  | { type: 'duplicate' }
  | { type: 'reorder'; op: ReorderOp }
  | { type: 'nudge'; dx: number; dy: number }
  | { type: 'zoom-in' }
  | { type: 'zoom-out' }
  | { type: 'zoom-reset' }
  | { type: 'zoom-fit' }
  | { type: 'toggle-grid' }
  | { type: 'toggle-lock' }
  | { type: 'group' }
  | { type: 'ungroup' }
  | { type: 'edit-text' }
  | { type: 'help' };

/** The parts of a KeyboardEvent that decide a shortcut. */
export interface KeyInput {
  key: string;
  /** The physical key: digits and brackets are read from it, since Shift changes `key`. */
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Arrow keys move the selection 1 board unit, or 10 with Shift. */
export const NUDGE = 1;
export const NUDGE_SHIFT = 10;

const ARROWS: Record<string, [number, number]> = {
  arrowleft: [-1, 0],
  arrowright: [1, 0],
  arrowup: [0, -1],
  arrowdown: [0, 1],
};

function commandShortcut(key: string, code: string, shift: boolean, ctrl: boolean): ShortcutAction | null {
  if (key === 'z') return { type: shift ? 'redo' : 'undo' };
  if (key === 'y' && ctrl && !shift) return { type: 'redo' };
  if (key === 'a' && !shift) return { type: 'select-all' };
  if (key === 'd' && !shift) return { type: 'duplicate' };
  if (key === 'l' && shift) return { type: 'toggle-lock' };
  if (key === 'g') return { type: shift ? 'ungroup' : 'group' };
  if (code === 'BracketRight' || key === ']' || key === '}') return { type: 'reorder', op: shift ? 'front' : 'forward' };
  if (code === 'BracketLeft' || key === '[' || key === '{') return { type: 'reorder', op: shift ? 'back' : 'backward' };
  if (key === '=' || key === '+') return { type: 'zoom-in' };
  if (key === '-' || key === '_') return { type: 'zoom-out' };
  if ((code === 'Digit0' || key === '0') && !shift) return { type: 'zoom-reset' };
  if (code === 'Quote' || key === "'") return { type: 'toggle-grid' };
  return null;
}

/** The board action a key press asks for, or null. Cmd on macOS counts as Ctrl. */
export function shortcutFor(input: KeyInput): ShortcutAction | null {
  const key = input.key.toLowerCase();
  const code = input.code ?? '';
  const command = input.ctrlKey || input.metaKey;
  if (command && !input.altKey) return commandShortcut(key, code, input.shiftKey, input.ctrlKey);
  if (input.altKey || command) return null;
  if (key === 'delete' || key === 'backspace') return { type: 'delete' };
  if (key === 'escape') return { type: 'cancel' };
  if (key === 'enter') return { type: 'edit-text' };
  if (key === '?') return { type: 'help' };
  const arrow = ARROWS[key];
  if (arrow) {
    const step = input.shiftKey ? NUDGE_SHIFT : NUDGE;
    return { type: 'nudge', dx: arrow[0] * step, dy: arrow[1] * step };
  }
  if (input.shiftKey) {
    if (code === 'Digit0' || key === ')') return { type: 'zoom-reset' };
    if (code === 'Digit1' || key === '!') return { type: 'zoom-fit' };
    return null;
  }
  const tool = toolForKey(key);
  return tool ? { type: 'tool', tool } : null;
}

/** The shortcuts as the help dialog lists them. */
export const SHORTCUT_HELP: readonly { keys: string; action: string }[] = [
  { keys: 'V H P R O D L A T N E K', action: 'Select, Hand, Pen, Rectangle, Ellipse, Diamond, Line, Arrow, Text, Sticky note, Eraser, Laser' },
  { keys: 'Shift (while drawing)', action: 'Squares and circles; lines in 15° steps; rotate in 15° steps; resize keeping the aspect' },
  { keys: 'Space + drag, middle button, wheel', action: 'Pan' },
  { keys: 'Ctrl/Cmd + wheel, pinch', action: 'Zoom about the pointer' },
  { keys: 'Ctrl/Cmd + = / -', action: 'Zoom in / out' },
  { keys: 'Shift + 0', action: 'Zoom to 100%' },
  { keys: 'Shift + 1', action: 'Zoom to fit the board' },
  { keys: "Ctrl/Cmd + '", action: 'Show the grid and snap to it' },
  { keys: 'Ctrl/Cmd + Z', action: 'Undo' },
  { keys: 'Ctrl/Cmd + Shift + Z, Ctrl + Y', action: 'Redo' },
  { keys: 'Ctrl/Cmd + A', action: 'Select all' },
  { keys: 'Ctrl/Cmd + C / X / V', action: 'Copy, cut, paste (between boards too)' },
  { keys: 'Ctrl/Cmd + D', action: 'Duplicate' },
  { keys: 'Ctrl/Cmd + G, Ctrl/Cmd + Shift + G', action: 'Group, ungroup (double-click a grouped shape to select it alone)' },
  { keys: 'Ctrl/Cmd + Shift + L', action: 'Lock or unlock the selection (double-click selects a locked shape)' },
  { keys: 'Delete, Backspace', action: 'Delete the selection' },
  { keys: 'Arrow keys (Shift: 10 px)', action: 'Move the selection' },
  { keys: 'Ctrl/Cmd + ] / [', action: 'Bring forward / send backward' },
  { keys: 'Ctrl/Cmd + Shift + ] / [', action: 'Bring to front / send to back' },
  { keys: 'Enter, double-click', action: 'Edit the text of a text or sticky note, or the label of a shape' },
  { keys: 'Escape', action: 'Finish typing; clear the selection' },
  { keys: '?', action: 'This list' },
];
