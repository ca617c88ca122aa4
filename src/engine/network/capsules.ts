// The capsules of a service area (serviceArea.ts module comment) as convex polygons in integer
// centimetres, built into flat typed arrays: a piece of walkable path whose distance grows
// linearly from f0 to f1 becomes hull(P(q0, r0), P(q1, r1)) with r = min(M, d − f) and P(c, r) =
// c + r·P₀ the inscribed regular polygon of fixed orientation. Also the two steps every tile
// applies before its clipper union: clipping convex polygons to the tile (Sutherland–Hodgman)
// and dropping those inside a bigger one. No object per vertex until a polygon goes to clipper.
import ClipperLib from 'clipper-lib';
import type { BBox, XY } from '../reach/reachProvider';
import type { IntPaths } from './clip';

/** Convex rings (CCW) in integer centimetres, stored flat; polygon i has vertices start[i] .. start[i+1]. */
export class PolygonStore {
  n = 0;
  start = new Int32Array(65);
  X = new Float64Array(1024);
  Y = new Float64Array(1024);
  /** Bounding boxes, cm: minX, minY, maxX, maxY of polygon i at 4i .. 4i+3. */
  box = new Float64Array(256);
  /** Twice the signed area (cm², CCW positive) of polygon i, computed once when it is closed. */
  area = new Float64Array(64);
  private v = 0;

  clear(): void {
    this.n = 0;
    this.v = 0;
  }

  get vertexCount(): number {
    return this.v;
  }

  /** Appends a vertex to the polygon being built (closed by end()). */
  vertex(x: number, y: number): void {
    if (this.v === this.X.length) {
      const X = new Float64Array(this.v * 2);
      X.set(this.X);
      this.X = X;
      const Y = new Float64Array(this.v * 2);
      Y.set(this.Y);
      this.Y = Y;
    }
    this.X[this.v] = x;
    this.Y[this.v] = y;
    this.v++;
  }

  /** Removes the last polygon closed by end(). */
  pop(): void {
    if (this.n > 0) this.v = this.start[--this.n];
  }

  /** Removes the last vertex appended. */
  dropVertex(): void {
    if (this.v > this.start[this.n]) this.v--;
  }

  /** Closes the polygon begun after the previous end(); returns its index, or −1 (dropped) with fewer than 3 vertices. */
  end(): number {
    const s = this.start[this.n];
    if (this.v - s < 3) {
      this.v = s;
      return -1;
    }
    const i = this.n++;
    if (this.n + 1 > this.start.length) {
      const st = new Int32Array(this.start.length * 2);
      st.set(this.start);
      this.start = st;
    }
    if (4 * this.n > this.box.length) {
      const b = new Float64Array(this.box.length * 2);
      b.set(this.box);
      this.box = b;
    }
    if (this.n > this.area.length) {
      const a = new Float64Array(this.area.length * 2);
      a.set(this.area);
      this.area = a;
    }
    this.start[this.n] = this.v;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    let a2 = 0;
    for (let k = s, j = this.v - 1; k < this.v; j = k++) {
      const x = this.X[k];
      const y = this.Y[k];
      if (x < x0) x0 = x;
      if (y < y0) y0 = y;
      if (x > x1) x1 = x;
      if (y > y1) y1 = y;
      a2 += (this.X[j] - x) * (this.Y[j] + y);
    }
    this.area[i] = a2;
    this.box[4 * i] = x0;
    this.box[4 * i + 1] = y0;
    this.box[4 * i + 2] = x1;
    this.box[4 * i + 3] = y1;
    return i;
  }

  /** Polygon i as a clipper path (one object per vertex). */
  path(i: number): ClipperLib.Path {
    const out: ClipperLib.Path = [];
    for (let k = this.start[i]; k < this.start[i + 1]; k++) out.push({ X: this.X[k], Y: this.Y[k] });
    return out;
  }

  /** Twice the signed area (cm²) of polygon i, CCW positive. */
  area2(i: number): number {
    return this.area[i];
  }
}

