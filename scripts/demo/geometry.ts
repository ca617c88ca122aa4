// Plane geometry in the generator's local metric frame (metres, x east, y north).
export type XY = [number, number];

/** Signed area (shoelace); positive for counter-clockwise rings. Ring without closing vertex. */
export function signedArea(ring: readonly XY[]): number {
  let s = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % n];
    s += x1 * y2 - x2 * y1;
  }
  return s / 2;
}

/** Area centroid of a simple ring. */
export function centroid(ring: readonly XY[]): XY {
  let a = 0, cx = 0, cy = 0;
  const [ox, oy] = ring[0];
  for (let i = 0, n = ring.length; i < n; i++) {
    const x1 = ring[i][0] - ox, y1 = ring[i][1] - oy;
    const x2 = ring[(i + 1) % n][0] - ox, y2 = ring[(i + 1) % n][1] - oy;
    const c = x1 * y2 - x2 * y1;
    a += c; cx += (x1 + x2) * c; cy += (y1 + y2) * c;
  }
  if (Math.abs(a) < 1e-12) return [ox, oy];
  return [ox + cx / (3 * a), oy + cy / (3 * a)];
}

/** Even–odd point-in-ring test (boundary points may go either way). */
export function pointInRing(p: XY, ring: readonly XY[]): boolean {
  let inside = false;
  const [x, y] = p;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function distToSegment(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const l2 = dx * dx + dy * dy;
  let t = l2 > 0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2 : 0;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/** Distance from p to the boundary of a ring. */
export function distToRing(p: XY, ring: readonly XY[]): number {
  let d = Infinity;
  for (let i = 0, n = ring.length; i < n; i++) d = Math.min(d, distToSegment(p, ring[i], ring[(i + 1) % n]));
  return d;
}

/**
 * Intersection of segments p→q and a→b: parameters t on p→q and u on a→b, or null when
 * parallel or not crossing (u tolerance `uEps` lets crossings at a vertex be found on both edges).
 */
export function segmentIntersection(p: XY, q: XY, a: XY, b: XY, uEps = 1e-9): { t: number; u: number } | null {
  const rx = q[0] - p[0], ry = q[1] - p[1];
  const sx = b[0] - a[0], sy = b[1] - a[1];
  const den = rx * sy - ry * sx;
  if (Math.abs(den) < 1e-12 * Math.hypot(rx, ry) * Math.hypot(sx, sy)) return null;
  const wx = a[0] - p[0], wy = a[1] - p[1];
  const t = (wx * sy - wy * sx) / den;
  const u = (wx * ry - wy * rx) / den;
  if (t < 0 || t > 1 || u < -uEps || u > 1 + uEps) return null;
  return { t, u: Math.max(0, Math.min(1, u)) };
}

/** Principal axis direction (unit vector) of a polygon from its second area moments. */
export function principalAxis(ring: readonly XY[]): XY {
  const [cx, cy] = centroid(ring);
  let sxx = 0, syy = 0, sxy = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const x1 = ring[i][0] - cx, y1 = ring[i][1] - cy;
    const x2 = ring[(i + 1) % n][0] - cx, y2 = ring[(i + 1) % n][1] - cy;
    const c = x1 * y2 - x2 * y1;
    sxx += c * (x1 * x1 + x1 * x2 + x2 * x2);
    syy += c * (y1 * y1 + y1 * y2 + y2 * y2);
    sxy += c * (x1 * y2 + 2 * x1 * y1 + 2 * x2 * y2 + x2 * y1);
  }
  // Inertia tensor (up to a common factor): the major axis maximises the second moment along it.
  if (sxx + syy < 0) { sxx = -sxx; syy = -syy; sxy = -sxy; } // clockwise ring
  const angle = 0.5 * Math.atan2(2 * (sxy / 2), sxx - syy);
  return [Math.cos(angle), Math.sin(angle)];
}

export function bboxOf(points: readonly XY[]): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of points) {
    if (x < x0) x0 = x;
    if (y < y0) y0 = y;
    if (x > x1) x1 = x;
    if (y > y1) y1 = y;
  }
  return [x0, y0, x1, y1];
}

/** Offsets a polyline sideways by d (left of travel for d > 0), vertex normals averaged. */
export function offsetPolyline(line: readonly XY[], d: number | ((i: number) => number)): XY[] {
  const n = line.length;
  return line.map((p, i) => {
    const a = line[Math.max(0, i - 1)], b = line[Math.min(n - 1, i + 1)];
    const dx = b[0] - a[0], dy = b[1] - a[1];
    const l = Math.hypot(dx, dy) || 1;
    const off = typeof d === 'number' ? d : d(i);
    return [p[0] - (dy / l) * off, p[1] + (dx / l) * off] as XY;
  });
}

export function polylineLength(line: readonly XY[]): number {
  let s = 0;
  for (let i = 1; i < line.length; i++) s += Math.hypot(line[i][0] - line[i - 1][0], line[i][1] - line[i - 1][1]);
  return s;
}
