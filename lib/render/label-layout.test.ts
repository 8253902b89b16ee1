import { describe, expect, it } from 'vitest';
import { shapeSchema } from '../board/schema';
import { drawShape } from './draw-shape';
import { labelArea, labelCenter, layoutLabel, LABEL_PADDING, polylineMiddle } from './label-layout';
import { shapeToSvg } from './svg';
import { logLines, recordingContext } from './test/recording-context';
import { alignedX, textStyleOf } from './text-style';
import type { LabelledShape } from '../board/schema';

/** Every character 10 units wide at any size (as the recording context measures). */
const measurer = { width: (text: string) => text.length * 10 };

const labelled = (input: Record<string, unknown>) => shapeSchema.parse({ id: 's', z: 'a0', x: 0, y: 0, w: 200, h: 100, ...input }) as LabelledShape;

describe('polylineMiddle', () => {
  it('is half way along the length, not the middle point of the list', () => {
    // 0,0 -> 100,0 -> 100,300: 400 long, its middle 200 along, on the second segment.
    expect(polylineMiddle([0, 0, 100, 0, 100, 300], { x: 10, y: 20 })).toEqual({ x: 110, y: 120 });
    expect(polylineMiddle([0, 0, 50, 50], { x: 0, y: 0 })).toEqual({ x: 25, y: 25 });
  });
});

describe('labelArea', () => {
  it('wraps inside the outline: the whole width of a box, the widest box inside an ellipse or a diamond, no limit on an arrow', () => {
    expect(labelArea(labelled({ type: 'rectangle' })).wrapWidth).toBe(200 - 2 * LABEL_PADDING);
    expect(labelArea(labelled({ type: 'ellipse' })).wrapWidth).toBeCloseTo(200 * Math.SQRT1_2 - 2 * LABEL_PADDING);
    expect(labelArea(labelled({ type: 'diamond' })).wrapWidth).toBe(100 - 2 * LABEL_PADDING);
    const arrow = labelled({ type: 'arrow', x: 10, y: 10, points: [0, 0, 200, 100] });
    expect(labelArea(arrow)).toEqual({ center: { x: 110, y: 60 }, wrapWidth: null });
  });

  it("turns with its shape: a rotated arrow's label centre turns about the arrow's box centre", () => {
    // The middle (100, 0) of an arrow whose box is centred at (100, 50), turned a quarter clockwise.
    const center = labelCenter(labelled({ type: 'arrow', x: 0, y: 0, w: 200, h: 100, points: [0, 0, 200, 0], rotation: Math.PI / 2 }));
    expect(center.x).toBeCloseTo(150);
    expect(center.y).toBeCloseTo(50);
  });
});

describe('layoutLabel', () => {
  it('wraps words to the width inside a diamond and centres the block on the shape', () => {
    // A diamond 200 wide wraps at 84 units: 8 characters.
    const layout = layoutLabel(measurer, labelled({ type: 'diamond', x: 100, y: 100, text: 'one two three' }))!;
    expect(layout.lines).toEqual(['one two', 'three']);
    expect(layout.w).toBe(84);
    expect(layout.h).toBe(2 * 20 * 1.25);
    expect(layout.x + layout.w / 2).toBe(200);
    expect(layout.y + layout.h / 2).toBe(150);
    expect(layout.anchorX).toBe(200);
  });

  it('anchors lines at the left, the middle or the right of the block by the alignment', () => {
    const base = { type: 'rectangle', x: 0, y: 0, text: 'hi' };
    expect(layoutLabel(measurer, labelled({ ...base, textAlign: 'left' }))!.anchorX).toBe(LABEL_PADDING);
    expect(layoutLabel(measurer, labelled(base))!.anchorX).toBe(100);
    expect(layoutLabel(measurer, labelled({ ...base, textAlign: 'right' }))!.anchorX).toBe(200 - LABEL_PADDING);
  });

  it('keeps an arrow label on one line as wide as its text, centred at the middle', () => {
    const layout = layoutLabel(measurer, labelled({ type: 'arrow', x: 0, y: 0, points: [0, 0, 400, 0], text: 'a long label\nyes' }))!;
    expect(layout.lines).toEqual(['a long label', 'yes']);
    expect(layout).toMatchObject({ x: 140, w: 120, anchorX: 200 });
  });

  it('is none for a shape without text', () => {
    expect(layoutLabel(measurer, labelled({ type: 'rectangle' }))).toBeNull();
    expect(layoutLabel(measurer, labelled({ type: 'rectangle', text: '' }))).toBeNull();
  });
});

describe('text alignment', () => {
  it('anchors by alignment, and each type has its default', () => {
    expect([alignedX('left', 10, 100), alignedX('center', 10, 100), alignedX('right', 10, 100)]).toEqual([10, 60, 110]);
    expect(textStyleOf(labelled({ type: 'rectangle' }))).toEqual({ size: 20, family: 'sans', align: 'center' });
    expect(textStyleOf(shapeSchema.parse({ id: 't', z: 'a0', type: 'text', x: 0, y: 0, w: 10, h: 10, text: 'x' }))).toEqual({ size: 20, family: 'sans', align: 'left' });
  });

  it('draws a right-aligned text from its right edge and a centred note line from its middle', () => {
    const { ctx, log } = recordingContext();
    drawShape(ctx, shapeSchema.parse({ id: 't', z: 'a0', type: 'text', x: 10, y: 10, w: 100, h: 25, text: 'ab', textAlign: 'right', fontFamily: 'mono' }));
    let lines = logLines(log);
    expect(lines).toContain('textAlign=right');
    expect(lines.find((line) => line.startsWith('font='))).toContain('JetBrains Mono');
    expect(lines.filter((line) => line.startsWith('fillText'))).toEqual(['fillText(ab,110,22.5)']);
    expect(lines.at(-1)).toBe('globalAlpha=1');
    const note = recordingContext();
    drawShape(note.ctx, shapeSchema.parse({ id: 'n', z: 'a0', type: 'sticky', x: 0, y: 0, w: 100, h: 100, text: 'ab', textAlign: 'center' }));
    lines = logLines(note.log);
    expect(lines.filter((line) => line.startsWith('fillText'))).toEqual(['fillText(ab,50,24.5)']);
  });
});

describe('labels drawn and exported', () => {
  it('draws the label centred in its shape, in the shape colour', () => {
    const { ctx, log } = recordingContext();
    drawShape(ctx, labelled({ type: 'rectangle', x: 0, y: 0, stroke: '#e03131', text: 'Start' }));
    const lines = logLines(log);
    expect(lines).toContain('textAlign=center');
    expect(lines).toContain('fillStyle=#e03131');
    // One line 25 high, centred at y 50.
    expect(lines.filter((line) => line.startsWith('fillText'))).toEqual(['fillText(Start,100,50)']);
  });

  it('exports the label into the SVG, anchored by its alignment', () => {
    const svg = shapeToSvg(labelled({ type: 'ellipse', x: 0, y: 0, text: 'Yes & no', fontFamily: 'hand' }));
    expect(svg).toContain('text-anchor="middle"');
    expect(svg).toContain('Caveat');
    expect(svg).toContain('>Yes &amp; no</tspan>');
  });
});
