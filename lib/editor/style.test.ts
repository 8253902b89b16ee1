import { describe, expect, it } from 'vitest';
import { DEFAULT_STYLE, fillFor, fillModeOf, styleOf, styleProps, stylePatch } from './style';
import { shape } from './test/support';

describe('style', () => {
  it('derives fills from the stroke colour', () => {
    expect(fillFor('none', '#1971c2')).toBe('none');
    expect(fillFor('semi', '#1971c2')).toBe('#1971c240');
    expect(fillFor('solid', '#000000')).toBe('#bfbfbf');
    expect(fillModeOf('#1971c240')).toBe('semi');
    expect(fillModeOf('#bfbfbf')).toBe('solid');
    expect(fillModeOf('none')).toBe('none');
  });

  it('gives each type what it has: pens their diameter, notes their colour', () => {
    expect(styleProps('pen', DEFAULT_STYLE)).toMatchObject({ strokeWidth: 4, fill: 'none', strokeStyle: 'solid' });
    expect(styleProps('sticky', DEFAULT_STYLE)).toMatchObject({ fill: '#ffec99' });
    expect(styleProps('rectangle', { ...DEFAULT_STYLE, fillMode: 'semi' })).toMatchObject({ fill: '#1e1e1e40' });
  });

  it('patches only what applies and keeps a fill’s mode when the colour changes', () => {
    const rect = shape({ id: 'r', type: 'rectangle', fill: '#1e1e1e40' });
    expect(stylePatch(rect, { stroke: '#e03131' })).toEqual({ stroke: '#e03131', fill: '#e0313140' });
    const line = shape({ id: 'l', type: 'line', points: [0, 0, 1, 1] });
    expect(stylePatch(line, { fillMode: 'solid', fontSize: 40, strokeStyle: 'dashed' })).toEqual({ strokeStyle: 'dashed' });
    const note = shape({ id: 'n', type: 'sticky', text: '' });
    expect(stylePatch(note, { noteColor: '#a5d8ff', fontSize: 28 })).toEqual({ fill: '#a5d8ff', fontSize: 28 });
  });

  it('reads a shape’s style back for the panel', () => {
    const pen = shape({ id: 'p', type: 'pen', points: [0, 0, 0.5], strokeWidth: 8, opacity: 0.5 });
    expect(styleOf(pen, DEFAULT_STYLE)).toMatchObject({ strokeWidth: 4, opacity: 0.5 });
  });
});
