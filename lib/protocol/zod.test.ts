import { describe, expect, it } from 'vitest';
import { z } from './zod';

describe('z', () => {
  it('holds the parts lib/ uses, and not zod as a whole (its locales would be in the board page)', () => {
    expect('locales' in z).toBe(false);
    expect('toJSONSchema' in z).toBe(false);
    const schema = z.object({ kind: z.enum(['a', 'b']), n: z.coerce.number().int(), tags: z.array(z.string()).optional() });
    expect(schema.parse({ kind: 'a', n: '3' })).toEqual({ kind: 'a', n: 3 });
    // English messages still come with the schemas themselves.
    expect(schema.safeParse({ kind: 'c', n: 1 }).error?.issues[0]?.message).toMatch(/^Invalid option/);
  });
});