/**
 * Builds capsules into a PolygonStore. A piece with constant radius M is stored as its two end
 * disks (each disk once, shared by the pieces meeting at a node) and the quadrilateral between the
 * disks' extreme vertices across the piece: together exactly hull(P(q0, M), P(q1, M)).
 */
export class CapsuleBuilder {
  private readonly ux: Float64Array;
  private readonly uy: Float64Array;
  /** Outward normals of the unit polygon's edges (edge k joins vertices k and k + 1). */
  private readonly nx: Float64Array;
  private readonly ny: Float64Array;
  /** cos(π/n): the unit polygon's support in its edge-normal directions. */
  private readonly apothem: number;
  private readonly disks = new Set<number>();
  private readonly farDisks = new Set<string>();

  constructor(unit: XY[], private readonly d: number, private readonly M: number, readonly store: PolygonStore) {
    const n = unit.length;
    this.ux = Float64Array.from(unit, (u) => u[0]);
    this.uy = Float64Array.from(unit, (u) => u[1]);
    this.nx = new Float64Array(n);
    this.ny = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      this.nx[k] = Math.cos(((2 * k + 1) * Math.PI) / n);
      this.ny[k] = Math.sin(((2 * k + 1) * Math.PI) / n);
    }
    this.apothem = Math.cos(Math.PI / n);
  }

  /** Forgets the disks added so far (a new set of capsules into the same store, e.g. after store.clear()). */
  reset(): void {
    this.disks.clear();
    this.farDisks.clear();
  }

  /** Largest radius of the capsule of a piece at distances f0, f1 (< 0.005: no capsule). */
  radius(f0: number, f1: number): number {
    return Math.max(Math.min(this.M, this.d - f0), Math.min(this.M, this.d - f1));
  }

  /**
   * The bounding box (cm) of the polygons add() would build for this piece, into out[o .. o+3],
   * without building them; false when it builds none. The unit polygon has vertices on both axes
   * (unitDisk: a multiple of 4), so each end's extremes are c ± r, rounded as the vertices are.
   * A polygon of one centimetre or less that end() drops is still counted: the box may then be
   * that much larger, never smaller.
   */
  box(x0: number, y0: number, f0: number, x1: number, y1: number, f1: number, out: Float64Array, o: number): boolean {
    const { d, M } = this;
    const r0 = Math.min(M, d - f0);
    const r1 = Math.min(M, d - f1);
    if (r0 < 0.005 && r1 < 0.005) return false;
    const a0 = Math.max(0, r0);
    const a1 = Math.max(0, r1);
    let minX = Math.min(Math.round((x0 - a0) * 100), Math.round((x1 - a1) * 100));
    let minY = Math.min(Math.round((y0 - a0) * 100), Math.round((y1 - a1) * 100));
    let maxX = Math.max(Math.round((x0 + a0) * 100), Math.round((x1 + a1) * 100));
    let maxY = Math.max(Math.round((y0 + a0) * 100), Math.round((y1 + a1) * 100));
    const fm = d - M;
    if ((f0 < fm && f1 > fm) || (f0 > fm && f1 < fm)) {
      // add() splits here; the end of radius M at the split point may stick out.
      const t = (fm - f0) / (f1 - f0);
      const xm = x0 + t * (x1 - x0);
      const ym = y0 + t * (y1 - y0);
      minX = Math.min(minX, Math.round((xm - M) * 100));
      minY = Math.min(minY, Math.round((ym - M) * 100));
      maxX = Math.max(maxX, Math.round((xm + M) * 100));
      maxY = Math.max(maxY, Math.round((ym + M) * 100));
    }
    out[o] = minX;
    out[o + 1] = minY;
    out[o + 2] = maxX;
    out[o + 3] = maxY;
    return true;
  }

  /** Adds the capsule of the piece from (x0, y0) at distance f0 to (x1, y1) at f1 (both ≤ d). */
  add(x0: number, y0: number, f0: number, x1: number, y1: number, f1: number): void {
    const { d, M } = this;
    const r0 = Math.min(M, d - f0);
    const r1 = Math.min(M, d - f1);
    if (r0 < 0.005 && r1 < 0.005) return;
    // Split where d − f = M, so the radius is linear on each part.
    const fm = d - M;
    if ((f0 < fm && f1 > fm) || (f0 > fm && f1 < fm)) {
      const t = (fm - f0) / (f1 - f0);
      const xm = x0 + t * (x1 - x0);
      const ym = y0 + t * (y1 - y0);
      this.piece(x0, y0, Math.max(0, r0), xm, ym, M);
      this.piece(xm, ym, M, x1, y1, Math.max(0, r1));
    } else this.piece(x0, y0, Math.max(0, r0), x1, y1, Math.max(0, r1));
  }

  private piece(x0: number, y0: number, r0: number, x1: number, y1: number, r1: number): void {
    if (r0 === this.M && r1 === this.M) {
      this.disk(x0, y0);
      this.disk(x1, y1);
      this.band(x0, y0, x1, y1);
    } else this.hull(x0, y0, r0, x1, y1, r1);
  }

  private disk(x: number, y: number): void {
    const X = Math.round(x * 100);
    const Y = Math.round(y * 100);
    // One number per centre while it fits exactly in a double (±335 km from the projection centre).
    if (Math.abs(X) < 2 ** 25 && Math.abs(Y) < 2 ** 25) {
      const k = (X + 2 ** 25) * 2 ** 26 + (Y + 2 ** 25);
      if (this.disks.has(k)) return;
      this.disks.add(k);
    } else {
      const k = `${X},${Y}`;
      if (this.farDisks.has(k)) return;
      this.farDisks.add(k);
    }
    const { ux, uy, M, store } = this;
    for (let k = 0; k < ux.length; k++) store.vertex(Math.round((x + M * ux[k]) * 100), Math.round((y + M * uy[k]) * 100));
    store.end();
  }

  private band(x0: number, y0: number, x1: number, y1: number): void {
    const L = Math.hypot(x1 - x0, y1 - y0);
    if (L < 1e-6) return;
    const nx = -(y1 - y0) / L;
    const ny = (x1 - x0) / L;
    const { ux, uy, M, store } = this;
    let kp = 0;
    let km = 0;
    for (let k = 0; k < ux.length; k++) {
      const dot = ux[k] * nx + uy[k] * ny;
      if (dot > ux[kp] * nx + uy[kp] * ny) kp = k;
      if (dot < ux[km] * nx + uy[km] * ny) km = k;
    }
    // CCW: right side (−n) forward, left side (+n) back.
    store.vertex(Math.round((x0 + M * ux[km]) * 100), Math.round((y0 + M * uy[km]) * 100));
    store.vertex(Math.round((x1 + M * ux[km]) * 100), Math.round((y1 + M * uy[km]) * 100));
    store.vertex(Math.round((x1 + M * ux[kp]) * 100), Math.round((y1 + M * uy[kp]) * 100));
    store.vertex(Math.round((x0 + M * ux[kp]) * 100), Math.round((y0 + M * uy[kp]) * 100));
    store.end();
  }

  /**
   * hull(P(c0, r0), P(c1, r1)) in O(n): both polygons have the same edge normals, so the hull's
   * edge with normal k belongs to the polygon with the larger support c·ν_k + r·cos(π/n), and
   * consecutive edges of different polygons are joined by the bridge between their vertices k.
   * A zero radius is a point.
   */
  private lastX = NaN;
  private lastY = NaN;

  /** Appends a hull vertex (rounded to cm) unless it repeats the previous one. */
  private emit(x: number, y: number): void {
    const X = Math.round(x * 100);
    const Y = Math.round(y * 100);
    if (X === this.lastX && Y === this.lastY) return;
    this.store.vertex(X, Y);
    this.lastX = X;
    this.lastY = Y;
  }

  private hull(x0: number, y0: number, r0: number, x1: number, y1: number, r1: number): void {
    const { ux, uy, nx, ny, store } = this;
    const n = ux.length;
    const dx = x0 - x1;
    const dy = y0 - y1;
    const dr = (r0 - r1) * this.apothem;
    const first = store.vertexCount;
    this.lastX = NaN;
    let prev = dx * nx[n - 1] + dy * ny[n - 1] + dr >= 0;
    for (let k = 0; k < n; k++) {
      const next = dx * nx[k] + dy * ny[k] + dr >= 0;
      // Vertex k lies between edges k − 1 (prev) and k (next); true = the first polygon's.
      if (prev || next) {
        if (!prev) this.emit(x1 + r1 * ux[k], y1 + r1 * uy[k]);
        this.emit(x0 + r0 * ux[k], y0 + r0 * uy[k]);
        if (!next) this.emit(x1 + r1 * ux[k], y1 + r1 * uy[k]);
      } else this.emit(x1 + r1 * ux[k], y1 + r1 * uy[k]);
      prev = next;
    }
    // A point end repeats across the wrap-around.
    const v = store.vertexCount;
    if (v - first > 1 && store.X[v - 1] === store.X[first] && store.Y[v - 1] === store.Y[first]) store.dropVertex();
    store.end();
  }
}

