import { describe, expect, it } from 'vitest';
import { type KeyInput, shortcutFor } from './keyboard';
import { TOOLS } from './tools';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcutFor', () => {
  it('maps every tool letter of the contract, in either case', () => {
    const expected = { select: 'v', hand: 'h', pen: 'p', rectangle: 'r', ellipse: 'o', diamond: 'd', line: 'l', arrow: 'a', text: 't', sticky: 'n', eraser: 'e', laser: 'k' };
    for (const tool of TOOLS) {
      expect(tool.key).toBe(expected[tool.id]);
      expect(shortcutFor(key(tool.key.toUpperCase()))).toEqual({ type: 'tool', tool: tool.id });
    }
    expect(shortcutFor(key('x'))).toBeNull();
  });

  it('maps undo and redo with Ctrl or Cmd', () => {
    expect(shortcutFor(key('z', { ctrlKey: true }))).toEqual({ type: 'undo' });
    expect(shortcutFor(key('z', { metaKey: true }))).toEqual({ type: 'undo' });
    expect(shortcutFor(key('Z', { ctrlKey: true, shiftKey: true }))).toEqual({ type: 'redo' });
    expect(shortcutFor(key('z', { metaKey: true, shiftKey: true }))).toEqual({ type: 'redo' });
    expect(shortcutFor(key('y', { ctrlKey: true }))).toEqual({ type: 'redo' });
  });

  it('maps selection commands and stacking order', () => {
    expect(shortcutFor(key('Delete'))).toEqual({ type: 'delete' });
    expect(shortcutFor(key('Backspace'))).toEqual({ type: 'delete' });
    expect(shortcutFor(key('a', { ctrlKey: true }))).toEqual({ type: 'select-all' });
    expect(shortcutFor(key('d', { metaKey: true }))).toEqual({ type: 'duplicate' });
    expect(shortcutFor(key('L', { ctrlKey: true, shiftKey: true }))).toEqual({ type: 'toggle-lock' });
    expect(shortcutFor(key('l', { metaKey: true, shiftKey: true }))).toEqual({ type: 'toggle-lock' });
    expect(shortcutFor(key('g', { ctrlKey: true }))).toEqual({ type: 'group' });
    expect(shortcutFor(key('G', { metaKey: true, shiftKey: true }))).toEqual({ type: 'ungroup' });
    expect(shortcutFor(key(']', { ctrlKey: true, code: 'BracketRight' }))).toEqual({ type: 'reorder', op: 'forward' });
    expect(shortcutFor(key('}', { ctrlKey: true, shiftKey: true, code: 'BracketRight' }))).toEqual({ type: 'reorder', op: 'front' });
    expect(shortcutFor(key('[', { ctrlKey: true, code: 'BracketLeft' }))).toEqual({ type: 'reorder', op: 'backward' });
    expect(shortcutFor(key('{', { metaKey: true, shiftKey: true, code: 'BracketLeft' }))).toEqual({ type: 'reorder', op: 'back' });
  });

  it('nudges with the arrow keys, ten times as far with Shift', () => {
    expect(shortcutFor(key('ArrowLeft'))).toEqual({ type: 'nudge', dx: -1, dy: 0 });
    expect(shortcutFor(key('ArrowDown', { shiftKey: true }))).toEqual({ type: 'nudge', dx: 0, dy: 10 });
  });

  it('maps zoom keys by physical key, since Shift changes the character', () => {
    expect(shortcutFor(key(')', { shiftKey: true, code: 'Digit0' }))).toEqual({ type: 'zoom-reset' });
    expect(shortcutFor(key('!', { shiftKey: true, code: 'Digit1' }))).toEqual({ type: 'zoom-fit' });
    expect(shortcutFor(key('=', { ctrlKey: true }))).toEqual({ type: 'zoom-in' });
    expect(shortcutFor(key('-', { metaKey: true }))).toEqual({ type: 'zoom-out' });
    expect(shortcutFor(key('?', { shiftKey: true, code: 'Slash' }))).toEqual({ type: 'help' });
  });

  it('leaves other modified keys to the browser', () => {
    expect(shortcutFor(key('r', { ctrlKey: true }))).toBeNull(); // reload
    expect(shortcutFor(key('v', { metaKey: true }))).toBeNull(); // paste
    expect(shortcutFor(key('c', { ctrlKey: true }))).toBeNull(); // copy
    expect(shortcutFor(key('p', { altKey: true }))).toBeNull();
  });
});
