// How clipper-lib 6.4 writes its output on its integer grid (geo/clip.ts), for code that builds
// that output without clipper. Where it puts the crossing of two edges: the nearest grid point, rounded half away from zero (Clipper.Round), except (Clipper.IntersectPoint
// and its scanbeam sweep):
// - a rounding tie (a coordinate half-way between grid points), rounded from an edge's end vertex;
// - a crossing within about 1 / |Δ(dx/dy)| of a vertex's y (the sweep's scanlines), where the
//   rounded positions of the two edges on the scanline do not show the crossing yet and clipper
//   moves it onto the next scanline;
// - two nearly parallel edges, whose crossing clipper computes with a large floating error.
// Code that builds clipper's output without clipper (gridConvexClip.ts: convex cuts)
// rounds a crossing with clipperRound and refuses one clipperMayMove flags (the caller then asks
// clipper), so that every vertex it keeps is the one clipper returns; and it cleans its ring as
// clipper cleans its output (cleanedAsClipper).

/** Half away from zero, as clipper-lib rounds its crossings (Clipper.Round). */
export function clipperRound(a: number): number {
  return a < 0 ? -Math.round(-a) : Math.round(a);
}

/** Edges whose dx/dy differ by less than this are nearly parallel. */
const PARALLEL = 1e-3;

/**
 * Clipper may put the crossing (x, y) of edges with directions (ax, ay) and (bx, by) elsewhere
 * than the nearest grid point (see the header); the sweep's scanlines are ys[0 .. ny). A coordinate
 * counts as a possible tie when it lies within the floating error of clipper's formula
 * (b = x₀ − y₀ dx/dy per edge, y = Δb / Δ(dx/dy)), with a wide margin, of half-way between grid points.
 */
export function clipperMayMove(x: number, y: number, ax: number, ay: number, bx: number, by: number, ys: Float64Array, ny: number): boolean {
  if (ay === 0 || by === 0) {
    // On a horizontal edge: that edge's scanline; x rounded from the other edge's end vertex.
    const tie = 1e-9 + 1e-14 * Math.abs(x);
    return Math.abs(x - Math.floor(x) - 0.5) < tie;
  }
  const da = ax / ay, db = bx / by;
  const d = Math.abs(da - db);
  if (!(d >= PARALLEL)) return true;
  const tie = 1e-9 + (1e-14 * (Math.abs(y) * (Math.abs(da) + Math.abs(db)) + 2 * Math.abs(x))) / Math.min(d, 1);
  if (Math.abs(x - Math.floor(x) - 0.5) < tie || Math.abs(y - Math.floor(y) - 0.5) < tie) return true;
  const reach = 1 + 1 / d;
  for (let i = 0; i < ny; i++) if (Math.abs(y - ys[i]) < reach) return true;
  return false;
}

/**
 * The ring of n grid vertices out[0 .. 2n) cleaned in place as clipper cleans its output
 * (Clipper.FixupOutPolygon): repeated vertices dropped, then collinear ones (straight turns, and
 * the spikes rounding may leave) until none is left. Returns the vertex count, or 0 when no
 * counter-clockwise ring with area is left.
 */
export function cleanedAsClipper(out: Float64Array, count: number): number {
  let n = 0;
  for (let i = 0; i < count; i++) {
    const x = out[2 * i], y = out[2 * i + 1];
    if (n > 0 && out[2 * n - 2] === x && out[2 * n - 1] === y) continue;
    out[2 * n] = x; out[2 * n + 1] = y; n++;
  }
  while (n > 1 && out[0] === out[2 * n - 2] && out[1] === out[2 * n - 1]) n--;
  for (let changed = true; changed && n >= 3;) {
    changed = false;
    for (let i = 0; i < n && n >= 3;) {
      const p = i === 0 ? n - 1 : i - 1, q = i + 1 < n ? i + 1 : 0;
      const ux = out[2 * i] - out[2 * p], uy = out[2 * i + 1] - out[2 * p + 1];
      const vx = out[2 * q] - out[2 * i], vy = out[2 * q + 1] - out[2 * i + 1];
      if (ux * vy - uy * vx === 0) {
        out.copyWithin(2 * i, 2 * i + 2, 2 * n);
        n--;
        changed = true;
      } else i++;
    }
  }
  if (n < 3) return 0;
  let twice = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) twice += (out[2 * j] - out[2 * i]) * (out[2 * j + 1] + out[2 * i + 1]);
  return twice > 0 ? n : 0;
}
