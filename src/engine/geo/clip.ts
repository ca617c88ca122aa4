// Polygon booleans on metric rings with clipper-lib (Vatti clipping on integer coordinates).
// Metres are scaled to integer centimetres; coordinates are relative to the local projection
// centre, so a city stays far inside clipper's fast integer range (±47,453,132 cm = ±474 km).
// Output rings follow reachProvider.ts: outer CCW (positive area), holes CW.
import ClipperLib from 'clipper-lib';
import type { MetricRings, XY } from '../reach/reachProvider';

/** Clipper units per metre (centimetres). */
export const CLIP_SCALE = 100;

export type IntPaths = ClipperLib.Paths;

const { ClipType, PolyType, PolyFillType } = ClipperLib;
const NZ = PolyFillType.pftNonZero;

export function toPaths(rings: MetricRings): IntPaths {
  const out: IntPaths = [];
  for (const r of rings) {
    const p: ClipperLib.Path = new Array(r.length);
    for (let i = 0; i < r.length; i++) p[i] = { X: Math.round(r[i][0] * CLIP_SCALE), Y: Math.round(r[i][1] * CLIP_SCALE) };
    out.push(p);
  }
  return out;
}

export function fromPaths(paths: IntPaths): MetricRings {
  const out: MetricRings = [];
  for (const p of paths) {
    if (p.length < 3) continue;
    const r: XY[] = new Array(p.length);
    for (let i = 0; i < p.length; i++) r[i] = [p[i].X / CLIP_SCALE, p[i].Y / CLIP_SCALE];
    out.push(r);
  }
  return out;
}

function execute(type: ClipperLib.ClipType, subject: IntPaths, clip: IntPaths): IntPaths {
  const c = new ClipperLib.Clipper();
  c.AddPaths(subject, PolyType.ptSubject, true);
  if (clip.length) c.AddPaths(clip, PolyType.ptClip, true);
  const out: IntPaths = [];
  c.Execute(type, out, NZ, NZ);
  return out;
}

/**
 * Union with the non-zero fill rule: correct for any mix of oriented polygon sets (outer CCW,
 * holes CW) that may overlap each other. Also cleans self-overlaps of one set.
 */
export function union(rings: MetricRings): MetricRings {
  if (!rings.length) return [];
  return unionOfPaths(toPaths(rings));
}

/** union of rings already on the grid (as toPaths writes them). */
export function unionOfPaths(paths: IntPaths): MetricRings {
  if (!paths.length) return [];
  return fromPaths(execute(ClipType.ctUnion, paths, []));
}

/** a ∩ b; `b` may be many overlapping oriented polygons (its union is taken implicitly). */
export function intersection(a: MetricRings, b: MetricRings): MetricRings {
  if (!a.length || !b.length) return [];
  return fromPaths(execute(ClipType.ctIntersection, toPaths(a), toPaths(b)));
}

/** a − b; `b` may be many overlapping oriented polygons. */
export function difference(a: MetricRings, b: MetricRings): MetricRings {
  if (!a.length) return [];
  if (!b.length) return a;
  return fromPaths(execute(ClipType.ctDifference, toPaths(a), toPaths(b)));
}

/** Shapes merged per clipper run in unionTreePaths. */
const UNION_FAN_IN = 4;

/**
 * Union (non-zero) of many overlapping shapes by pairwise merging in a balanced tree, each shape a
 * group of paths. One sweep over all shapes meets every crossing of every pair of edges, including
 * those deep inside the union: with m mutually overlapping circles that is O(m²) crossings, the
 * quadratic step of dense coverage. Merging in a tree only ever sweeps the outlines of partial
 * unions (the outline of a union of disks has linear complexity), so the work is about O(m log m).
 * The result is the same region (clipper is exact on integer coordinates).
 */
export function unionTreePaths(shapes: IntPaths[]): IntPaths {
  let level = shapes.filter((s) => s.length);
  if (level.length === 0) return [];
  if (level.length === 1) return level[0];
  while (level.length > 1) {
    const next: IntPaths[] = [];
    for (let i = 0; i < level.length; i += UNION_FAN_IN) {
      const group = level.slice(i, i + UNION_FAN_IN);
      next.push(group.length === 1 ? group[0] : execute(ClipType.ctUnion, group.flat(), []));
    }
    level = next;
  }
  return level[0];
}

/** a ∩ b on integer paths (no conversion), for hot loops. */
export function intersectionPaths(a: IntPaths, b: IntPaths): IntPaths {
  if (!a.length || !b.length) return [];
  return execute(ClipType.ctIntersection, a, b);
}

/** Net area (m²) of integer paths: outer positive, holes negative. */
export function pathsArea(paths: IntPaths): number {
  let a = 0;
  for (const p of paths) a += ClipperLib.Clipper.Area(p);
  return a / (CLIP_SCALE * CLIP_SCALE);
}

/**
 * Offset (grow by `delta` metres, round joins) of oriented polygons; arc vertices lie on the true
 * arc, so the result stays inside the exact buffer (sagitta ≤ arcTolerance metres).
 */
export function offsetPaths(paths: IntPaths, delta: number, arcTolerance: number): IntPaths {
  if (!paths.length || delta === 0) return paths;
  const co = new ClipperLib.ClipperOffset(2, Math.max(0.25, arcTolerance * CLIP_SCALE));
  co.AddPaths(paths, ClipperLib.JoinType.jtRound, ClipperLib.EndType.etClosedPolygon);
  const out: IntPaths = [];
  co.Execute(out, delta * CLIP_SCALE);
  return out;
}
