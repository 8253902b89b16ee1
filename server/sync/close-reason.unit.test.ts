import { describe, expect, it } from 'vitest';
import { closeReason, MAX_CLOSE_REASON_BYTES } from './close-reason';

describe('closeReason', () => {
  it('keeps a short reason whole', () => {
    expect(closeReason('bad-frame', 'truncated')).toBe('bad-frame: truncated');
  });

  it('cuts a long non-ASCII reason to 123 bytes of UTF-8, never inside a character', () => {
    for (const character of ['é', '€', '😀']) {
      const message = character.repeat(200);
      const reason = closeReason('invalid-update', message);
      const bytes = Buffer.byteLength(reason);
      expect(bytes).toBeLessThanOrEqual(MAX_CLOSE_REASON_BYTES);
      expect(bytes).toBeGreaterThan(MAX_CLOSE_REASON_BYTES - Buffer.byteLength(character));
      expect(`invalid-update: ${message}`.startsWith(reason)).toBe(true);
      expect(reason).not.toContain('\uFFFD');
    }
  });
});
