// The walking graph from flat road lines (buildRoadGraphFlat: one forwardMany over a flat lon/lat
// array) against the graph from the same lines as RoadLine features (buildRoadGraph: a forward per
// position): the same nodes, edges, lengths, adjacency, components and ids, bit for bit.
import { describe, expect, it } from 'vitest';
import { buildRoadGraph, buildRoadGraphFlat, roadLinesCenter, roadLinesFlat, type RoadGraph } from '../../../src/engine/network/graph';
import { centerOf, createLocalProjection } from '../../../src/engine/geo/localProjection';
import type { Position, RoadLine } from '../../../src/engine/types';
import { mulberry32 } from '../../../bench/lib/random';

function expectSameGraph(a: RoadGraph, b: RoadGraph): void {
  for (const k of ['nodeX', 'nodeY', 'edgeFrom', 'edgeTo', 'edgeLength', 'edgeLine', 'adjStart', 'adjEdge', 'nodeComponent'] as const) {
    expect(a[k].length, k).toBe(b[k].length);
    for (let i = 0; i < b[k].length; i++) if (!Object.is(a[k][i], b[k][i])) expect(`${k}[${i}] = ${a[k][i]}`).toBe(`${k}[${i}] = ${b[k][i]}`);
  }
  expect(a.componentEdges).toEqual(b.componentEdges);
  expect(a.lineIds).toEqual(b.lineIds);
}

describe('buildRoadGraphFlat', () => {
  it('builds the graph buildRoadGraph builds from a random street grid (shared vertices, repeated vertices)', () => {
    const rnd = mulberry32(2024);
    // Grid vertices, so lines share them; some vertices repeated (zero-length segments).
    const vertex = (): Position => [118.78 + Math.floor(rnd() * 40) * 2e-4, 32.05 + Math.floor(rnd() * 40) * 2e-4];
    const roads: RoadLine[] = Array.from({ length: 400 }, (_, i) => {
      const coordinates: Position[] = Array.from({ length: 2 + Math.floor(rnd() * 4) }, vertex);
      if (i % 37 === 0) coordinates.push(coordinates[coordinates.length - 1]);
      return { id: `r${i}`, coordinates };
    });
    const flat = roadLinesFlat(roads);
    const center = roadLinesCenter(flat);
    expect(center).toEqual(centerOf(roads.flatMap((r) => r.coordinates)));
    const proj = createLocalProjection(center);
    const g = buildRoadGraphFlat(flat, proj);
    expect(g.edgeCount).toBeGreaterThan(900);
    expectSameGraph(g, buildRoadGraph(roads, proj));
  });

  it('joins lines only where they share a vertex (by hand: two lines meeting end to start, one apart)', () => {
    const roads: RoadLine[] = [
      { id: 'a', coordinates: [[118.78, 32.05], [118.781, 32.05]] },
      { id: 'b', coordinates: [[118.781, 32.05], [118.781, 32.051]] },
      { id: 'c', coordinates: [[118.79, 32.06], [118.791, 32.06]] },
    ];
    const g = buildRoadGraphFlat(roadLinesFlat(roads), createLocalProjection([118.785, 32.055]));
    expect(g.nodeCount).toBe(5);
    expect(g.edgeCount).toBe(3);
    expect([...g.edgeFrom]).toEqual([0, 1, 3]);
    expect([...g.edgeTo]).toEqual([1, 2, 4]);
    expect(g.componentEdges).toEqual([2, 1]);
    // 0.001° of longitude at 32.05°N on the WGS84 ellipsoid: 94.5 m (N cos φ · Δλ).
    expect(g.edgeLength[0]).toBeCloseTo(94.5, 0);
    expect(g.lineIds).toEqual(['a', 'b', 'c']);
  });
});
