/** What is drawn live but never stored: the own laser trail and other people's laser trails. */
import type { Point } from '../geometry/types';
import { appendLaserPoint, type LaserTrailView, laserFromWire, type TimedPoint, visiblePoints } from '../presence/laser';

export const OWN_LASER_COLOR = '#e03131';

export class LiveMarks {
  private own: TimedPoint[] = [];
  private readonly lasers = new Map<string, LaserTrailView>();
  private readonly wires = new Map<string, readonly number[]>();

  addLaserPoint(point: Point, now: number): void {
    this.own = appendLaserPoint(this.own, point, now);
  }

  ownTrail(now: number): TimedPoint[] {
    return visiblePoints(this.own, now);
  }

  /** Sets another person's trail as published; returns whether anything changed. */
  setRemoteLaser(key: string, color: string, wire: readonly number[] | null, now: number): boolean {
    // Presence repeats the last trail with every cursor move: only a new trail restarts the fade.
    const last = this.wires.get(key);
    if (wire && last && wire.length === last.length && wire.every((value, i) => value === last[i])) return false;
    if (wire && wire.length > 0) {
      this.wires.set(key, wire);
      this.lasers.set(key, { color, points: laserFromWire(wire, now) });
      return true;
    }
    this.wires.delete(key);
    return this.lasers.delete(key);
  }

  /** Every trail still visible at `now`, the own one first. */
  trails(now: number): LaserTrailView[] {
    const trails = [{ color: OWN_LASER_COLOR, points: visiblePoints(this.own, now) }];
    for (const trail of this.lasers.values()) trails.push({ color: trail.color, points: visiblePoints(trail.points, now) });
    return trails.filter((trail) => trail.points.length > 0);
  }

  /** Whether a trail is still fading (the overlay then repaints every frame). */
  isAnimating(now: number): boolean {
    return this.trails(now).length > 0;
  }
}
