// Circle polygons in metres. The vertex count comes from a sagitta (chord-to-arc) tolerance:
// an inscribed regular n-gon has sagitta s = r(1 − cos(π/n)) and relative area deficit
// 1 − sin(2π/n)/(2π/n) ≈ (4/3)·s/r; a relative sagitta of 7e-4 keeps the deficit < 0.1 %.
import type { XY } from '../reach/reachProvider';

/** Default sagitta tolerance: min(0.5 m, 7e-4 · r). */
export function sagittaTolerance(radius: number): number {
  return Math.min(0.5, 7e-4 * radius);
}

/** Vertices of an inscribed regular polygon whose sagitta is ≤ tol. */
export function circleSegments(radius: number, tol = sagittaTolerance(radius)): number {
  if (!(radius > 0)) return 0;
  const t = Math.min(tol, radius);
  return Math.max(8, Math.ceil(Math.PI / Math.acos(1 - t / radius)));
}

const unitTables = new Map<number, Float64Array>();
/** cos/sin of the n vertex angles, interleaved, cached per n (circles are built by the thousand). */
function unitCircle(n: number): Float64Array {
  let t = unitTables.get(n);
  if (!t) {
    t = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const a = (2 * Math.PI * i) / n;
      t[2 * i] = Math.cos(a);
      t[2 * i + 1] = Math.sin(a);
    }
    unitTables.set(n, t);
  }
  return t;
}

/** Counter-clockwise ring (no closing vertex) inscribed in the circle; every vertex is on the circle. */
export function circleRing(center: XY, radius: number, tol?: number): XY[] {
  const n = circleSegments(radius, tol);
  const t = unitCircle(n);
  const ring: XY[] = new Array(n);
  for (let i = 0; i < n; i++) ring[i] = [center[0] + radius * t[2 * i], center[1] + radius * t[2 * i + 1]];
  return ring;
}

/**
 * The same ring as circleRing, flat ([x0, y0, x1, y1, ...]). With `into` (large enough), writes
 * there and returns a view of it (valid until the buffer is reused).
 */
export function circleFlat(cx: number, cy: number, radius: number, tol?: number, into?: Float64Array): Float64Array {
  const n = circleSegments(radius, tol);
  const t = unitCircle(n);
  const f = into && into.length >= 2 * n ? into.subarray(0, 2 * n) : new Float64Array(2 * n);
  for (let i = 0; i < 2 * n; i += 2) { f[i] = cx + radius * t[i]; f[i + 1] = cy + radius * t[i + 1]; }
  return f;
}
