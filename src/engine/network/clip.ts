// Small clipper-lib wrapper for the network module: polygon booleans on metric rings in integer
// centimetres (coordinates are relative to the projection centre, so they stay in clipper's fast
// integer range). Output rings follow reachProvider.ts: outer CCW (positive area), holes CW.
import ClipperLib from 'clipper-lib';
import type { MetricRings, XY } from '../reach/reachProvider';

const SCALE = 100;

export type IntPaths = ClipperLib.Paths;

export function toPaths(rings: MetricRings): IntPaths {
  return rings.map((r) => r.map(([x, y]) => ({ X: Math.round(x * SCALE), Y: Math.round(y * SCALE) })));
}

export function fromPaths(paths: IntPaths): MetricRings {
  const out: MetricRings = [];
  for (const p of paths) {
    if (p.length < 3) continue;
    out.push(p.map((q) => [q.X / SCALE, q.Y / SCALE] as XY));
  }
  return out;
}

function execute(type: ClipperLib.ClipType, subject: IntPaths, clip: IntPaths, subjectFill: ClipperLib.PolyFillType, clipFill: ClipperLib.PolyFillType): IntPaths {
  const c = new ClipperLib.Clipper();
  c.AddPaths(subject, ClipperLib.PolyType.ptSubject, true);
  if (clip.length) c.AddPaths(clip, ClipperLib.PolyType.ptClip, true);
  const out: IntPaths = [];
  c.Execute(type, out, subjectFill, clipFill);
  return out;
}

/** Union of many possibly overlapping polygons (non-zero fill: each path counts on its own). */
export function unionPaths(paths: IntPaths): IntPaths {
  if (!paths.length) return [];
  return execute(ClipperLib.ClipType.ctUnion, paths, [], ClipperLib.PolyFillType.pftNonZero, ClipperLib.PolyFillType.pftNonZero);
}

/** a ∩ b, where both are clean polygon sets (outer + holes, even-odd safe). */
export function intersectPaths(a: IntPaths, b: IntPaths): IntPaths {
  if (!a.length || !b.length) return [];
  return execute(ClipperLib.ClipType.ctIntersection, a, b, ClipperLib.PolyFillType.pftNonZero, ClipperLib.PolyFillType.pftNonZero);
}

/** a − b. `b` may be a set of overlapping polygons (non-zero fill). */
export function differencePaths(a: IntPaths, b: IntPaths): IntPaths {
  if (!a.length) return [];
  if (!b.length) return a;
  return execute(ClipperLib.ClipType.ctDifference, a, b, ClipperLib.PolyFillType.pftNonZero, ClipperLib.PolyFillType.pftNonZero);
}

/**
 * Grows clean polygons by `delta` metres with round joins; arc vertices lie on the true arc
 * (inscribed), so the result stays inside the true buffer up to `arcTolerance` metres of sagitta.
 */
export function offsetPaths(paths: IntPaths, delta: number, arcTolerance = 0.25): IntPaths {
  if (!paths.length || delta <= 0) return paths;
  const co = new ClipperLib.ClipperOffset(2, arcTolerance * SCALE);
  co.AddPaths(paths, ClipperLib.JoinType.jtRound, ClipperLib.EndType.etClosedPolygon);
  const out: IntPaths = [];
  co.Execute(out, delta * SCALE);
  return out;
}

/** Signed area (m²) of metric rings: outer rings positive, holes negative. */
export function ringsArea(rings: MetricRings): number {
  let a = 0;
  for (const r of rings) {
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) a += (r[j][0] - r[i][0]) * (r[j][1] + r[i][1]);
  }
  return a / 2;
}