/**
 * Clips convex polygons `items` of `src` to rectangle `r` (metres) into `dst` (Sutherland–Hodgman
 * on the integer grid: the rectangle is widened to whole centimetres, cut points rounded to
 * centimetres). Polygons wholly inside are copied; those missing it (or only touching it) dropped.
 */
export function clipToRect(src: PolygonStore, items: ArrayLike<number>, count: number, r: BBox, dst: PolygonStore, scratch: ClipScratch): void {
  const x0 = Math.floor(r[0] * 100), y0 = Math.floor(r[1] * 100), x1 = Math.ceil(r[2] * 100), y1 = Math.ceil(r[3] * 100);
  for (let q = 0; q < count; q++) clipOne(src, items[q], x0, y0, x1, y1, dst, scratch);
}

/** Clips polygon i of `src` to the rectangle [x0, x1] × [y0, y1] (cm) into `dst` (nothing when it misses it). */
function clipOne(src: PolygonStore, i: number, x0: number, y0: number, x1: number, y1: number, dst: PolygonStore, scratch: ClipScratch): void {
  const { X, Y, start, box } = src;
  const minX = box[4 * i], minY = box[4 * i + 1], maxX = box[4 * i + 2], maxY = box[4 * i + 3];
  if (maxX <= x0 || minX >= x1 || maxY <= y0 || minY >= y1) return;
  const s = start[i];
  const e = start[i + 1];
  if (minX >= x0 && maxX <= x1 && minY >= y0 && maxY <= y1) {
    for (let k = s; k < e; k++) dst.vertex(X[k], Y[k]);
    dst.end();
    return;
  }
  scratch.load(X, Y, s, e);
  if (minX < x0) scratch.cut(0, x0);
  if (maxX > x1 && scratch.n) scratch.cut(1, x1);
  if (minY < y0 && scratch.n) scratch.cut(2, y0);
  if (maxY > y1 && scratch.n) scratch.cut(3, y1);
  if (scratch.n >= 3) {
    for (let k = 0; k < scratch.n; k++) dst.vertex(scratch.ax[k], scratch.ay[k]);
    dst.end();
  }
}

