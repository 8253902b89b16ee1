/** A point in board coordinates unless a name says otherwise. */
export interface Point {
  x: number;
  y: number;
}

/** An axis-aligned box; `w` and `h` are never negative. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
