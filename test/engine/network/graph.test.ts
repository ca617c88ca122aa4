import { describe, expect, it } from 'vitest';
import { buildGraph, buildRoadGraph, graphStats } from '../../../src/engine/network/graph';
import { joinPoint } from '../../../src/engine/network/join';
import type { XY } from '../../../src/engine/reach/reachProvider';

describe('buildGraph', () => {
  it('connects lines only at shared vertices (a crossing without a vertex stays apart)', () => {
    // A: (0,0)–(200,0); B: (100,-100)–(100,100) crosses A at (100,0) with no vertex there.
    const g = buildGraph([[[0, 0], [200, 0]], [[100, -100], [100, 100]]]);
    expect(g.nodeCount).toBe(4);
    expect(g.edgeCount).toBe(2);
    expect(graphStats(g).components).toBe(2);
    // With the vertex (100,0) in both lines they meet: 5 nodes, 4 edges, one component.
    const h = buildGraph([[[0, 0], [100, 0], [200, 0]], [[100, -100], [100, 0], [100, 100]]]);
    expect(h.nodeCount).toBe(5);
    expect(h.edgeCount).toBe(4);
    expect(graphStats(h).components).toBe(1);
  });

  it('snaps vertices within 1 cm and drops zero-length segments', () => {
    const g = buildGraph([[[0, 0], [50, 0]], [[50.001, 0.002], [50.001, 0.002], [50, 80]]]);
    expect(g.nodeCount).toBe(3); // (0,0), (50,0) = (50.001,0.002), (50,80)
    expect(g.edgeCount).toBe(2);
    expect(graphStats(g).components).toBe(1);
  });

  it('builds CSR adjacency, lengths and components sorted by size', () => {
    // Component 1: a 3-4-5 triangle (3 edges, 12 m); component 2: one 10 m segment.
    const lines: XY[][] = [[[0, 0], [3, 0], [3, 4], [0, 0]], [[100, 100], [110, 100]]];
    const g = buildGraph(lines, ['tri', 'seg']);
    const s = graphStats(g);
    expect(s.edges).toBe(4);
    expect(s.totalLength_m).toBeCloseTo(3 + 4 + 5 + 10, 9);
    expect(s.componentEdges).toEqual([3, 1]);
    expect(s.largestComponentShare).toBeCloseTo(0.75, 12);
    // Node (0,0) touches two edges of the triangle.
    const n0 = 0;
    expect(g.adjStart[n0 + 1] - g.adjStart[n0]).toBe(2);
    expect(g.nodeComponent[n0]).toBe(0);
    expect(g.lineIds[g.edgeLine[3]]).toBe('seg');
  });

  it('projects RoadLine coordinates with the given projection', () => {
    const proj = { forward: (p: [number, number]): XY => [p[0] * 1000, p[1] * 1000], inverse: (xy: XY): [number, number] => [xy[0] / 1000, xy[1] / 1000] };
    const g = buildRoadGraph([{ id: 'r', coordinates: [[0, 0], [0.3, 0.4]] }], proj);
    expect(g.edgeLength[0]).toBeCloseTo(500, 9);
  });
});

describe('joinPoint', () => {
  const g = buildGraph([[[0, 0], [100, 0], [100, 100]]]);
  it('joins at the nearest point of the nearest segment', () => {
    const j = joinPoint(g, [40, -7], 300)!;
    expect(j.edge).toBe(0);
    expect(j.s).toBeCloseTo(40, 9);
    expect(j.connector).toBeCloseTo(7, 9);
    // (130, 60): 30 m from the vertical segment (at s = 60 from (100,0)), farther from the first.
    const k = joinPoint(g, [130, 60], 300)!;
    expect(k.edge).toBe(1);
    expect(k.s).toBeCloseTo(60, 9);
    expect(k.connector).toBeCloseTo(30, 9);
  });
  it('is off network beyond the maximum connector', () => {
    expect(joinPoint(g, [50, -250], 300)!.connector).toBeCloseTo(250, 9);
    expect(joinPoint(g, [50, -250], 200)).toBeNull();
  });
});