/**
 * Clips rings (clipper paths in cm, any shape) to rectangle `r` (metres) by the same half-plane
 * steps. A concave ring may come back with zero-width spans along the rectangle's sides: harmless
 * for areas and for a non-zero-fill union.
 */
export function clipPathsToRect(paths: IntPaths, r: BBox, scratch: ClipScratch): IntPaths {
  const x0 = Math.floor(r[0] * 100), y0 = Math.floor(r[1] * 100), x1 = Math.ceil(r[2] * 100), y1 = Math.ceil(r[3] * 100);
  const out: IntPaths = [];
  for (const ring of paths) {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const p of ring) {
      if (p.X < minX) minX = p.X;
      if (p.Y < minY) minY = p.Y;
      if (p.X > maxX) maxX = p.X;
      if (p.Y > maxY) maxY = p.Y;
    }
    if (maxX <= x0 || minX >= x1 || maxY <= y0 || minY >= y1) continue;
    if (minX >= x0 && maxX <= x1 && minY >= y0 && maxY <= y1) {
      out.push(ring);
      continue;
    }
    scratch.loadPath(ring);
    if (minX < x0) scratch.cut(0, x0);
    if (maxX > x1 && scratch.n) scratch.cut(1, x1);
    if (minY < y0 && scratch.n) scratch.cut(2, y0);
    if (maxY > y1 && scratch.n) scratch.cut(3, y1);
    if (scratch.n >= 3) {
      const q: ClipperLib.Path = [];
      for (let k = 0; k < scratch.n; k++) q.push({ X: scratch.ax[k], Y: scratch.ay[k] });
      out.push(q);
    }
  }
  return out;
}

