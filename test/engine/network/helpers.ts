// Test helpers for the network module: a seeded PRNG, random grid-with-noise graphs, an
// independent naive Dijkstra (O(n²), no heap) and a brute-force walking distance for the
// "nothing unreachable inside" property.
import type { MetricRings, XY } from '../../../src/engine/reach/reachProvider';
import type { RoadGraph } from '../../../src/engine/network/graph';

export { mulberry32 } from '../../../bench/lib/random';

/**
 * A jittered n×n grid (spacing `step`), each grid edge kept with probability `keep`, as separate
 * two-point lines; plus a few long lines that cross the grid without shared vertices.
 */
export function randomGridLines(rand: () => number, n: number, step: number, keep = 0.8, crossing = 2): XY[][] {
  const node: XY[][] = [];
  for (let i = 0; i < n; i++) {
    node.push([]);
    for (let j = 0; j < n; j++) node[i].push([i * step + (rand() - 0.5) * step * 0.4, j * step + (rand() - 0.5) * step * 0.4]);
  }
  const lines: XY[][] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      if (i + 1 < n && rand() < keep) lines.push([node[i][j], node[i + 1][j]]);
      if (j + 1 < n && rand() < keep) lines.push([node[i][j], node[i][j + 1]]);
    }
  for (let k = 0; k < crossing; k++) {
    const y = (0.2 + 0.6 * rand()) * step * (n - 1);
    lines.push([[-step * 0.3, y], [step * (n - 0.7), y + step * 0.5]]);
  }
  return lines;
}

/** Naive Dijkstra (linear scan for the minimum) over the graph arrays, from node seeds. */
export function naiveNodeDistances(g: RoadGraph, seeds: { node: number; cost: number }[]): Float64Array {
  const dist = new Float64Array(g.nodeCount).fill(Infinity);
  const done = new Uint8Array(g.nodeCount);
  for (const s of seeds) dist[s.node] = Math.min(dist[s.node], s.cost);
  for (;;) {
    let best = -1;
    for (let n = 0; n < g.nodeCount; n++) if (!done[n] && dist[n] < Infinity && (best < 0 || dist[n] < dist[best])) best = n;
    if (best < 0) break;
    done[best] = 1;
    for (let e = 0; e < g.edgeCount; e++) {
      const a = g.edgeFrom[e];
      const b = g.edgeTo[e];
      if (a === best && dist[best] + g.edgeLength[e] < dist[b]) dist[b] = dist[best] + g.edgeLength[e];
      if (b === best && dist[best] + g.edgeLength[e] < dist[a]) dist[a] = dist[best] + g.edgeLength[e];
    }
  }
  return dist;
}

/** Dense samples (about every `step` metres) of all edges with their walking distances. */
export function sampleNetwork(
  g: RoadGraph,
  nodeDist: Float64Array,
  seedsOnEdges: { edge: number; s: number; cost: number }[],
  step: number,
): { x: number; y: number; f: number }[] {
  const out: { x: number; y: number; f: number }[] = [];
  for (let e = 0; e < g.edgeCount; e++) {
    const L = g.edgeLength[e];
    const a = g.edgeFrom[e];
    const b = g.edgeTo[e];
    const k = Math.max(1, Math.ceil(L / step));
    for (let i = 0; i <= k; i++) {
      const s = (L * i) / k;
      let f = Math.min(nodeDist[a] + s, nodeDist[b] + L - s);
      for (const q of seedsOnEdges) if (q.edge === e) f = Math.min(f, q.cost + Math.abs(s - q.s));
      out.push({ x: g.nodeX[a] + ((g.nodeX[b] - g.nodeX[a]) * s) / L, y: g.nodeY[a] + ((g.nodeY[b] - g.nodeY[a]) * s) / L, f });
    }
  }
  return out;
}

/** Even-odd point in rings. */
export function insideRings(x: number, y: number, rings: MetricRings): boolean {
  let inside = false;
  for (const r of rings)
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const [xi, yi] = r[i];
      const [xj, yj] = r[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  return inside;
}

/** Signed area by the shoelace formula, written out independently of the code under test. */
export function shoelace(rings: MetricRings): number {
  let a = 0;
  for (const r of rings) for (let i = 0; i < r.length; i++) {
    const [x1, y1] = r[i];
    const [x2, y2] = r[(i + 1) % r.length];
    a += x1 * y2 - x2 * y1;
  }
  return a / 2;
}
