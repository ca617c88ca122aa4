import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../src/engine/network/graph';
import { networkDistances, edgeProfile, touchedEdges } from '../../../src/engine/network/distances';
import { joinPoints, pointOrigins } from '../../../src/engine/network/origins';
import type { XY } from '../../../src/engine/reach/reachProvider';
import { mulberry32, naiveNodeDistances, randomGridLines } from './helpers';

const nodeAt = (g: ReturnType<typeof buildGraph>, x: number, y: number) => {
  for (let n = 0; n < g.nodeCount; n++) if (Math.abs(g.nodeX[n] - x) < 1e-6 && Math.abs(g.nodeY[n] - y) < 1e-6) return n;
  throw new Error(`no node at ${x},${y}`);
};

/** River between y=0 and y=100, crossed only by a bridge at x=500. */
export const riverLines: XY[][] = [
  [[0, 0], [500, 0], [1000, 0]], // near bank
  [[0, 100], [500, 100], [1000, 100]], // far bank
  [[500, 0], [500, 100]], // bridge
];

describe('networkDistances', () => {
  it('river with one bridge: the far bank is reached only via the bridge', () => {
    const g = buildGraph(riverLines);
    const [f] = joinPoints(g, [{ id: 'k', xy: [100, -10] }], 300);
    const nd = networkDistances(g, pointOrigins([f]).origins, Infinity);
    // Connector 10, then along the bank to x=500 (400), bridge (100), back west to x=0 (500).
    expect(nd.dist[nodeAt(g, 0, 100)]).toBeCloseTo(10 + 400 + 100 + 500, 9);
    expect(nd.dist[nodeAt(g, 1000, 100)]).toBeCloseTo(10 + 400 + 100 + 500, 9);
    expect(nd.dist[nodeAt(g, 0, 0)]).toBeCloseTo(10 + 100, 9);
  });

  it('a crossing without a shared vertex does not connect', () => {
    const g = buildGraph([[[0, 0], [200, 0]], [[100, -100], [100, 100]]]);
    const [f] = joinPoints(g, [{ id: 'k', xy: [0, -5] }], 300);
    const nd = networkDistances(g, pointOrigins([f]).origins, Infinity);
    expect(nd.dist[nodeAt(g, 200, 0)]).toBeCloseTo(205, 9);
    expect(nd.dist[nodeAt(g, 100, 100)]).toBe(Infinity);
    expect(nd.dist[nodeAt(g, 100, -100)]).toBe(Infinity);
  });

  it('two components: a facility in one never reaches the other', () => {
    const g = buildGraph([[[0, 0], [100, 0]], [[300, 0], [400, 0]]]);
    const [f] = joinPoints(g, [{ id: 'k', xy: [50, 1] }], 300);
    const nd = networkDistances(g, pointOrigins([f]).origins, Infinity);
    expect(nd.dist[nodeAt(g, 100, 0)]).toBeCloseTo(51, 9);
    expect(nd.dist[nodeAt(g, 300, 0)]).toBe(Infinity);
  });

  it('counts the connector of a facility off the road, and reaches nothing beyond the maximum connector', () => {
    const g = buildGraph([[[0, 0], [100, 0]]]);
    const [near] = joinPoints(g, [{ id: 'k', xy: [30, 250] }], 300);
    const nd = networkDistances(g, pointOrigins([near]).origins, Infinity);
    expect(nd.dist[nodeAt(g, 0, 0)]).toBeCloseTo(250 + 30, 9);
    expect(nd.dist[nodeAt(g, 100, 0)]).toBeCloseTo(250 + 70, 9);
    const [off] = joinPoints(g, [{ id: 'k', xy: [30, 250] }], 200);
    expect(off.join).toBeNull();
    const od = networkDistances(g, pointOrigins([off]).origins, Infinity);
    expect([...od.dist].every((d) => d === Infinity)).toBe(true);
  });

  it('profiles an edge holding the join point: distance grows both ways from it', () => {
    const g = buildGraph([[[0, 0], [100, 0]]]);
    const [f] = joinPoints(g, [{ id: 'k', xy: [30, 5] }], 300);
    const nd = networkDistances(g, pointOrigins([f]).origins, Infinity);
    const p = edgeProfile(g, nd, 0);
    // f(s) = 5 + |s − 30|: 35 at 0, 5 at 30, 35 at 60, 75 at 100; linear between breakpoints.
    const at = (x: number) => {
      for (let i = 0; i + 1 < p.s.length; i++)
        if (x >= p.s[i] && x <= p.s[i + 1]) return p.f[i] + ((p.f[i + 1] - p.f[i]) * (x - p.s[i])) / (p.s[i + 1] - p.s[i]);
      return NaN;
    };
    expect(p.s).toContain(30);
    for (const [x, f] of [[0, 35], [15, 20], [30, 5], [60, 35], [100, 75]]) expect(at(x)).toBeCloseTo(f, 9);
  });

  it('stops at the bound and stays exact within it (random graphs, against a naive Dijkstra)', () => {
    const rand = mulberry32(7);
    for (let t = 0; t < 5; t++) {
      const g = buildGraph(randomGridLines(rand, 9, 80));
      const seeds = [0, 1, 2].map(() => ({ node: Math.floor(rand() * g.nodeCount), cost: rand() * 50 }));
      const want = naiveNodeDistances(g, seeds);
      const nd = networkDistances(g, { nodes: seeds, edges: [] }, 400);
      for (let n = 0; n < g.nodeCount; n++) {
        if (want[n] <= 400) expect(nd.dist[n]).toBeCloseTo(want[n], 9);
        else expect(nd.dist[n]).toBeGreaterThan(400);
      }
    }
  });

  it('multi-source distances equal the minimum of single-source distances', () => {
    const rand = mulberry32(11);
    const g = buildGraph(randomGridLines(rand, 10, 70));
    const pts = [0, 1, 2, 3].map((i) => ({ id: `f${i}`, xy: [rand() * 600, rand() * 600] as XY }));
    const joined = joinPoints(g, pts, 300);
    const all = networkDistances(g, pointOrigins(joined).origins, Infinity);
    const singles = joined.map((j) => networkDistances(g, pointOrigins([j]).origins, Infinity));
    for (let n = 0; n < g.nodeCount; n++) {
      const min = Math.min(...singles.map((s) => s.dist[n]));
      if (min === Infinity) expect(all.dist[n]).toBe(Infinity);
      else expect(all.dist[n]).toBeCloseTo(min, 9);
    }
  });
});

