// Straight-line reach (audit-cli.md, `--mode euclidean`): the part of a community within d metres
// of any source = community ∩ union(circles around point sources, buffers of polygon sources).
// Only the few prefiltered candidates are ever combined (never thousands of buffers, STACK-NOTES);
// the union is implicit in one clipper intersection with the non-zero fill rule.
// Fast exits: no source → []; a circle containing every community vertex (a disk is convex) →
// the whole community; a polygon source containing every community vertex while no source vertex
// lies strictly inside the community → the whole community (the community then lies inside the
// source, whose buffer contains it).
import type { MetricRings, PreparedCommunity, ReachProvider, ReachSource, XY } from './reachProvider';
import { intersectionPaths, fromPaths, offsetPaths, toPaths, type IntPaths } from '../geo/clip';
import { circleRing, sagittaTolerance } from '../geo/circle';
import { pointInRings } from '../geo/pointInPolygon';

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
  const bufferCache = new WeakMap<MetricRings, Map<number, IntPaths>>();
  const stats = { calls: 0, empty: 0, whole: 0, clipped: 0 };

  function pathsOf(c: PreparedCommunity): IntPaths {
    let p = communityPaths.get(c.rings);
    if (!p) { p = toPaths(c.rings); communityPaths.set(c.rings, p); }
    return p;
  }

  function buffered(rings: MetricRings, d: number): IntPaths {
    let m = bufferCache.get(rings);
    if (!m) { m = new Map(); bufferCache.set(rings, m); }
    let p = m.get(d);
    if (!p) { p = d > 0 ? offsetPaths(toPaths(rings), d, sagittaTolerance(d)) : toPaths(rings); m.set(d, p); }
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
    const clip: IntPaths = [];
    for (const s of sources) {
      if (s.kind === 'point') {
        if (d <= 0) continue;
        const ring = circleRing(s.xy, d);
        clip.push(toPaths([ring])[0]);
      } else {
        for (const p of buffered(s.rings, d)) clip.push(p);
      }
    }
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
