// The walking network as a graph in metres: one node per distinct vertex (snapped to a 1 cm
// grid), one edge per line segment. Lines connect only where they share a vertex (spec
// service-areas-cli.md: "Edges meet only where they share a vertex"), so crossings without a
// shared vertex (bridges, tunnels) stay unconnected. Adjacency is stored as CSR typed arrays and
// edges are indexed by their bounding boxes (flatbush) for joining points to the network.
import Flatbush from 'flatbush';
import type { Position, RoadLine } from '../types';
import type { LocalProjection } from '../geo/localProjection';
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

/** Road lines in flat arrays, lon/lat as read (no array per vertex): line k's vertices are
 *  lineOffsets[k] … lineOffsets[k + 1] − 1, vertex v at xy[2v], xy[2v + 1]; ids[k] is its id. */
export interface RoadLinesFlat {
  /** Number of lines. */
  length: number;
  ids: string[];
  lineOffsets: Uint32Array;
  xy: Float64Array;
}

/** Road lines (engine features) as RoadLinesFlat: the same positions and ids, in order. */
export function roadLinesFlat(roads: readonly RoadLine[]): RoadLinesFlat {
  const lineOffsets = new Uint32Array(roads.length + 1);
  for (let k = 0; k < roads.length; k++) lineOffsets[k + 1] = lineOffsets[k] + roads[k].coordinates.length;
  const xy = new Float64Array(2 * lineOffsets[roads.length]);
  let v = 0;
  for (const r of roads) for (const p of r.coordinates) {
    xy[2 * v] = p[0];
    xy[2 * v + 1] = p[1];
    v++;
  }
  return { length: roads.length, ids: roads.map((r) => r.id), lineOffsets, xy };
}

/** The middle of the lines' extent (finite vertices only; [0, 0] without any): geo/localProjection's centerOf of every vertex. */
export function roadLinesCenter(lines: RoadLinesFlat): Position {
  const { xy } = lines;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let v = 0; v < xy.length; v += 2) {
    const x = xy[v], y = xy[v + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  if (minX === Infinity) return [0, 0];
  return [(minX + maxX) / 2, (minY + maxY) / 2];
}

/** Builds the graph from lines already projected to metres. */
export function buildGraph(lines: XY[][], lineIds?: string[], options: BuildGraphOptions = {}): RoadGraph {
  const lineOffsets = new Uint32Array(lines.length + 1);
  for (let k = 0; k < lines.length; k++) lineOffsets[k + 1] = lineOffsets[k] + lines[k].length;
  const xy = new Float64Array(2 * lineOffsets[lines.length]);
  let v = 0;
  for (const line of lines) for (const p of line) {
    xy[2 * v] = p[0];
    xy[2 * v + 1] = p[1];
    v++;
  }
  return graphOfFlat(xy, lineOffsets, lineIds ?? lines.map((_, i) => String(i)), options);
}

/** Projects flat road lines (lon/lat) with the projection's forwardMany and builds the graph: the
 *  same graph as buildRoadGraph of the same lines with its forward (the same doubles per vertex). */
export function buildRoadGraphFlat(lines: RoadLinesFlat, projection: Pick<LocalProjection, 'forwardMany'>, options: BuildGraphOptions = {}): RoadGraph {
  const n = lines.lineOffsets[lines.length];
  const xy = new Float64Array(2 * n);
  projection.forwardMany(lines.xy, 0, n, xy, 0);
  return graphOfFlat(xy, lines.lineOffsets, lines.ids, options);
}

/**
 * The graph of lines in metres held flat (line k: vertices lineOffsets[k] … lineOffsets[k + 1] − 1
 * of xy). Vertices become nodes in order of first appearance; a non-finite vertex is skipped.
 */
function graphOfFlat(xy: Float64Array, lineOffsets: Uint32Array, lineIds: string[], options: BuildGraphOptions): RoadGraph {
  const snap = options.snap_m ?? 0.01;
  const nLines = lineOffsets.length - 1;
  const nv = lineOffsets[nLines];
  // Snapped cells as one number while it is exact (±335 km from the projection centre at 1 cm), else a string.
  const keyOf = new Map<number, number>();
  const farKeyOf = new Map<string, number>();
  // At most one node per vertex and one edge per vertex: filled, then trimmed.
  const xs = new Float64Array(nv);
  const ys = new Float64Array(nv);
  const from = new Int32Array(nv);
  const to = new Int32Array(nv);
  const lineOf = new Int32Array(nv);
  let nodes = 0;
  let edges = 0;
  for (let li = 0; li < nLines; li++) {
    let prev = -1;
    for (let v = lineOffsets[li]; v < lineOffsets[li + 1]; v++) {
      const x = xy[2 * v], y = xy[2 * v + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      const kx = Math.round(x / snap);
      const ky = Math.round(y / snap);
      const near = Math.abs(kx) < 2 ** 25 && Math.abs(ky) < 2 ** 25;
      let n: number | undefined;
      if (near) {
        const k = (kx + 2 ** 25) * 2 ** 26 + (ky + 2 ** 25);
        n = keyOf.get(k);
        if (n === undefined) keyOf.set(k, (n = nodes));
      } else {
        const fk = `${kx},${ky}`;
        n = farKeyOf.get(fk);
        if (n === undefined) farKeyOf.set(fk, (n = nodes));
      }
      if (n === nodes) {
        xs[nodes] = x;
        ys[nodes] = y;
        nodes++;
      }
      if (prev >= 0 && n !== prev) {
        from[edges] = prev;
        to[edges] = n;
        lineOf[edges] = li;
        edges++;
      }
      prev = n;
    }
  }
  const nodeCount = nodes;
  const edgeCount = edges;
  const nodeX = xs.slice(0, nodes);
  const nodeY = ys.slice(0, nodes);
  const edgeFrom = from.slice(0, edges);
  const edgeTo = to.slice(0, edges);
  const edgeLine = lineOf.slice(0, edges);
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
    lineIds,
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
