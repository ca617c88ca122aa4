// A planar subdivision of the district into faces that share vertices by id, so neighbouring
// polygons have identical vertices along every shared edge (no slivers, no T-junctions): when
// an edge is split, the new vertex goes into every face that uses the edge. Edges carry the
// road kind of the line that made them, so the walking network falls out of the same graph.
import type { XY } from './geometry';
import { pointInRing, segmentIntersection, signedArea, centroid, distToRing } from './geometry';

export interface EdgeInfo {
  kind: string | null;
  name: string | null;
}

export interface Face<A> {
  id: number;
  /** Vertex ids, counter-clockwise, no closing repeat. */
  ring: number[];
  attrs: A;
  alive: boolean;
}

/** Where a line crosses a face's ring: on edge a→b at parameter u, or at an existing vertex. */
export interface Crossing { s: number; a: number; b: number; u: number; p: XY; vertex: number }
type X = Crossing;
/** A stretch of a line inside a face. */
export interface Chord { ends: [Crossing, Crossing]; inner: XY[]; mid: XY }

export const edgeKey = (a: number, b: number): string => (a < b ? `${a},${b}` : `${b},${a}`);

/** Tolerance (m) for a line passing through an existing vertex. */
const SNAP = 0.05;

export class Subdivision<A> {
  readonly xs: number[] = [];
  readonly ys: number[] = [];
  readonly faces: Face<A>[] = [];
  private readonly edgeFaces = new Map<string, Set<number>>();
  readonly edges = new Map<string, EdgeInfo>();

  addVertex(p: XY): number {
    this.xs.push(p[0]);
    this.ys.push(p[1]);
    return this.xs.length - 1;
  }

  xy(v: number): XY {
    return [this.xs[v], this.ys[v]];
  }

  ringXY(face: Face<A>): XY[] {
    return face.ring.map((v) => this.xy(v));
  }

  area(face: Face<A>): number {
    return signedArea(this.ringXY(face));
  }

  centroid(face: Face<A>): XY {
    return centroid(this.ringXY(face));
  }

  edgeInfo(a: number, b: number): EdgeInfo {
    return this.edges.get(edgeKey(a, b)) ?? { kind: null, name: null };
  }

  setEdgeInfo(a: number, b: number, info: EdgeInfo): void {
    this.edges.set(edgeKey(a, b), info);
  }

  /** Faces (alive) on either side of edge a–b. */
  facesOfEdge(a: number, b: number): number[] {
    return [...(this.edgeFaces.get(edgeKey(a, b)) ?? [])];
  }

  addFace(ring: number[], attrs: A, edgeInfo?: EdgeInfo): Face<A> {
    const face: Face<A> = { id: this.faces.length, ring, attrs, alive: true };
    this.faces.push(face);
    this.register(face, edgeInfo);
    return face;
  }

  private register(face: Face<A>, edgeInfo?: EdgeInfo): void {
    const n = face.ring.length;
    for (let i = 0; i < n; i++) {
      const k = edgeKey(face.ring[i], face.ring[(i + 1) % n]);
      let set = this.edgeFaces.get(k);
      if (!set) this.edgeFaces.set(k, (set = new Set()));
      set.add(face.id);
      if (!this.edges.has(k)) this.edges.set(k, edgeInfo ?? { kind: null, name: null });
    }
  }

  private unregister(face: Face<A>): void {
    const n = face.ring.length;
    for (let i = 0; i < n; i++) {
      const k = edgeKey(face.ring[i], face.ring[(i + 1) % n]);
      const set = this.edgeFaces.get(k);
      set?.delete(face.id);
      // Edge info stays: the edge survives in the faces that replace this one.
      if (set && set.size === 0) this.edgeFaces.delete(k);
    }
  }

  /** Inserts a new vertex at p on edge a–b, in every face that uses the edge. */
  splitEdge(a: number, b: number, p: XY): number {
    const k = edgeKey(a, b);
    const info = this.edges.get(k) ?? { kind: null, name: null };
    const v = this.addVertex(p);
    const faceIds = [...(this.edgeFaces.get(k) ?? [])];
    for (const fid of faceIds) {
      const f = this.faces[fid];
      const n = f.ring.length;
      for (let i = 0; i < n; i++) {
        const x = f.ring[i], y = f.ring[(i + 1) % n];
        if ((x === a && y === b) || (x === b && y === a)) {
          f.ring.splice(i + 1, 0, v);
          break;
        }
      }
    }
    this.edgeFaces.delete(k);
    this.edges.delete(k);
    for (const kk of [edgeKey(a, v), edgeKey(v, b)]) {
      this.edgeFaces.set(kk, new Set(faceIds));
      this.edges.set(kk, { ...info });
    }
    return v;
  }

  /**
   * Splits a face along a chord: vertex ids from one ring vertex through new interior vertices
   * to another ring vertex. Returns the two new faces (the old one dies).
   */
  splitFace(face: Face<A>, chord: number[], info: EdgeInfo, attrs: (child: 0 | 1) => A): [Face<A>, Face<A>] {
    const r = face.ring;
    const i = r.indexOf(chord[0]);
    const j = r.indexOf(chord[chord.length - 1]);
    if (i < 0 || j < 0 || i === j) throw new Error('chord endpoints not on the face ring');
    const inner = chord.slice(1, -1);
    const walk = (from: number, to: number): number[] => {
      const out: number[] = [];
      for (let k = from; ; k = (k + 1) % r.length) {
        out.push(r[k]);
        if (k === to) break;
      }
      return out;
    };
    const ring1 = [...walk(i, j), ...inner.slice().reverse()];
    const ring2 = [...walk(j, i), ...inner];
    this.unregister(face);
    face.alive = false;
    for (let k = 0; k + 1 < chord.length; k++) this.edges.set(edgeKey(chord[k], chord[k + 1]), { ...info });
    const f1 = this.addFace(ring1, attrs(0));
    const f2 = this.addFace(ring2, attrs(1));
    return [f1, f2];
  }

