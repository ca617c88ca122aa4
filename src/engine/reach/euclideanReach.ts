// Straight-line reach (audit-cli.md, `--mode euclidean`): the part of a community within d metres
// of any source = community ∩ union(circles around point sources, buffers of polygon sources).
// Only the few prefiltered candidates are ever combined (never thousands of buffers, STACK-NOTES);
// the union is implicit in one clipper intersection with the non-zero fill rule.
// Fast exits: no source → []; a circle containing every community vertex (a disk is convex) →
// the whole community; a polygon source containing every community vertex while no source vertex
// lies strictly inside the community → the whole community (the community then lies inside the
// source, whose buffer contains it).
import type { MetricRings, PreparedCommunity, ReachProvider, ReachSource, XY } from './reachProvider';
import { intersectionPaths, fromPaths, offsetPaths, toPaths, CLIP_SCALE, type IntPaths } from '../geo/clip';
import { circleRing, circleSegments, sagittaTolerance } from '../geo/circle';
import { clipRingToRect } from '../geo/clipToRect';
import { pointInRings } from '../geo/pointInPolygon';

/** Margin (m) of the clip window around the community's bbox. */
const WINDOW_MARGIN = 1;

export interface EuclideanReach extends ReachProvider {
  readonly mode: 'euclidean';
  /** Like reachedPart, but returns only the area (m²) of the reached part; skips ring conversion. */
  reachedArea(community: PreparedCommunity, sources: ReachSource[], distance: number): number;
  /** Counters for benchmarks: calls, fast exits and clipper runs. */
  readonly stats: { calls: number; empty: number; whole: number; clipped: number };
}

function allVerticesWithin(rings: MetricRings, c: XY, d: number): boolean {
  const d2 = d * d;
  for (const r of rings) for (const p of r) {
    const dx = p[0] - c[0], dy = p[1] - c[1];
    if (dx * dx + dy * dy > d2) return false;
  }
  return true;
}

/** community ⊆ polygon source (see header). */
function containedInPolygon(community: PreparedCommunity, source: { rings: MetricRings; bbox: [number, number, number, number] }): boolean {
  const cb = community.bbox, sb = source.bbox;
  if (cb[0] < sb[0] || cb[1] < sb[1] || cb[2] > sb[2] || cb[3] > sb[3]) return false;
  for (const r of community.rings) for (const p of r) if (pointInRings(p, source.rings) < 0) return false;
  for (const r of source.rings) for (const p of r) {
    if (p[0] <= cb[0] || p[0] >= cb[2] || p[1] <= cb[1] || p[1] >= cb[3]) continue;
    if (pointInRings(p, community.rings) > 0) return false;
  }
  return true;
}

export function createEuclideanReach(): EuclideanReach {
  const communityPaths = new WeakMap<MetricRings, IntPaths>();
  const bufferCache = new WeakMap<MetricRings, Map<number, MetricRings>>();
  const stats = { calls: 0, empty: 0, whole: 0, clipped: 0 };

  function pathsOf(c: PreparedCommunity): IntPaths {
    let p = communityPaths.get(c.rings);
    if (!p) { p = toPaths(c.rings); communityPaths.set(c.rings, p); }
    return p;
  }

  function buffered(rings: MetricRings, d: number): MetricRings {
    let m = bufferCache.get(rings);
    if (!m) { m = new Map(); bufferCache.set(rings, m); }
    let p = m.get(d);
    if (!p) { p = d > 0 ? fromPaths(offsetPaths(toPaths(rings), d, sagittaTolerance(d))) : rings; m.set(d, p); }
    return p;
  }

  /** 'none' | 'whole' | clipped integer paths. */
  function reach(community: PreparedCommunity, sources: ReachSource[], d: number): 'none' | 'whole' | IntPaths {
    stats.calls++;
    if (!sources.length || !community.rings.length) { stats.empty++; return 'none'; }
    for (const s of sources) {
      if (s.kind === 'point' ? allVerticesWithin(community.rings, s.xy, d) : containedInPolygon(community, s)) {
        stats.whole++;
        return 'whole';
      }
    }
    // Every shape is first cut to the community's bbox (plus a margin, so that the window's
    // edges never run along the community's own edges): only the arcs near it reach clipper.
    const b = community.bbox;
    const rect: [number, number, number, number] = [b[0] - WINDOW_MARGIN, b[1] - WINDOW_MARGIN, b[2] + WINDOW_MARGIN, b[3] + WINDOW_MARGIN];
    const clip: IntPaths = [];
    const addClipped = (r: XY[]) => {
      const p: { X: number; Y: number }[] = new Array(r.length);
      for (let i = 0; i < r.length; i++) p[i] = { X: Math.round(r[i][0] * CLIP_SCALE), Y: Math.round(r[i][1] * CLIP_SCALE) };
      clip.push(p);
    };
    const add = (ring: XY[]) => {
      const r = clipRingToRect(ring, rect);
      if (r.length >= 3) addClipped(r);
    };
    // Point sources, nearest first; a circle whose clipped polygon lies inside the inscribed
    // polygon of a circle already kept (every vertex within d − sagitta of its centre, and a disk
    // is convex) adds nothing to the union and is dropped, exactly.
    if (d > 0) {
      const cx = (b[0] + b[2]) / 2, cy = (b[1] + b[3]) / 2;
      const points: XY[] = [];
      for (const s of sources) if (s.kind === 'point') points.push(s.xy);
      points.sort((p, q) => Math.hypot(p[0] - cx, p[1] - cy) - Math.hypot(q[0] - cx, q[1] - cy));
      const inner = d * Math.cos(Math.PI / circleSegments(d));
      const inner2 = inner * inner;
      const kept: XY[] = [];
      for (const c of points) {
        const r = clipRingToRect(circleRing(c, d), rect);
        if (r.length < 3) continue;
        let dominated = false;
        for (const k of kept) {
          let all = true;
          for (const v of r) {
            const dx = v[0] - k[0], dy = v[1] - k[1];
            if (dx * dx + dy * dy > inner2) { all = false; break; }
          }
          if (all) { dominated = true; break; }
        }
        if (dominated) continue;
        kept.push(c);
        addClipped(r);
      }
    }
    for (const s of sources) if (s.kind === 'polygon') for (const r of buffered(s.rings, d)) add(r);
    if (!clip.length) { stats.empty++; return 'none'; }
    stats.clipped++;
    return intersectionPaths(pathsOf(community), clip);
  }

  return {
    mode: 'euclidean',
    stats,
    reachedPart(community, sources, distance) {
      const r = reach(community, sources, distance);
      if (r === 'none') return [];
      if (r === 'whole') return community.rings.map((ring) => ring.slice());
      return fromPaths(r);
    },
    reachedArea(community, sources, distance) {
      const r = reach(community, sources, distance);
      if (r === 'none') return 0;
      if (r === 'whole') return community.area_m2;
      let a = 0;
      for (const p of r) {
        let s = 0;
        for (let i = 0, j = p.length - 1; i < p.length; j = i++) s += (p[j].X - p[i].X) * (p[j].Y + p[i].Y);
        a += s / 2;
      }
      return Math.min(community.area_m2, a / 1e4);
    },
  };
}
