// Multi-source shortest walking distances on the road graph (Dijkstra over a binary heap on typed
// arrays), from every origin of a set at once and bounded by the largest distance needed.
// Origins are graph nodes with a starting cost, or points on an edge (a joined facility: the
// edge is split virtually at the join point, whose cost is the connector length).
import type { RoadGraph } from './graph';

export interface NodeSeed {
  node: number;
  cost: number;
}
/** A point on edge `edge` at arc position `s` (from the edge's `from` node), reached at `cost`. */
export interface EdgeSeed {
  edge: number;
  s: number;
  cost: number;
}
export interface Origins {
  nodes: NodeSeed[];
  edges: EdgeSeed[];
}

export interface NetworkDistances {
  /**
   * Walking distance of every node. Exact where ≤ `bound`; above `bound` it is an upper bound or
   * Infinity, which is harmless for any question about distances ≤ bound.
   */
  dist: Float64Array;
  /** Nodes settled with distance ≤ bound, in settling order. */
  settled: Int32Array;
  /** Edge seeds grouped by edge (the virtual splits). */
  edgeSeeds: Map<number, EdgeSeed[]>;
  bound: number;
}

/** Min-heap of (key, value) pairs over growable typed arrays; duplicates allowed (lazy deletion). */
class NodeHeap {
  keys = new Float64Array(1024);
  vals = new Int32Array(1024);
  size = 0;
  push(key: number, val: number): void {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2);
      k.set(this.keys);
      this.keys = k;
      const v = new Int32Array(this.size * 2);
      v.set(this.vals);
      this.vals = v;
    }
    let i = this.size++;
    const keys = this.keys;
    const vals = this.vals;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p] <= key) break;
      keys[i] = keys[p];
      vals[i] = vals[p];
      i = p;
    }
    keys[i] = key;
    vals[i] = val;
  }
  /** Removes the minimum; read it first from keys[0], vals[0]. */
  pop(): void {
    const keys = this.keys;
    const vals = this.vals;
    const n = --this.size;
    if (n === 0) return;
    const key = keys[n];
    const val = vals[n];
    let i = 0;
    const half = n >> 1;
    while (i < half) {
      let c = 2 * i + 1;
      if (c + 1 < n && keys[c + 1] < keys[c]) c++;
      if (keys[c] >= key) break;
      keys[i] = keys[c];
      vals[i] = vals[c];
      i = c;
    }
    keys[i] = key;
    vals[i] = val;
  }
}

/** Multi-source Dijkstra from all `origins`, exploring no further than `bound` metres. */
export function networkDistances(g: RoadGraph, origins: Origins, bound: number): NetworkDistances {
  const dist = new Float64Array(g.nodeCount).fill(Infinity);
  const done = new Uint8Array(g.nodeCount);
  const heap = new NodeHeap();
  const relax = (n: number, d: number) => {
    if (d < dist[n]) {
      dist[n] = d;
      heap.push(d, n);
    }
  };
  const edgeSeeds = new Map<number, EdgeSeed[]>();
  for (const s of origins.nodes) relax(s.node, s.cost);
  for (const s of origins.edges) {
    const list = edgeSeeds.get(s.edge);
    if (list) list.push(s);
    else edgeSeeds.set(s.edge, [s]);
    relax(g.edgeFrom[s.edge], s.cost + s.s);
    relax(g.edgeTo[s.edge], s.cost + (g.edgeLength[s.edge] - s.s));
  }
  const settled: number[] = [];
  const { adjStart, adjEdge, edgeFrom, edgeTo, edgeLength } = g;
  while (heap.size > 0) {
    const d = heap.keys[0];
    const n = heap.vals[0];
    heap.pop();
    if (done[n]) continue;
    if (d > bound) break;
    done[n] = 1;
    settled.push(n);
    for (let k = adjStart[n], end = adjStart[n + 1]; k < end; k++) {
      const e = adjEdge[k];
      const m = edgeFrom[e] === n ? edgeTo[e] : edgeFrom[e];
      const nd = d + edgeLength[e];
      if (nd < dist[m]) {
        dist[m] = nd;
        heap.push(nd, m);
      }
    }
  }
  return { dist, settled: Int32Array.from(settled), edgeSeeds, bound };
}

/** Reusable buffers for edgeBreakpoints: `n` breakpoints (s ascending, f at s). */
export class Breakpoints {
  s = new Float64Array(8);
  f = new Float64Array(8);
  n = 0;
  /** Appends a cut (unsorted); grows the buffers when needed. */
  push(v: number): void {
    if (this.n === this.s.length) {
      const s = new Float64Array(this.n * 2);
      s.set(this.s);
      this.s = s;
      this.f = new Float64Array(this.n * 2);
    }
    this.s[this.n++] = v;
  }
}