/** Ping-pong buffers for clipToRect's half-plane steps. */
export class ClipScratch {
  ax = new Float64Array(64);
  ay = new Float64Array(64);
  bx = new Float64Array(64);
  by = new Float64Array(64);
  n = 0;

  load(X: Float64Array, Y: Float64Array, s: number, e: number): void {
    const n = e - s;
    this.ensure(2 * n + 8);
    for (let k = 0; k < n; k++) {
      this.ax[k] = X[s + k];
      this.ay[k] = Y[s + k];
    }
    this.n = n;
  }

  loadPath(ring: ClipperLib.Path): void {
    const n = ring.length;
    this.ensure(2 * n + 8);
    for (let k = 0; k < n; k++) {
      this.ax[k] = ring[k].X;
      this.ay[k] = ring[k].Y;
    }
    this.n = n;
  }

  private ensure(n: number): void {
    if (this.ax.length >= n) return;
    const m = Math.max(n, this.ax.length * 2);
    const grow = (a: Float64Array) => {
      const b = new Float64Array(m);
      b.set(a);
      return b;
    };
    this.ax = grow(this.ax);
    this.ay = grow(this.ay);
    this.bx = new Float64Array(m);
    this.by = new Float64Array(m);
  }

  /**
   * One Sutherland–Hodgman step (geo/clipToHalfPlane.ts, on flat arrays): keep X ≥ v (side 0),
   * X ≤ v (1), Y ≥ v (2) or Y ≤ v (3); cut points on the line, the other coordinate rounded.
   */
  cut(side: 0 | 1 | 2 | 3, v: number): void {
    const n = this.n;
    this.ensure(2 * n + 8);
    const { ax, ay, bx, by } = this;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const j = i + 1 === n ? 0 : i + 1;
      const xa = ax[i], ya = ay[i], xb = ax[j], yb = ay[j];
      const ia = side === 0 ? xa >= v : side === 1 ? xa <= v : side === 2 ? ya >= v : ya <= v;
      const ib = side === 0 ? xb >= v : side === 1 ? xb <= v : side === 2 ? yb >= v : yb <= v;
      if (ia) {
        bx[m] = xa;
        by[m] = ya;
        m++;
      }
      if (ia !== ib) {
        if (side < 2) {
          bx[m] = v;
          by[m] = Math.round(ya + ((yb - ya) * (v - xa)) / (xb - xa));
        } else {
          bx[m] = Math.round(xa + ((xb - xa) * (v - ya)) / (yb - ya));
          by[m] = v;
        }
        m++;
      }
    }
    this.ax = bx;
    this.ay = by;
    this.bx = ax;
    this.by = ay;
    this.n = m;
  }
}

