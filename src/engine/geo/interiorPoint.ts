// A point strictly inside a polygon (outer ring and holes) whose centroid may not be: the middle of
// the widest inside stretch of a few horizontal lines across it (even-odd crossings of every ring).
// turf's pointOnFeature falls back to a vertex, which a neighbouring polygon may share. Planar in
// the coordinates given (longitude/latitude is fine at parcel and community size).
import type { Position, Ring } from '../types';

/** The middle of the widest inside stretch of 15 horizontal lines, or null for a degenerate polygon. */
export function interiorPoint(rings: Ring[]): Position | null {
  let minY = Infinity, maxY = -Infinity;
  for (const p of rings[0]) { if (p[1] < minY) minY = p[1]; if (p[1] > maxY) maxY = p[1]; }
  let best: Position | null = null, bestW = 0;
  for (let k = 1; k < 16; k++) {
    const y = minY + ((maxY - minY) * k) / 16;
    const xs: number[] = [];
    for (const r of rings) for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const [x1, y1] = r[j], [x2, y2] = r[i];
      if ((y1 > y) !== (y2 > y)) xs.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
    }
    xs.sort((a, b) => a - b);
    for (let i = 0; i + 1 < xs.length; i += 2) if (xs[i + 1] - xs[i] > bestW) { bestW = xs[i + 1] - xs[i]; best = [(xs[i] + xs[i + 1]) / 2, y]; }
  }
  return best;
}
