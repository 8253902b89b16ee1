import { describe, expect, it } from 'vitest';
import { shapeSchema, type Shape } from '../board/schema';
import { BOARD_BACKGROUND, displayColor } from './colors';
import { viewBoardRect, viewSvg } from './view-svg';

const shape = (props: Record<string, unknown>): Shape => shapeSchema.parse({ id: 'abcdefgh', z: 'a0', x: 10, y: 20, w: 30, h: 40, ...props });

describe('viewSvg', () => {
  it('frames the board area of the viewport at the screen size', () => {
    const view = { x: -100, y: 50, zoom: 2, width: 1280, height: 800, dark: false };
    expect(viewBoardRect(view)).toEqual({ x: -100, y: 50, w: 640, h: 400 });
    const svg = viewSvg([shape({ type: 'rectangle', stroke: '#1e1e1e' })], view);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="-100 50 640 400" width="1280" height="800" data-shapes="1">/);
    expect(svg).toContain(`<rect x="-100" y="50" width="640" height="400" fill="${BOARD_BACKGROUND.light}"/>`);
    expect(svg).toContain('<rect x="10" y="20" width="30" height="40" fill="none" stroke="#1e1e1e"');
  });

  it('paints in the dark theme as the canvas does, and leaves images out', () => {
    const view = { x: 0, y: 0, zoom: 1, width: 100, height: 100, dark: true };
    const svg = viewSvg([shape({ type: 'rectangle', stroke: '#1e1e1e', fill: '#a5d8ff' }), shape({ id: 'image001', type: 'image', assetId: 'a'.repeat(64) })], view);
    expect(svg).toContain(`fill="${BOARD_BACKGROUND.dark}"`);
    expect(svg).toContain(`fill="${displayColor('#a5d8ff', true)}" stroke="${displayColor('#1e1e1e', true)}"`);
    expect(displayColor('#1e1e1e', true)).not.toBe('#1e1e1e');
    expect(svg).not.toContain('<image');
    expect(svg).toContain('data-shapes="2"');
  });
});