/**
 * Indices of the polygons of `store` that are not inside another one (the union is the same).
 * Largest first, each tested against those kept so far (box test, then its vertices against the
 * kept polygon's edges); a polygon of non-positive area is always kept and never used to drop.
 * Clipped to a tile, most capsules lie inside a bigger one (92 % at city scale, d = 300).
 */
export function keepUncontained(store: PolygonStore): number[] {
  const n = store.n;
  if (n < 2) return n ? [0] : [];
  const area = new Float64Array(n);
  const order: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    area[i] = store.area2(i);
    order[i] = i;
  }
  order.sort((u, v) => area[v] - area[u]);
  const kept: number[] = [];
  const { X, Y, start, box } = store;
  for (const i of order) {
    if (!(area[i] > 0)) {
      kept.push(i);
      continue;
    }
    const bx0 = box[4 * i], by0 = box[4 * i + 1], bx1 = box[4 * i + 2], by1 = box[4 * i + 3];
    let inside = false;
    for (const k of kept) {
      if (!(area[k] > 0) || bx0 < box[4 * k] || by0 < box[4 * k + 1] || bx1 > box[4 * k + 2] || by1 > box[4 * k + 3]) continue;
      inside = true;
      const ks = start[k];
      const ke = start[k + 1];
      for (let q = start[i]; q < start[i + 1] && inside; q++) {
        const x = X[q];
        const y = Y[q];
        // Inside or on the boundary of convex CCW polygon k: left of (or on) every edge.
        for (let a = ke - 1, b = ks; b < ke; a = b++) {
          if ((X[b] - X[a]) * (y - Y[a]) - (Y[b] - Y[a]) * (x - X[a]) < 0) {
            inside = false;
            break;
          }
        }
      }
      if (inside) break;
    }
    if (!inside) kept.push(i);
  }
  return kept;
}

/** Polygons `items` of `store` as one-ring clipper polygons. */
export function storePaths(store: PolygonStore, items: readonly number[]): IntPaths[] {
  return items.map((i) => [store.path(i)]);
}

/** True when (x, y) is inside or on the boundary of convex CCW polygon k of `store`. */
export function inConvex(store: PolygonStore, k: number, x: number, y: number): boolean {
  const { X, Y, start } = store;
  const ks = start[k];
  const ke = start[k + 1];
  for (let a = ke - 1, b = ks; b < ke; a = b++) if ((X[b] - X[a]) * (y - Y[a]) - (Y[b] - Y[a]) * (x - X[a]) < 0) return false;
  return true;
}

/**
 * True when the box [x0, x1] × [y0, y1] is inside or on the boundary of convex CCW polygon k of
 * `store`: inConvex of its four corners, testing per edge only the corner farthest out (the one
 * that decides whether any corner is outside that edge).
 */
export function boxInConvex(store: PolygonStore, k: number, x0: number, y0: number, x1: number, y1: number): boolean {
  const { X, Y, start } = store;
  const ks = start[k];
  const ke = start[k + 1];
  for (let a = ke - 1, b = ks; b < ke; a = b++) {
    const ex = X[b] - X[a];
    const ey = Y[b] - Y[a];
    if (ex * ((ex > 0 ? y0 : y1) - Y[a]) - ey * ((ey > 0 ? x1 : x0) - X[a]) < 0) return false;
  }
  return true;
}

/** Scratch for clipUncontained: candidates, their sort keys, and which kept polygons may drop others. */
let cand = new Int32Array(256);
let candKey = new Float64Array(256);
let usable = new Uint8Array(256);
/** Candidate number in the low 21 bits of an exact double, under a coarse key: a native numeric sort orders both. */
const SLOT = 2 ** 21;
const KEY_MAX = 2 ** 31 - 1;

