import { type ToolId, toolForKey } from './tools';

export type ShortcutAction =
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'delete' }
  | { type: 'cancel' }
  | { type: 'tool'; tool: ToolId };

/** The parts of a KeyboardEvent that decide a shortcut. */
export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** The board action a key press asks for, or null. Cmd on macOS counts as Ctrl. */
export function shortcutFor(input: KeyInput): ShortcutAction | null {
  const key = input.key.toLowerCase();
  const command = input.ctrlKey || input.metaKey;
  if (command && !input.altKey) {
    if (key === 'z') return { type: input.shiftKey ? 'redo' : 'undo' };
    if (key === 'y' && input.ctrlKey && !input.shiftKey) return { type: 'redo' };
    return null;
  }
  if (input.altKey || command) return null;
  if (key === 'delete' || key === 'backspace') return { type: 'delete' };
  if (key === 'escape') return { type: 'cancel' };
  if (input.shiftKey) return null;
  const tool = toolForKey(key);
  return tool ? { type: 'tool', tool } : null;
}