describe('touchedEdges', () => {
  it('lists, ascending and once each, the edges with an end within d or a seed reached within d (against a scan of every edge)', () => {
    const rand = mulberry32(31);
    // Two graphs of different sizes, asked in turn: the bitmap kept between calls must come back clear.
    const graphs = [buildGraph(randomGridLines(rand, 40, 50)), buildGraph(randomGridLines(rand, 12, 80))];
    let asked = 0;
    for (let round = 0; round < 3; round++)
      for (const g of graphs) {
        const facilities = Array.from({ length: 3 }, (_, i) => ({ id: `f${i}`, xy: [rand() * 1500, rand() * 800] as XY }));
        const joined = joinPoints(g, facilities, 500).filter((j) => j.join);
        const nd = networkDistances(g, pointOrigins(joined).origins, 900);
        for (const d of [0, 120, 400, 900]) {
          const want: number[] = [];
          for (let e = 0; e < g.edgeCount; e++) {
            const seeded = (nd.edgeSeeds.get(e) ?? []).some((q) => q.cost <= d);
            if (nd.dist[g.edgeFrom[e]] <= d || nd.dist[g.edgeTo[e]] <= d || seeded) want.push(e);
          }
          expect([...touchedEdges(g, nd, d)], `d = ${d}`).toEqual(want);
          asked += want.length;
        }
      }
    expect(asked).toBeGreaterThan(2000);
  });

  it('lists an edge reached only through its seed (by hand: a facility 10 m off the middle of a 1 km street)', () => {
    const g = buildGraph([[[0, 0], [1000, 0]], [[1000, 0], [1000, 1000]]]);
    const joined = joinPoints(g, [{ id: 'f', xy: [500, 10] }], 500);
    const nd = networkDistances(g, pointOrigins(joined).origins, 2000);
    // Both ends 510 m away: at 100 m only the seed (cost 10) touches edge 0.
    expect([...touchedEdges(g, nd, 100)]).toEqual([0]);
    expect([...touchedEdges(g, nd, 5)]).toEqual([]);
    expect([...touchedEdges(g, nd, 600)]).toEqual([0, 1]);
  });
});
