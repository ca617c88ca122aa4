import { describe, expect, it } from 'vitest';
import { memoReach, queryKey } from '../../../src/planning/whatIf/memoReach';
import type { MetricRings, PreparedCommunity, ReachProvider, ReachSource } from '../../../src/engine/reach/reachProvider';

const community = (index: number): PreparedCommunity => ({ index, id: `c${index}`, rings: [[[0, 0], [10, 0], [10, 10], [0, 10]]], area_m2: 100, bbox: [0, 0, 10, 10] });
const pt = (id: string, x: number, y: number): ReachSource => ({ kind: 'point', id, xy: [x, y] });
const park: ReachSource = { kind: 'polygon', id: 'p1', rings: [[[20, 0], [30, 0], [30, 10], [20, 10]]], bbox: [20, 0, 30, 10] };

/** An inner provider that records the ids it is asked about and answers a distinct object each time. */
function recorder() {
  const calls: string[][] = [];
  const prepared: string[][] = [];
  const inner: ReachProvider & { prepareSources: (s: ReachSource[], d: number) => void } = {
    mode: 'network',
    reachedPart(_c, sources, _d): MetricRings {
      calls.push(sources.map((s) => s.id));
      return [[[0, 0], [1, 0], [1, 1]]];
    },
    prepareSources(sources) { prepared.push(sources.map((s) => s.id)); },
  };
  return { inner, calls, prepared };
}

/** The same with the optional share-only path. */
function areaRecorder() {
  const areaCalls: string[][] = [];
  const r = recorder();
  const inner: ReachProvider = { ...r.inner, reachedArea(_c, sources, d) { areaCalls.push(sources.map((s) => s.id)); return d * 2; } };
  return { inner, areaCalls, calls: r.calls };
}

describe('memoReach', () => {
  it('answers a repeated query from memory, whatever the source order', () => {
    const { inner, calls } = recorder();
    const m = memoReach(inner);
    const a = m.reachedPart(community(0), [pt('k1', 1, 2), park], 300);
    const b = m.reachedPart(community(0), [park, pt('k1', 1, 2)], 300);
    expect(b).toBe(a);
    expect(calls).toHaveLength(1);
    expect(m.stats).toEqual({ hits: 1, misses: 1 });
  });

  it('asks again for another community, distance or a moved point (same id), passing position-qualified ids', () => {
    const { inner, calls } = recorder();
    const m = memoReach(inner);
    m.reachedPart(community(0), [pt('k1', 1, 2)], 300);
    m.reachedPart(community(1), [pt('k1', 1, 2)], 300);
    m.reachedPart(community(0), [pt('k1', 1, 2)], 500);
    m.reachedPart(community(0), [pt('k1', 7, 2)], 300);
    expect(calls).toEqual([['k1@1,2'], ['k1@1,2'], ['k1@1,2'], ['k1@7,2']]);
    // Polygons keep their ids (they do not move).
    m.reachedPart(community(0), [park], 300);
    expect(calls[4]).toEqual(['p1']);
  });

  it('forwards prepareSources with the same qualified ids, and keys differ by kind', () => {
    const { inner, prepared } = recorder();
    const m = memoReach(inner) as ReturnType<typeof memoReach> & { prepareSources: (s: ReachSource[], d: number) => void };
    m.prepareSources([pt('k1', 1, 2)], 300);
    expect(prepared).toEqual([['k1@1,2']]);
    const poly: ReachSource = { ...park, id: 'k1' };
    expect(queryKey(community(0), [pt('k1', 1, 2)], 300)).not.toBe(queryKey(community(0), [poly], 300));
  });

  it('remembers the share-only path too, with qualified ids, and offers it only when the inner provider has it', () => {
    const { inner, areaCalls, calls } = areaRecorder();
    const m = memoReach(inner);
    expect(m.reachedArea!(community(0), [pt('k1', 1, 2)], 300)).toBe(600);
    expect(m.reachedArea!(community(0), [pt('k1', 1, 2)], 300)).toBe(600);
    m.reachedArea!(community(0), [pt('k1', 5, 2)], 300);
    expect(areaCalls).toEqual([['k1@1,2'], ['k1@5,2']]);
    expect(calls).toEqual([]);
    expect(memoReach(recorder().inner).reachedArea).toBeUndefined();
  });

  it('forgets the oldest answers beyond its size', () => {
    const { inner, calls } = recorder();
    const m = memoReach(inner, 2);
    m.reachedPart(community(0), [pt('a', 0, 0)], 1);
    m.reachedPart(community(1), [pt('a', 0, 0)], 1);
    m.reachedPart(community(2), [pt('a', 0, 0)], 1);
    m.reachedPart(community(0), [pt('a', 0, 0)], 1); // evicted: asked again
    m.reachedPart(community(2), [pt('a', 0, 0)], 1); // still there
    expect(calls).toHaveLength(4);
  });
});