  /**
   * Cuts a face by a polyline: every stretch of the line inside the face becomes a chord
   * (vertices are inserted where the line crosses edges, or reused where it passes through a
   * vertex). Returns the resulting faces (just [face] when the line misses it).
   */
  cutFace(face: Face<A>, line: readonly XY[], info: EdgeInfo, attrs: (parent: A) => A): Face<A>[] {
    const chords = this.chordsOf(face, line);
    if (chords.length === 0) return [face];
    // Materialise crossing vertices: per ring edge, in order along the edge.
    type Cross = Crossing;
    const all: Cross[] = chords.flatMap((c) => c.ends);
    const byEdge = new Map<string, Cross[]>();
    for (const c of all) {
      if (c.vertex >= 0) continue;
      const k = `${c.a},${c.b}`;
      (byEdge.get(k) ?? byEdge.set(k, []).get(k)!).push(c);
    }
    for (const list of byEdge.values()) {
      list.sort((p, q) => p.u - q.u);
      let cur = list[0].a;
      const b = list[0].b;
      for (const c of list) {
        if (c.vertex >= 0) continue; // the same crossing ends two chords
        c.vertex = this.splitEdge(cur, b, c.p);
        cur = c.vertex;
      }
    }
    let current: Face<A>[] = [face];
    for (const chord of chords) {
      const ids = [chord.ends[0].vertex, ...chord.inner.map((p) => this.addVertex(p)), chord.ends[1].vertex];
      const mid = chord.mid;
      const host = current.find((f) => f.ring.includes(ids[0]) && f.ring.includes(ids[ids.length - 1]) && pointInRing(mid, this.ringXY(f)));
      if (!host) continue;
      const [f1, f2] = this.splitFace(host, ids, info, () => attrs(host.attrs));
      current = current.filter((f) => f !== host).concat([f1, f2]);
    }
    return current;
  }

  /** The stretches of `line` inside the face, with their end crossings (no mutation). */
  chordsOf(face: Face<A>, line: readonly XY[]): Chord[] {
    const r = face.ring;
    const n = r.length;
    const ringXY = this.ringXY(face);
    let bx0 = Infinity, by0 = Infinity, bx1 = -Infinity, by1 = -Infinity;
    for (const [x, y] of ringXY) {
      if (x < bx0) bx0 = x;
      if (x > bx1) bx1 = x;
      if (y < by0) by0 = y;
      if (y > by1) by1 = y;
    }
    const xs: X[] = [];
    for (let k = 0; k + 1 < line.length; k++) {
      const p = line[k], q = line[k + 1];
      if (Math.max(p[0], q[0]) < bx0 - 1 || Math.min(p[0], q[0]) > bx1 + 1 || Math.max(p[1], q[1]) < by0 - 1 || Math.min(p[1], q[1]) > by1 + 1) continue;
      for (let e = 0; e < n; e++) {
        const a = r[e], b = r[(e + 1) % n];
        const A = ringXY[e], B = ringXY[(e + 1) % n];
        const hit = segmentIntersection(p, q, A, B, 1e-6);
        if (!hit) continue;
        const pt: XY = [p[0] + hit.t * (q[0] - p[0]), p[1] + hit.t * (q[1] - p[1])];
        let vertex = -1;
        if (Math.hypot(pt[0] - A[0], pt[1] - A[1]) < SNAP) vertex = a;
        else if (Math.hypot(pt[0] - B[0], pt[1] - B[1]) < SNAP) vertex = b;
        xs.push({ s: k + hit.t, a, b, u: hit.u, p: vertex >= 0 ? this.xy(vertex) : pt, vertex });
      }
    }
    xs.sort((x, y) => x.s - y.s);
    // Deduplicate crossings at the same place (a vertex reported by both its edges).
    const uniq: X[] = [];
    for (const x of xs) {
      const last = uniq[uniq.length - 1];
      if (last && Math.hypot(last.p[0] - x.p[0], last.p[1] - x.p[1]) < SNAP) {
        if (x.vertex >= 0 && last.vertex < 0) uniq[uniq.length - 1] = x;
        continue;
      }
      uniq.push(x);
    }
    const pointAt = (s: number): XY => {
      const k = Math.min(Math.floor(s), line.length - 2);
      const t = s - k;
      return [line[k][0] + t * (line[k + 1][0] - line[k][0]), line[k][1] + t * (line[k + 1][1] - line[k][1])];
    };
    const out: Chord[] = [];
    for (let i = 0; i + 1 < uniq.length; i++) {
      const x0 = uniq[i], x1 = uniq[i + 1];
      const mid = pointAt((x0.s + x1.s) / 2);
      if (!pointInRing(mid, ringXY) || distToRing(mid, ringXY) < SNAP * 4) continue;
      if (x0.vertex >= 0 && x0.vertex === x1.vertex) continue;
      const inner: XY[] = [];
      for (let k = Math.floor(x0.s) + 1; k < x1.s; k++) if (k > x0.s) inner.push(line[k]);
      // Drop interior line vertices that sit on top of the crossing points.
      const clean = inner.filter((p) => Math.hypot(p[0] - x0.p[0], p[1] - x0.p[1]) > SNAP && Math.hypot(p[0] - x1.p[0], p[1] - x1.p[1]) > SNAP);
      out.push({ ends: [x0, x1], inner: clean, mid });
    }
    return out;
  }

  aliveFaces(): Face<A>[] {
    return this.faces.filter((f) => f.alive);
  }
}
