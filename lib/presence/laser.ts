/**
 * The laser pointer: a trail that fades within about a second, never stored in the document.
 * Each person's trail travels through awareness as [x, y, age in ms, ...]: ages rather than
 * clock times, so that a receiver fades it by its own clock.
 */
import type { Point } from '../geometry/types';

export const LASER_FADE_MS = 1000;
/** The most points a trail keeps (and publishes: three values each). */
export const MAX_LASER_POINTS = 100;

export interface TimedPoint {
  x: number;
  y: number;
  /** When the point was drawn, in this browser's `performance.now()` milliseconds. */
  t: number;
}

export interface LaserTrailView {
  color: string;
  points: readonly TimedPoint[];
}

/** Points still visible at `now`. */
export function visiblePoints(points: readonly TimedPoint[], now: number): TimedPoint[] {
  const first = points.findIndex((point) => now - point.t < LASER_FADE_MS);
  return first === -1 ? [] : points.slice(first);
}

export function appendLaserPoint(points: readonly TimedPoint[], point: Point, now: number): TimedPoint[] {
  return [...visiblePoints(points, now), { x: point.x, y: point.y, t: now }].slice(-MAX_LASER_POINTS);
}

export function laserToWire(points: readonly TimedPoint[], now: number): number[] {
  return visiblePoints(points, now).flatMap((point) => [
    Math.round(point.x * 10) / 10,
    Math.round(point.y * 10) / 10,
    Math.round(now - point.t),
  ]);
}

export function laserFromWire(values: readonly number[], receivedAt: number): TimedPoint[] {
  const points: TimedPoint[] = [];
  for (let i = 0; i + 2 < values.length && points.length < MAX_LASER_POINTS; i += 3) {
    points.push({ x: values[i]!, y: values[i + 1]!, t: receivedAt - Math.max(0, values[i + 2]!) });
  }
  return points;
}
