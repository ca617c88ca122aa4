// Linear pieces of the network at one walking distance d: each edge is cut at its breakpoints
// (distances.ts) into stretches where the walking distance f is linear, and each stretch is cut
// again where f = d, into reached (f ≤ d) and unreached (f > d) pieces. Kept in growable typed
// arrays (no object per piece): the area construction walks tens of thousands of them per band.
import type { RoadGraph } from './graph';
import { edgeBreakpoints, type Breakpoints, type NetworkDistances } from './distances';

export class PieceList {
  n = 0;
  /** Edge of the piece (−1 for a connector). */
  edge = new Int32Array(64);
  s0 = new Float64Array(64);
  s1 = new Float64Array(64);
  f0 = new Float64Array(64);
  f1 = new Float64Array(64);
  x0 = new Float64Array(64);
  y0 = new Float64Array(64);
  x1 = new Float64Array(64);
  y1 = new Float64Array(64);

  clear(): void {
    this.n = 0;
  }

  private grow(): void {
    const cap = this.edge.length * 2;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    const e = new Int32Array(cap);
    e.set(this.edge);
    this.edge = e;
    this.s0 = f64(this.s0);
    this.s1 = f64(this.s1);
    this.f0 = f64(this.f0);
    this.f1 = f64(this.f1);
    this.x0 = f64(this.x0);
    this.y0 = f64(this.y0);
    this.x1 = f64(this.x1);
    this.y1 = f64(this.y1);
  }

  /** A straight piece from (x0, y0) at distance f0 to (x1, y1) at f1 (edge −1: not on an edge). */
  push(edge: number, s0: number, s1: number, f0: number, f1: number, x0: number, y0: number, x1: number, y1: number): void {
    if (this.n === this.edge.length) this.grow();
    const i = this.n++;
    this.edge[i] = edge;
    this.s0[i] = s0;
    this.s1[i] = s1;
    this.f0[i] = f0;
    this.f1[i] = f1;
    this.x0[i] = x0;
    this.y0[i] = y0;
    this.x1[i] = x1;
    this.y1[i] = y1;
  }

  /** The sub-interval [s0, s1] of edge e, with its end points (serviceArea.ts pointAt). */
  pushEdge(g: RoadGraph, e: number, s0: number, s1: number, f0: number, f1: number): void {
    const a = g.edgeFrom[e];
    const b = g.edgeTo[e];
    const L = g.edgeLength[e];
    const ax = g.nodeX[a];
    const ay = g.nodeY[a];
    const dx = g.nodeX[b] - ax;
    const dy = g.nodeY[b] - ay;
    const t0 = L > 0 ? s0 / L : 0;
    const t1 = L > 0 ? s1 / L : 0;
    this.push(e, s0, s1, f0, f1, ax + dx * t0, ay + dy * t0, ax + dx * t1, ay + dy * t1);
  }
}

/**
 * Splits edge e into linear pieces: those with f ≤ d go to `reached` (cut exactly where f = d),
 * those with f > d to `unreached` (either may be null). `bp` is scratch space.
 */
export function splitEdgeInto(g: RoadGraph, nd: NetworkDistances, e: number, d: number, bp: Breakpoints, reached: PieceList | null, unreached: PieceList | null): void {
  const n = edgeBreakpoints(g, nd, e, bp);
  const s = bp.s;
  const f = bp.f;
  for (let i = 0; i + 1 < n; i++) {
    const sa = s[i];
    const sb = s[i + 1];
    const fa = f[i];
    const fb = f[i + 1];
    if (fa <= d && fb <= d) reached?.pushEdge(g, e, sa, sb, fa, fb);
    else if (fa > d && fb > d) unreached?.pushEdge(g, e, sa, sb, fa, fb);
    else {
      // One end within d: the cut point where f = d (f is linear on [sa, sb]).
      const sc = Number.isFinite(fa) && Number.isFinite(fb) ? sa + ((d - fa) / (fb - fa)) * (sb - sa) : fa <= d ? sa + (d - fa) : sb - (d - fb);
      if (fa <= d) {
        reached?.pushEdge(g, e, sa, sc, fa, d);
        unreached?.pushEdge(g, e, sc, sb, d, fb);
      } else {
        unreached?.pushEdge(g, e, sa, sc, fa, d);
        reached?.pushEdge(g, e, sc, sb, d, fb);
      }
    }
  }
}

/** One flag per piece of a PieceList, cleared in O(1) by a generation stamp. */
export class PieceFlags {
  private stamp = new Uint32Array(256);
  private gen = 0;

  /** Clears every flag, with room for n pieces. */
  reset(n: number): void {
    if (this.stamp.length < n) this.stamp = new Uint32Array(2 * n);
    if (++this.gen === 2 ** 32) {
      this.stamp.fill(0);
      this.gen = 1;
    }
  }

  set(k: number): void {
    this.stamp[k] = this.gen;
  }

  has(k: number): boolean {
    return this.stamp[k] === this.gen;
  }
}