/**
 * clipToRect then keepUncontained in one pass, without clipping what is dropped: the polygons
 * are taken by decreasing estimated area within `r` (their area × the share of their box inside
 * `r`), so those likely to contain others come first; one whose box within `r` lies inside a
 * polygon kept so far is dropped unclipped (its part in `r` lies in that box); the others are
 * clipped into `dst` and dropped again when all their vertices lie inside a kept polygon. `dst`
 * ends with only the polygons kept (the union is that of all the clipped polygons). A polygon of
 * non-positive area is kept but never used to drop. Returns how many were added.
 */
export function clipUncontained(src: PolygonStore, items: ArrayLike<number>, count: number, r: BBox, dst: PolygonStore, scratch: ClipScratch): number {
  const x0 = Math.floor(r[0] * 100), y0 = Math.floor(r[1] * 100), x1 = Math.ceil(r[2] * 100), y1 = Math.ceil(r[3] * 100);
  const box = src.box;
  if (cand.length < count) {
    cand = new Int32Array(2 * count);
    candKey = new Float64Array(2 * count);
  }
  let m = 0;
  const area = src.area;
  for (let q = 0; q < count; q++) {
    const i = items[q];
    const w = Math.min(box[4 * i + 2], x1) - Math.max(box[4 * i], x0);
    const h = Math.min(box[4 * i + 3], y1) - Math.max(box[4 * i + 1], y0);
    if (w <= 0 || h <= 0) continue;
    cand[m] = i;
    // The polygon's area scaled by the share of its box inside r (thin diagonal capsules have
    // large boxes), in units of 64 cm² and negated (largest first), above the candidate number.
    const key = (area[i] * w * h) / ((box[4 * i + 2] - box[4 * i]) * (box[4 * i + 3] - box[4 * i + 1]));
    candKey[m] = (KEY_MAX - Math.min(KEY_MAX, Math.max(0, Math.floor(key / 64)))) * SLOT + m;
    m++;
  }
  if (m >= SLOT) throw new Error(`clipUncontained: ${m} polygons in one tile (at most ${SLOT - 1})`);
  const byKey = candKey.subarray(0, m).sort();
  const first = dst.n;
  if (usable.length < first + m + 1) {
    const u = new Uint8Array(2 * (first + m + 1));
    u.set(usable);
    usable = u;
  }
  for (let o = 0; o < m; o++) {
    // The candidate number: the key's low bits (exact, SLOT a power of 2; cheaper than %).
    const i = cand[byKey[o] - Math.floor(byKey[o] / SLOT) * SLOT];
    const bx0 = Math.max(box[4 * i], x0), by0 = Math.max(box[4 * i + 1], y0), bx1 = Math.min(box[4 * i + 2], x1), by1 = Math.min(box[4 * i + 3], y1);
    const db = dst.box;
    let inside = false;
    for (let p = first; p < dst.n && !inside; p++) {
      if (!usable[p] || bx0 < db[4 * p] || by0 < db[4 * p + 1] || bx1 > db[4 * p + 2] || by1 > db[4 * p + 3]) continue;
      inside = boxInConvex(dst, p, bx0, by0, bx1, by1);
    }
    if (inside) continue;
    const c = dst.n;
    clipOne(src, i, x0, y0, x1, y1, dst, scratch);
    if (dst.n === c) continue;
    if (!(dst.area2(c) > 0)) {
      usable[c] = 0;
      continue;
    }
    const cb = dst.box;
    let contained = false;
    for (let p = first; p < c && !contained; p++) {
      if (!usable[p] || cb[4 * c] < cb[4 * p] || cb[4 * c + 1] < cb[4 * p + 1] || cb[4 * c + 2] > cb[4 * p + 2] || cb[4 * c + 3] > cb[4 * p + 3]) continue;
      contained = true;
      for (let v = dst.start[c]; v < dst.start[c + 1]; v++)
        if (!inConvex(dst, p, dst.X[v], dst.Y[v])) {
          contained = false;
          break;
        }
    }
    if (contained) dst.pop();
    else usable[c] = 1;
  }
  return dst.n - first;
}
