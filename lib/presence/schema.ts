/**
 * What each person publishes through awareness: who they are, where their cursor is, what they
 * have selected and are doing. The server checks every incoming awareness state against this
 * schema (clamping an over-long name) before anyone else sees it; clients render names as text
 * only.
 *
 * Every state goes to everyone on the board with each change, cursor moves included, so fields
 * beyond the first three are optional and left out when they say nothing: the common state stays
 * about 100 bytes.
 */
import { z } from '../protocol/zod';
import { MAX_NAME_LENGTH } from '../protocol/limits';
import { previewSchema } from './preview-schema';

const point = z.object({ x: z.number().finite(), y: z.number().finite() });

export const presenceUserSchema = z.object({
  name: z.string().transform((name) => name.slice(0, MAX_NAME_LENGTH)),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  /** The browser's persistent user id: tells a person who reloads (new client id) from a newcomer. */
  id: z.string().max(64).optional(),
});

/**
 * What a person's canvas shows: the board point at its top-left corner, the zoom, and the canvas's
 * CSS size in pixels (so a follower with the same size gets exactly the same viewport).
 */
export const viewRectSchema = z.object({
  x: z.number().finite(),
  y: z.number().finite(),
  zoom: z.number().finite().positive(),
  w: z.number().finite().positive().max(100_000),
  h: z.number().finite().positive().max(100_000),
});

/**
 * Others see the outlines of at most this many of a person's selected shapes. 300 ids of at most
 * 64 characters are at most 20 KB, so that the whole state, with a live preview (at most 32 KB)
 * and a laser trail, stays within an awareness message (MAX_AWARENESS_BYTES, 64 KB; schema.test
 * builds that state). Select all on a large board would not fit.
 */
export const MAX_SHARED_SELECTION = 300;

/**
 * Every field is optional: a stock Yjs client announces itself with `{}` and is still a person on
 * the board (shown as "Anonymous").
 */
export const presenceStateSchema = z.object({
  user: presenceUserSchema.optional(),
  /** Board coordinates of the pointer; null while the pointer is off the canvas. */
  cursor: point.nullable().default(null),
  /** Ids of the shapes this person has selected (the first MAX_SHARED_SELECTION of them). */
  selection: z.array(z.string().max(64)).max(MAX_SHARED_SELECTION).default([]),
  /** Present and true after a minute without input. */
  idle: z.boolean().optional(),
  /** The client id of the person this one follows (their viewport tracks that person's). */
  follow: z.number().int().nonnegative().optional(),
  /** What this person's canvas shows; published only while someone follows them. */
  view: viewRectSchema.optional(),
  /** The gesture in progress, live (see preview-schema.ts). */
  preview: previewSchema.optional(),
  /** A laser pointer trail, never stored: [x, y, age in ms, ...] for up to 100 points. */
  laser: z.array(z.number().finite()).max(300).optional(),
});

export type PresenceUser = z.infer<typeof presenceUserSchema>;
export type PresenceState = z.infer<typeof presenceStateSchema>;
export type ViewRect = z.infer<typeof viewRectSchema>;

/** A palette of cursor colours that read well on light and dark backgrounds. */
export const PRESENCE_COLORS = [
  '#e03131', '#2f9e44', '#1971c2', '#f08c00', '#9c36b5', '#0c8599', '#e8590c', '#5c940d',
] as const;

/** A stable colour for a person, derived from a persistent id (so it survives reloads). */
export function colorFor(seed: string): string {
  let hash = 0;
  for (let i = 0; i < seed.length; i++) hash = (hash * 31 + seed.charCodeAt(i)) | 0;
  return PRESENCE_COLORS[Math.abs(hash) % PRESENCE_COLORS.length]!;
}

/** Parses a state received from a peer: the cleaned state, or null if it does not fit. */
export function parsePresenceState(state: unknown): PresenceState | null {
  const parsed = presenceStateSchema.safeParse(state);
  return parsed.success ? parsed.data : null;
}
