/**
 * Smooth remote cursors. Cursor positions arrive in bursts (each person sends at most 30 times a
 * second and the server batches every 10-30 ms), so drawing each one where it was last reported
 * makes it jump. Instead each cursor glides from where it is drawn to the newest position over
 * three quarters of the time between the last two reports (easing out): it moves continuously,
 * arrives a little before the next report is due, and trails the reported position by less than
 * one report. Pure time arithmetic; the caller supplies `now` and paints every animation frame.
 */
import type { Point } from '../geometry/types';

/** Glide over this share of the time since the previous report, within these bounds. */
const GLIDE_SHARE = 0.75;
export const MIN_GLIDE_MS = 16;
export const MAX_GLIDE_MS = 80;
/** After this long without a report, the time since it says nothing of the pace: glide briefly. */
const STILL_MS = 500;

interface Track {
  from: Point;
  to: Point;
  start: number;
  duration: number;
  /** When the latest report arrived. */
  reported: number;
}

function lerp(a: Point, b: Point, t: number): Point {
  return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
}

function positionOf(track: Track, now: number): Point {
  if (track.duration <= 0 || now >= track.start + track.duration) return track.to;
  const t = Math.max(0, (now - track.start) / track.duration);
  // Ease out slightly: quick to follow a new report, gentle on arrival.
  return lerp(track.from, track.to, 1 - (1 - t) * (1 - t));
}

export class CursorMotion {
  private readonly tracks = new Map<number, Track>();

  /** A new reported position for a person, or null when their cursor left the canvas. */
  report(id: number, point: Point | null, now: number): void {
    if (!point) {
      this.tracks.delete(id);
      return;
    }
    const track = this.tracks.get(id);
    if (!track) {
      this.tracks.set(id, { from: point, to: point, start: now, duration: 0, reported: now });
      return;
    }
    if (track.to.x === point.x && track.to.y === point.y) return;
    const since = now - track.reported;
    const from = positionOf(track, now);
    const teleport = since > STILL_MS;
    const duration = teleport ? MIN_GLIDE_MS * 2 : Math.min(MAX_GLIDE_MS, Math.max(MIN_GLIDE_MS, since * GLIDE_SHARE));
    this.tracks.set(id, { from, to: point, start: now, duration, reported: now });
  }

  /** Forgets everyone not in `ids` (people who left). */
  retain(ids: ReadonlySet<number>): void {
    for (const id of this.tracks.keys()) if (!ids.has(id)) this.tracks.delete(id);
  }

  /** Where to draw a person's cursor now, or null if it is not on the canvas. */
  position(id: number, now: number): Point | null {
    const track = this.tracks.get(id);
    return track ? positionOf(track, now) : null;
  }

  /** Whether any cursor is still gliding (so another frame is needed). */
  moving(now: number): boolean {
    for (const track of this.tracks.values()) if (now < track.start + track.duration) return true;
    return false;
  }

  get size(): number {
    return this.tracks.size;
  }
}
