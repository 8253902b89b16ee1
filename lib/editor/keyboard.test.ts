import { describe, expect, it } from 'vitest';
import { type KeyInput, shortcutFor } from './keyboard';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcutFor', () => {
  it('maps tool letters in either case', () => {
    expect(shortcutFor(key('v'))).toEqual({ type: 'tool', tool: 'select' });
    expect(shortcutFor(key('P'))).toEqual({ type: 'tool', tool: 'pen' });
    expect(shortcutFor(key('r'))).toEqual({ type: 'tool', tool: 'rectangle' });
    expect(shortcutFor(key('x'))).toBeNull();
  });

  it('maps undo and redo with Ctrl or Cmd', () => {
    expect(shortcutFor(key('z', { ctrlKey: true }))).toEqual({ type: 'undo' });
    expect(shortcutFor(key('z', { metaKey: true }))).toEqual({ type: 'undo' });
    expect(shortcutFor(key('Z', { ctrlKey: true, shiftKey: true }))).toEqual({ type: 'redo' });
    expect(shortcutFor(key('z', { metaKey: true, shiftKey: true }))).toEqual({ type: 'redo' });
    expect(shortcutFor(key('y', { ctrlKey: true }))).toEqual({ type: 'redo' });
  });

  it('maps Delete and Backspace to deleting the selection', () => {
    expect(shortcutFor(key('Delete'))).toEqual({ type: 'delete' });
    expect(shortcutFor(key('Backspace'))).toEqual({ type: 'delete' });
  });

  it('leaves other modified keys to the browser', () => {
    expect(shortcutFor(key('r', { ctrlKey: true }))).toBeNull(); // reload
    expect(shortcutFor(key('v', { metaKey: true }))).toBeNull(); // paste
    expect(shortcutFor(key('p', { altKey: true }))).toBeNull();
  });
});
