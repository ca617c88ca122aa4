// One point that stands for a polygon (a vacant parcel imported as a candidate site for proposals):
// the area centroid of its largest part when that lies inside the part, else the middle of the
// widest inside stretch of a few horizontal lines across it, so a U- or L-shaped parcel still
// gets a point on its own land (not in the courtyard or on a neighbour's shared vertex).
// Planar in longitude/latitude: at parcel size (well under a kilometre) the distortion is far
// below the tolerance of siting.
import { interiorPoint } from '../../engine/geo/interiorPoint';
import type { MultiPolygonCoords, Position, Ring } from '../../engine/types';

/** Signed shoelace area and area centroid of a ring (degrees², planar). */
function ringMoments(r: Ring): { a: number; cx: number; cy: number } {
  let a = 0, cx = 0, cy = 0;
  const [ox, oy] = r[0];
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const x1 = r[j][0] - ox, y1 = r[j][1] - oy, x2 = r[i][0] - ox, y2 = r[i][1] - oy;
    const c = x1 * y2 - x2 * y1;
    a += c;
    cx += (x1 + x2) * c;
    cy += (y1 + y2) * c;
  }
  a /= 2;
  return a === 0 ? { a: 0, cx: ox, cy: oy } : { a, cx: ox + cx / (6 * a), cy: oy + cy / (6 * a) };
}

/** Even-odd point in polygon (outer ring and holes); points on an edge count as outside. */
function inside(p: Position, rings: Ring[]): boolean {
  let odd = false;
  for (const r of rings) for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const [x1, y1] = r[j], [x2, y2] = r[i];
    if ((y1 > p[1]) !== (y2 > p[1]) && p[0] < x1 + ((p[1] - y1) * (x2 - x1)) / (y2 - y1)) odd = !odd;
  }
  return odd;
}

/** A point inside the largest part of `geometry` (outer ring minus holes); null when it has no area. */
export function representativePoint(geometry: MultiPolygonCoords): Position | null {
  let best: { rings: Ring[]; area: number; c: Position } | null = null;
  for (const part of geometry) {
    if (!part[0] || part[0].length < 4) continue;
    const outer = ringMoments(part[0]);
    let area = Math.abs(outer.a), mx = outer.cx * Math.abs(outer.a), my = outer.cy * Math.abs(outer.a);
    for (const hole of part.slice(1)) {
      if (hole.length < 4) continue;
      const h = ringMoments(hole);
      area -= Math.abs(h.a); mx -= h.cx * Math.abs(h.a); my -= h.cy * Math.abs(h.a);
    }
    if (area > 0 && (!best || area > best.area)) best = { rings: part, area, c: [mx / area, my / area] };
  }
  if (!best) return null;
  return inside(best.c, best.rings) ? best.c : interiorPoint(best.rings);
}
