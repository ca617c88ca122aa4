// The walking network as a graph in metres: one node per distinct vertex (snapped to a 1 cm
// grid), one edge per line segment. Lines connect only where they share a vertex (spec
// service-areas-cli.md: "Edges meet only where they share a vertex"), so crossings without a
// shared vertex (bridges, tunnels) stay unconnected. Adjacency is stored as CSR typed arrays and
// edges are indexed by their bounding boxes (flatbush) for joining points to the network.
import Flatbush from 'flatbush';
import type { Position, RoadLine } from '../types';
import type { XY } from '../reach/reachProvider';

/** Projection to the dataset's local metres (the shape of geo/localProjection.ts). */
export interface MetricProjection {
  forward(p: Position): XY;
  inverse(xy: XY): Position;
}

export interface RoadGraph {
  nodeCount: number;
  edgeCount: number;
  nodeX: Float64Array;
  nodeY: Float64Array;
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeLength: Float64Array;
  /** Index into the input lines of the line each edge comes from. */
  edgeLine: Int32Array;
  /** CSR adjacency: the incident edges of node n are adjEdge[adjStart[n] .. adjStart[n+1]). */
  adjStart: Int32Array;
  adjEdge: Int32Array;
  /** Connected component of every node (0 = the largest component, by edge count). */
  nodeComponent: Int32Array;
  /** Edge count of each component, largest first. */
  componentEdges: number[];
  /** Spatial index over edge bounding boxes; item i = edge i. */
  edgeIndex: Flatbush;
  /** Ids of the input lines (edgeLine indexes into this). */
  lineIds: string[];
}

export interface GraphStats {
  nodes: number;
  edges: number;
  totalLength_m: number;
  components: number;
  /** Share of edges in the largest component. */
  largestComponentShare: number;
  componentEdges: number[];
}

export interface BuildGraphOptions {
  /** Vertices closer than this grid size (metres) are the same node. Default 0.01 (1 cm). */
  snap_m?: number;
}

/** Builds the graph from lines already projected to metres. */
export function buildGraph(lines: XY[][], lineIds?: string[], options: BuildGraphOptions = {}): RoadGraph {
  const snap = options.snap_m ?? 0.01;
  // Snapped cells as one number while it is exact (±335 km from the projection centre at 1 cm), else a string.
  const keyOf = new Map<number, number>();
  const farKeyOf = new Map<string, number>();
  const xs: number[] = [];
  const ys: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const lineOf: number[] = [];
  const nodeFor = (p: XY): number => {
    const kx = Math.round(p[0] / snap);
    const ky = Math.round(p[1] / snap);
    const near = Math.abs(kx) < 2 ** 25 && Math.abs(ky) < 2 ** 25;
    const k = near ? (kx + 2 ** 25) * 2 ** 26 + (ky + 2 ** 25) : 0;
    const fk = near ? '' : `${kx},${ky}`;
    let n = near ? keyOf.get(k) : farKeyOf.get(fk);
    if (n === undefined) {
      n = xs.length;
      if (near) keyOf.set(k, n);
      else farKeyOf.set(fk, n);
      xs.push(p[0]);
      ys.push(p[1]);
    }
    return n;
  };
  lines.forEach((line, li) => {
    let prev = -1;
    for (const p of line) {
      if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) continue;
      const n = nodeFor(p);
      if (prev >= 0 && n !== prev) {
        from.push(prev);
        to.push(n);
        lineOf.push(li);
      }
      prev = n;
    }
  });
  const nodeCount = xs.length;
  const edgeCount = from.length;
  const nodeX = Float64Array.from(xs);
  const nodeY = Float64Array.from(ys);
  const edgeFrom = Int32Array.from(from);
  const edgeTo = Int32Array.from(to);
  const edgeLine = Int32Array.from(lineOf);
  const edgeLength = new Float64Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    edgeLength[e] = Math.hypot(nodeX[edgeTo[e]] - nodeX[edgeFrom[e]], nodeY[edgeTo[e]] - nodeY[edgeFrom[e]]);
  }

  // CSR adjacency (each edge listed at both ends).
  const adjStart = new Int32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) {
    adjStart[edgeFrom[e] + 1]++;
    adjStart[edgeTo[e] + 1]++;
  }
  for (let n = 0; n < nodeCount; n++) adjStart[n + 1] += adjStart[n];
  const fill = adjStart.slice(0, nodeCount);
  const adjEdge = new Int32Array(2 * edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    adjEdge[fill[edgeFrom[e]]++] = e;
    adjEdge[fill[edgeTo[e]]++] = e;
  }

  // Connected components (union-find), renumbered by edge count, largest first.
  const parent = new Int32Array(nodeCount);
  for (let n = 0; n < nodeCount; n++) parent[n] = n;
  const find = (n: number): number => {
    while (parent[n] !== n) {
      parent[n] = parent[parent[n]];
      n = parent[n];
    }
    return n;
  };
  for (let e = 0; e < edgeCount; e++) {
    const a = find(edgeFrom[e]);
    const b = find(edgeTo[e]);
    if (a !== b) parent[a] = b;
  }
  const edgesPerRoot = new Map<number, number>();
  for (let n = 0; n < nodeCount; n++) if (!edgesPerRoot.has(find(n))) edgesPerRoot.set(find(n), 0);
  for (let e = 0; e < edgeCount; e++) {
    const r = find(edgeFrom[e]);
    edgesPerRoot.set(r, edgesPerRoot.get(r)! + 1);
  }
  const roots = [...edgesPerRoot.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const rank = new Map<number, number>();
  roots.forEach(([r], i) => rank.set(r, i));
  const nodeComponent = new Int32Array(nodeCount);
  for (let n = 0; n < nodeCount; n++) nodeComponent[n] = rank.get(find(n))!;

  const edgeIndex = new Flatbush(Math.max(1, edgeCount));
  for (let e = 0; e < edgeCount; e++) {
    const a = edgeFrom[e];
    const b = edgeTo[e];
    edgeIndex.add(Math.min(nodeX[a], nodeX[b]), Math.min(nodeY[a], nodeY[b]), Math.max(nodeX[a], nodeX[b]), Math.max(nodeY[a], nodeY[b]));
  }
  if (edgeCount === 0) edgeIndex.add(Infinity, Infinity, Infinity, Infinity);
  edgeIndex.finish();

  return {
    nodeCount,
    edgeCount,
    nodeX,
    nodeY,
    edgeFrom,
    edgeTo,
    edgeLength,
    edgeLine,
    adjStart,
    adjEdge,
    nodeComponent,
    componentEdges: roots.map(([, c]) => c),
    edgeIndex,
    lineIds: lineIds ?? lines.map((_, i) => String(i)),
  };
}

/** Projects road lines with `projection` and builds the graph. */
export function buildRoadGraph(roads: RoadLine[], projection: MetricProjection, options?: BuildGraphOptions): RoadGraph {
  return buildGraph(
    roads.map((r) => r.coordinates.map((p) => projection.forward(p))),
    roads.map((r) => r.id),
    options,
  );
}

export function graphStats(g: RoadGraph): GraphStats {
  let total = 0;
  for (let e = 0; e < g.edgeCount; e++) total += g.edgeLength[e];
  return {
    nodes: g.nodeCount,
    edges: g.edgeCount,
    totalLength_m: total,
    components: g.componentEdges.length,
    largestComponentShare: g.edgeCount ? (g.componentEdges[0] ?? 0) / g.edgeCount : 0,
    componentEdges: g.componentEdges,
  };
}
