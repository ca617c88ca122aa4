// A ReachProvider wrapper that remembers each answer by what it depends on: the community, the
// distance and the sources *with their positions*. Moving one facility then re-computes only the
// queries whose source set contains it; every other share of a re-audited community comes back
// from memory. Point ids are passed on qualified by position (`id@x,y`), so that a provider that
// caches by source ids (network/networkReach.ts keys its distance fields by ids) never serves a
// field computed for the facility's old position.
import type { MetricRings, PreparedCommunity, ReachProvider, ReachSource } from '../../engine/reach/reachProvider';

export interface MemoReach extends ReachProvider {
  /** Answers served from memory / computed, since creation (for tests and measurements). */
  readonly stats: { hits: number; misses: number };
}


/** The source as the inner provider sees it: points qualified by their position. */
export function qualifiedSource(s: ReachSource): ReachSource {
  return s.kind === 'point' ? { ...s, id: `${s.id}@${s.xy[0]},${s.xy[1]}` } : s;
}

/** Memory key of one query: community, distance, sorted qualified source ids (kind-tagged). */
export function queryKey(community: PreparedCommunity, sources: ReachSource[], distance: number): string {
  const ids = sources.map((s) => (s.kind === 'point' ? `p:${s.id}@${s.xy[0]},${s.xy[1]}` : `g:${s.id}`)).sort();
  return `${community.index}|${distance}|${ids.join('\u0000')}`;
}

export function memoReach(inner: ReachProvider, maxEntries = 20_000): MemoReach {
  const memory = new Map<string, MetricRings>();
  const areas = new Map<string, number>();
  const stats = { hits: 0, misses: 0 };
  const wrapped: MemoReach = {
    mode: inner.mode,
    stats,
    reachedPart(community, sources, distance) {
      const key = queryKey(community, sources, distance);
      const hit = memory.get(key);
      if (hit) {
        stats.hits++;
        return hit;
      }
      stats.misses++;
      const part = inner.reachedPart(community, sources.map(qualifiedSource), distance);
      if (memory.size >= maxEntries) memory.delete(memory.keys().next().value!);
      memory.set(key, part);
      return part;
    },
  };
  // The optional share-only path (the audit prefers it when present), remembered the same way.
  const area = inner.reachedArea;
  if (typeof area === 'function') {
    wrapped.reachedArea = (community, sources, distance) => {
      const key = queryKey(community, sources, distance);
      const hit = areas.get(key);
      if (hit !== undefined) {
        stats.hits++;
        return hit;
      }
      stats.misses++;
      const a = area.call(inner, community, sources.map(qualifiedSource), distance);
      if (areas.size >= maxEntries) areas.delete(areas.keys().next().value!);
      areas.set(key, a);
      return a;
    };
  }
  const prep = inner.prepareSources;
  if (typeof prep === 'function') wrapped.prepareSources = (sources, distance) => prep.call(inner, sources.map(qualifiedSource), distance);
  const cover = inner.coverageWarnings;
  if (typeof cover === 'function') wrapped.coverageWarnings = (communities, points) => cover.call(inner, communities, points);
  return wrapped;
}
