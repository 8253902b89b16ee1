import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { MAX_AWARENESS_BYTES, MAX_NAME_LENGTH } from '../protocol/limits';
import { MAX_PREVIEW_POINT_VALUES, MAX_PREVIEW_TEXT_LENGTH } from './preview-schema';
import { MAX_SHARED_SELECTION, parsePresenceState } from './schema';

describe('the presence state', () => {
  it('fits one awareness message at its largest: full selection, preview and laser trail', () => {
    const longNumber = -9_999_999.123;
    const state = {
      user: { name: '€'.repeat(MAX_NAME_LENGTH), color: '#e03131', id: 'u'.repeat(64) },
      cursor: { x: longNumber, y: longNumber },
      selection: Array.from({ length: MAX_SHARED_SELECTION }, (_, i) => String(i).padStart(64, 'x')),
      follow: 123_456_789,
      view: { x: longNumber, y: longNumber, zoom: 0.123_456_789, w: 99_999.123, h: 99_999.123 },
      preview: {
        kind: 'draw',
        shape: {
          type: 'pen', x: longNumber, y: longNumber, w: 99_999.123, h: 99_999.123, stroke: '#1e1e1e80', strokeWidth: 4,
          points: new Array<number>(MAX_PREVIEW_POINT_VALUES).fill(longNumber),
          text: '€'.repeat(MAX_PREVIEW_TEXT_LENGTH / 2),
        },
      },
      laser: new Array<number>(300).fill(longNumber),
    };
    expect(parsePresenceState(state)).not.toBeNull();
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState(state);
    expect(encodeAwarenessUpdate(awareness, [awareness.clientID]).byteLength).toBeLessThan(MAX_AWARENESS_BYTES);
  });

  it('refuses a selection longer than what is shared', () => {
    expect(parsePresenceState({ selection: Array.from({ length: MAX_SHARED_SELECTION + 1 }, (_, i) => `s${i}`) })).toBeNull();
  });
});