/**
 * Walking distance along edge `e` as breakpoints into `out` (allocation-free): f is linear between
 * consecutive breakpoints. f(s) = min(dist[from] + s, dist[to] + L − s, min over the edge's seeds
 * of cost + |s − s_seed|). Kinks lie at the seeds and where a rising and a falling branch meet;
 * breakpoints closer than 1e-9 m to the previous one are dropped. Returns out.n.
 */
export function edgeBreakpoints(g: RoadGraph, nd: NetworkDistances, e: number, out: Breakpoints): number {
  const L = g.edgeLength[e];
  const du = nd.dist[g.edgeFrom[e]];
  const dv = nd.dist[g.edgeTo[e]];
  const seeds = nd.edgeSeeds.size ? nd.edgeSeeds.get(e) : undefined;
  out.n = 0;
  out.push(0);
  out.push(L);
  if (!seeds) {
    // Rising du + s meets falling dv + L − s at (dv + L − du) / 2.
    if (Number.isFinite(du) && Number.isFinite(dv)) {
      const c = (dv + L - du) / 2;
      if (c > 0 && c < L) out.push(c);
    }
  } else {
    for (const q of seeds) out.push(q.s);
    // Rising branches: value a + s (du, cost − s_seed); falling: b − s (dv + L, cost + s_seed).
    const m = seeds.length;
    for (let i = -1; i < m; i++) {
      const a = i < 0 ? du : seeds[i].cost - seeds[i].s;
      if (!Number.isFinite(a)) continue;
      for (let j = -1; j < m; j++) {
        const b = j < 0 ? dv + L : seeds[j].cost + seeds[j].s;
        if (!Number.isFinite(b)) continue;
        const c = (b - a) / 2;
        if (c > 0 && c < L) out.push(c);
      }
    }
  }
  // Insertion sort (a handful of cuts), then drop near-duplicates and evaluate f.
  const s = out.s;
  const f = out.f;
  const n = out.n;
  for (let i = 1; i < n; i++) {
    const v = s[i];
    let j = i - 1;
    while (j >= 0 && s[j] > v) {
      s[j + 1] = s[j];
      j--;
    }
    s[j + 1] = v;
  }
  let k = 0;
  for (let i = 0; i < n; i++) {
    const c = s[i];
    if (k && c - s[k - 1] < 1e-9) continue;
    let v = Math.min(du + c, dv + L - c);
    if (seeds) for (const q of seeds) v = Math.min(v, q.cost + Math.abs(c - q.s));
    s[k] = c;
    f[k] = v;
    k++;
  }
  out.n = k;
  return k;
}

/** Walking distance along edge `e` as breakpoints (s ascending, f at s); see edgeBreakpoints. */
export function edgeProfile(g: RoadGraph, nd: NetworkDistances, e: number): { s: number[]; f: number[] } {
  const bp = new Breakpoints();
  const n = edgeBreakpoints(g, nd, e, bp);
  return { s: Array.from(bp.s.subarray(0, n)), f: Array.from(bp.f.subarray(0, n)) };
}

/** One bit per edge for touchedEdges, all clear between calls (each call clears what it set). */
let touchedBits = new Int32Array(1024);

/**
 * Edges that may hold points within `d` (incident to a node within d, or holding a seed), ascending.
 * Marked in a bitmap and read out in order: no sort of the edges listed once per end.
 */
export function touchedEdges(g: RoadGraph, nd: NetworkDistances, d: number): Int32Array {
  const { adjStart, adjEdge } = g;
  const words = (g.edgeCount + 31) >>> 5;
  if (touchedBits.length < words) touchedBits = new Int32Array(words);
  const bits = touchedBits;
  const { dist, settled } = nd;
  let lo = words, hi = -1, m = 0;
  for (let i = 0; i < settled.length; i++) {
    const n = settled[i];
    if (dist[n] > d) continue;
    for (let j = adjStart[n]; j < adjStart[n + 1]; j++) {
      const e = adjEdge[j];
      const w = e >>> 5, b = 1 << (e & 31);
      if (bits[w] & b) continue;
      bits[w] |= b;
      m++;
      if (w < lo) lo = w;
      if (w > hi) hi = w;
    }
  }
  for (const [e, seeds] of nd.edgeSeeds) {
    const w = e >>> 5, b = 1 << (e & 31);
    if (bits[w] & b || !seeds.some((q) => q.cost <= d)) continue;
    bits[w] |= b;
    m++;
    if (w < lo) lo = w;
    if (w > hi) hi = w;
  }
  const out = new Int32Array(m);
  let k = 0;
  for (let w = lo; w <= hi; w++) {
    let b = bits[w];
    if (b === 0) continue;
    bits[w] = 0;
    // Lowest set bit first: ascending edge numbers.
    while (b !== 0) {
      const low = b & -b;
      out[k++] = (w << 5) + 31 - Math.clz32(low);
      b ^= low;
    }
  }
  return out;
}
