// Area of ((∪A − ∪B) ∪ E) ∩ P without building the region: A are convex add-polygons (capsules),
// B convex cut-polygons (corridors), E any add-rings (polygon sources grown by the offset), P the
// clip rings (a community's part in one tile). By Green's theorem the area is ∮ x dy over the
// region's boundary, and every boundary point lies on an edge of some input polygon: each edge
// adds ∫ x dy over the stretches where the region's membership differs on its two sides,
// (inR(left) − inR(right)), with left/right the edge's own polygon's inside/outside (docs/network-areas.md §5).
// Membership along an edge is exact: Cyrus–Beck intervals for the convex polygons, crossings and
// winding numbers for the rings. A stretch shared by collinear edges of several convex polygons
// (capsules share disks and edges exactly, on the centimetre grid) is counted once, by the lowest
// polygon, with every polygon on that line taking its side's state. Allocation-free after warm-up.
import { clipFlatToAxis } from '../geo/clipToHalfPlane';
import { inConvex, PolygonStore } from './capsules';

/**
 * Flat rings (any shape, non-zero winding) in centimetres: ring r has vertices start[r] .. start[r+1].
 * The same flat store as the capsules' (its rings need not be convex), with a winding number.
 */
export class RingSet extends PolygonStore {
  /** Winding number of the rings around (x, y) (points on an edge: either side's). */
  winding(x: number, y: number): number {
    let w = 0;
    const { X, Y, start, box } = this;
    for (let r = 0; r < this.n; r++) {
      if (y < box[4 * r + 1] || y > box[4 * r + 3] || x > box[4 * r + 2]) continue;
      const s = start[r];
      const e = start[r + 1];
      for (let i = s, j = e - 1; i < e; j = i++) {
        const xj = X[j], yj = Y[j], xi = X[i], yi = Y[i];
        if (yj <= y) {
          if (yi > y && (xi - xj) * (y - yj) - (x - xj) * (yi - yj) > 0) w++;
        } else if (yi <= y && (xi - xj) * (y - yj) - (x - xj) * (yi - yj) < 0) w--;
      }
    }
    return w;
  }
}

/**
 * Makes every polygon of `store` convex in place: rounding the capsules' vertices to centimetres
 * can leave a reflex vertex a fraction of a centimetre deep where a hull has nearly collinear
 * vertices; each polygon becomes the convex hull of its vertices (Graham's scan from its lowest
 * vertex, the ring being angularly ordered already). Adds at most those slivers (≪ 1 m² per tile).
 */
export function convexifyStore(store: PolygonStore): void {
  const { X, Y, start } = store;
  let w = 0;
  let next = start[0];
  for (let i = 0; i < store.n; i++) {
    // start[i] already holds the compacted position: the ring's own start was kept in `next`.
    const s = next;
    const n = start[i + 1] - s;
    next = start[i + 1];
    // Already strictly convex (every turn to the left): kept as it is, moved down to w.
    let convex = n >= 3;
    for (let k = 0; k < n && convex; k++) {
      const a = s + (k === 0 ? n - 1 : k - 1), b = s + k, c = s + (k + 1 === n ? 0 : k + 1);
      convex = (X[b] - X[a]) * (Y[c] - Y[a]) - (Y[b] - Y[a]) * (X[c] - X[a]) > 0;
    }
    if (convex) {
      if (w !== s) {
        X.copyWithin(w, s, s + n);
        Y.copyWithin(w, s, s + n);
      }
      start[i] = w;
      w += n;
      start[i + 1] = w;
      continue;
    }
    let low = s;
    for (let k = s + 1; k < s + n; k++) if (Y[k] < Y[low] || (Y[k] === Y[low] && X[k] < X[low])) low = k;
    if (hx.length < n) {
      hx = new Float64Array(2 * n);
      hy = new Float64Array(2 * n);
    }
    for (let m = 0; m < n; m++) {
      const k = s + ((low - s + m) % n);
      hx[m] = X[k];
      hy[m] = Y[k];
    }
    // The hull is written from w ≤ s: the ring was copied out first.
    const base = w;
    for (let m = 0; m < n; m++) {
      const x = hx[m], y = hy[m];
      while (w - base >= 2 && (X[w - 1] - X[w - 2]) * (y - Y[w - 2]) - (Y[w - 1] - Y[w - 2]) * (x - X[w - 2]) <= 0) w--;
      X[w] = x;
      Y[w] = y;
      w++;
    }
    while (w - base >= 3 && (X[w - 1] - X[w - 2]) * (Y[base] - Y[w - 2]) - (Y[w - 1] - Y[w - 2]) * (X[base] - X[w - 2]) <= 0) w--;
    start[i] = base;
    start[i + 1] = w;
  }
}
let hx = new Float64Array(64);
let hy = new Float64Array(64);

/** Growable list of numbers (parameters along an edge). */
class Params {
  t = new Float64Array(64);
  n = 0;
  push(v: number): void {
    if (this.n === this.t.length) {
      const t = new Float64Array(this.n * 2);
      t.set(this.t);
      this.t = t;
    }
    this.t[this.n++] = v;
  }
}

// Families, in the order that decides who counts a stretch shared by collinear edges: the higher
// family, then the lower polygon index within one family.
const FAMILY_A = 0;
const FAMILY_B = 1;
const FAMILY_E = 2;
const FAMILY_P = 3;

/** Convex polygons taking part: indices into one of two stores (A: capsules, B: corridors). */
class ConvexSet {
  store!: PolygonStore;
  items = new Int32Array(64);
  n = 0;
  set(store: PolygonStore, items: ArrayLike<number>, count: number): void {
    this.store = store;
    if (this.items.length < count) {
      const m = Math.max(count, 2 * this.items.length);
      this.items = new Int32Array(m);
      this.key = new Float64Array(m);
      this.kept = new Uint8Array(m);
    }
    let m = 0;
    for (let q = 0; q < count; q++) if (store.area2(items[q]) > 0) this.items[m++] = items[q];
    this.n = m;
  }

  /**
   * Keeps only the polygons whose boxes meet the box of some polygon of `other`: one meeting none
   * of them holds no point of their union, so cutting it away changes nothing (the corridors
   * against the capsules left by dropContained).
   */
  keepMeeting(other: ConvexSet): void {
    const box = this.store.box, ob = other.store.box;
    let w = 0;
    for (let q = 0; q < this.n; q++) {
      const i = this.items[q];
      let meets = false;
      for (let p = 0; p < other.n && !meets; p++) {
        const j = other.items[p];
        meets = box[4 * i] <= ob[4 * j + 2] && ob[4 * j] <= box[4 * i + 2] && box[4 * i + 1] <= ob[4 * j + 3] && ob[4 * j + 1] <= box[4 * i + 3];
      }
      if (meets) this.items[w++] = i;
    }
    this.n = w;
  }

  /** Scratch of dropContained: sort keys (packed with the item's position) and kept flags. */
  private key = new Float64Array(64);
  private kept = new Uint8Array(64);
  /** Per polygon kept so far (in keeping order): its item, the centre of its vertices, and the squared radii of a circle inside it and of one around it. */
  private keptItem = new Int32Array(64);
  private keptCircle = new Float64Array(256);

  /**
   * Drops the polygons whose part within the box [x0, x1] × [y0, y1] lies inside another polygon
   * of the set (the union within the box is the same), and those missing the box's interior.
   * Largest first (area scaled by the share of its box within the window): a polygon is dropped
   * when the corners of its box clipped to the window, or else all its vertices clipped to the
   * window, lie inside (or on) a polygon kept so far. The kept ones stay in their order.
   */
  dropContained(x0: number, y0: number, x1: number, y1: number): void {
    const { store, items, key, kept } = this;
    const { box, area } = store;
    const n = this.n;
    if (n < 2) return;
    if (this.keptItem.length < n) {
      this.keptItem = new Int32Array(2 * n);
      this.keptCircle = new Float64Array(8 * n);
    }
    const keptItem = this.keptItem;
    const circle = this.keptCircle;
    let m = 0;
    for (let q = 0; q < n; q++) {
      const i = items[q];
      kept[q] = 0;
      const w = Math.min(box[4 * i + 2], x1) - Math.max(box[4 * i], x0);
      const h = Math.min(box[4 * i + 3], y1) - Math.max(box[4 * i + 1], y0);
      if (!(w > 0 && h > 0)) continue;
      const k = (area[i] * w * h) / ((box[4 * i + 2] - box[4 * i]) * (box[4 * i + 3] - box[4 * i + 1]));
      key[m++] = (KEY_MAX - Math.min(KEY_MAX, Math.max(0, Math.floor(k / 64)))) * SLOT + q;
    }
    if (m >= SLOT) return;
    const order = key.subarray(0, m).sort();
    let nk = 0;
    for (let o = 0; o < m; o++) {
      const q = order[o] % SLOT;
      const i = items[q];
      const bx0 = Math.max(box[4 * i], x0), by0 = Math.max(box[4 * i + 1], y0), bx1 = Math.min(box[4 * i + 2], x1), by1 = Math.min(box[4 * i + 3], y1);
      let inside = false;
      // The polygon clipped to the window, made on the first container candidate its corners fail.
      let clipped = -1;
      // A vertex of the polygon inside the window (−1: not looked for yet, −2: none) is also a
      // vertex of the clipped polygon: a container must hold it, which is tested before clipping.
      let probe = -1;
      for (let c = 0; c < nk && !inside; c++) {
        const j = keptItem[c];
        if (bx0 < box[4 * j] || by0 < box[4 * j + 1] || bx1 > box[4 * j + 2] || by1 > box[4 * j + 3]) continue;
        inside = inKept(store, j, circle, c, bx0, by0) && inKept(store, j, circle, c, bx1, by0) && inKept(store, j, circle, c, bx1, by1) && inKept(store, j, circle, c, bx0, by1);
        if (inside) break;
        if (probe === -1) probe = vertexInBox(store, i, x0, y0, x1, y1);
        if (probe >= 0 && !inKept(store, j, circle, c, store.X[probe], store.Y[probe])) continue;
        if (clipped < 0) clipped = clipToBox(store, i, x0, y0, x1, y1);
        inside = true;
        for (let k = 0; k < clipped && inside; k++) inside = inKept(store, j, circle, c, cA[2 * k], cA[2 * k + 1]);
      }
      if (inside) continue;
      kept[q] = 1;
      keptItem[nk] = i;
      keptCircleOf(store, i, circle, nk);
      nk++;
    }
    let w = 0;
    for (let q = 0; q < n; q++) if (kept[q]) items[w++] = items[q];
    this.n = w;
  }
}

/**
 * Circles inside and around convex polygon i of `store`, into circle[4c .. 4c+3]: the centre of
 * its vertices, the squared distance from it to the nearest edge line (shrunk by a relative 1e-9:
 * points within it are inside for certain) and to the farthest vertex (points beyond are outside).
 */
function keptCircleOf(store: PolygonStore, i: number, circle: Float64Array, c: number): void {
  const { X, Y, start } = store;
  const s = start[i], e = start[i + 1];
  let cx = 0, cy = 0;
  for (let k = s; k < e; k++) {
    cx += X[k];
    cy += Y[k];
  }
  cx /= e - s;
  cy /= e - s;
  let rin = Infinity, rout = 0;
  for (let a = e - 1, b = s; b < e; a = b++) {
    const ex = X[b] - X[a], ey = Y[b] - Y[a];
    const len2 = ex * ex + ey * ey;
    if (len2 > 0) {
      const g = ex * (cy - Y[a]) - ey * (cx - X[a]);
      rin = Math.min(rin, g > 0 ? (g * g) / len2 : 0);
    }
    const dx = X[b] - cx, dy = Y[b] - cy;
    rout = Math.max(rout, dx * dx + dy * dy);
  }
  circle[4 * c] = cx;
  circle[4 * c + 1] = cy;
  circle[4 * c + 2] = rin === Infinity ? 0 : rin * (1 - 1e-9);
  circle[4 * c + 3] = rout * (1 + 1e-9);
}

/** The first vertex (index into the store's X, Y) of polygon i inside or on the box [x0, x1] × [y0, y1], or −2. */
function vertexInBox(store: PolygonStore, i: number, x0: number, y0: number, x1: number, y1: number): number {
  const { X, Y, start } = store;
  for (let k = start[i]; k < start[i + 1]; k++) if (X[k] >= x0 && X[k] <= x1 && Y[k] >= y0 && Y[k] <= y1) return k;
  return -2;
}

/** inConvex(store, j, x, y), answered by kept polygon c's circles where they decide it. */
function inKept(store: PolygonStore, j: number, circle: Float64Array, c: number, x: number, y: number): boolean {
  const dx = x - circle[4 * c], dy = y - circle[4 * c + 1];
  const d2 = dx * dx + dy * dy;
  if (d2 < circle[4 * c + 2]) return true;
  if (d2 > circle[4 * c + 3]) return false;
  return inConvex(store, j, x, y);
}

/** Sort keys of dropContained: the item's position in the low 21 bits of an exact double, under a coarse area key. */
const SLOT = 2 ** 21;
const KEY_MAX = 2 ** 31 - 1;


/** Scratch rings of clipToBox (x, y interleaved). */
let cA = new Float64Array(256);
let cB = new Float64Array(256);


/** Convex polygon i of `store` clipped to the box [x0, x1] × [y0, y1] into the scratch ring cA; returns its point count. */
function clipToBox(store: PolygonStore, i: number, x0: number, y0: number, x1: number, y1: number): number {
  const { X, Y, start } = store;
  const s = start[i], n0 = start[i + 1] - s;
  if (cA.length < 4 * n0 + 16) {
    cA = new Float64Array(4 * n0 + 16);
    cB = new Float64Array(4 * n0 + 16);
  }
  for (let k = 0; k < n0; k++) {
    cA[2 * k] = X[s + k];
    cA[2 * k + 1] = Y[s + k];
  }
  let n = clipFlatToAxis(cA, n0, cB, 0, 1, x0);
  n = clipFlatToAxis(cB, n, cA, 0, -1, x1);
  n = clipFlatToAxis(cA, n, cB, 1, 1, y0);
  return clipFlatToAxis(cB, n, cA, 1, -1, y1);
}

/**
 * Intervals of one edge inside other convex polygons: lo/hi (open), `kind` 0 strictly inside,
 * +1 / −1 on a collinear edge of the same / opposite direction, `owner` true when that polygon
 * comes before the edge's own (it counts the shared stretch), `fam` the polygon's family.
 */
class Hits {
  lo = new Float64Array(64);
  hi = new Float64Array(64);
  kind = new Int8Array(64);
  fam = new Int8Array(64);
  owner = new Uint8Array(64);
  n = 0;
  push(lo: number, hi: number, kind: number, fam: number, owner: boolean): void {
    if (this.n === this.lo.length) {
      const m = 2 * this.n;
      const f = (a: Float64Array) => { const b = new Float64Array(m); b.set(a); return b; };
      const i8 = (a: Int8Array) => { const b = new Int8Array(m); b.set(a); return b; };
      this.lo = f(this.lo);
      this.hi = f(this.hi);
      this.kind = i8(this.kind);
      this.fam = i8(this.fam);
      const o = new Uint8Array(m);
      o.set(this.owner);
      this.owner = o;
    }
    const i = this.n++;
    this.lo[i] = lo;
    this.hi[i] = hi;
    this.kind[i] = kind;
    this.fam[i] = fam;
    this.owner[i] = owner ? 1 : 0;
  }
}

/**
 * Area (cm²) of ((∪A − ∪B) ∪ E) ∩ P, see the module comment. A and B are convex CCW polygons of
 * their stores (integer cm; those of non-positive area are ignored), E and P non-zero-winding
 * rings in cm (outer CCW, holes CW; P's rings must not overlap one another).
 */
export class CoveredArea {
  private readonly A = new ConvexSet();
  private readonly B = new ConvexSet();
  private readonly hits = new Hits();
  private readonly cuts = new Params();
  private E!: RingSet;
  private P!: RingSet;
  private ox = 0;
  private readonly pb = new Float64Array(4);
  private lastCover = -1;
  /** The area summed so far by edge() (a number field updated in place: no boxed return per edge). */
  private acc = 0.5;
  /** The A polygon (index into A) that last held a whole edge of another family. */
  private lastOther = -1;
  /** An A polygon holding P's whole box (index into A), or −1. */
  private coveringA = -1;

  /** Whether convex polygon i holds the box (all four corners strictly inside). */
  private holdsBox(st: PolygonStore, i: number, x0: number, y0: number, x1: number, y1: number): boolean {
    if (st.box[4 * i] >= x0 || st.box[4 * i + 1] >= y0 || st.box[4 * i + 2] <= x1 || st.box[4 * i + 3] <= y1) return false;
    const { X, Y } = st;
    const s = st.start[i], e = st.start[i + 1];
    for (let k = s, j = e - 1; k < e; j = k++) {
      const ex = X[k] - X[j], ey = Y[k] - Y[j];
      if (ex * (y0 - Y[j]) - ey * (x0 - X[j]) <= 0 || ex * (y0 - Y[j]) - ey * (x1 - X[j]) <= 0 || ex * (y1 - Y[j]) - ey * (x0 - X[j]) <= 0 || ex * (y1 - Y[j]) - ey * (x1 - X[j]) <= 0) return false;
    }
    return true;
  }

  /**
   * The area in cm². `clipBox` (cm) must contain P; only edge stretches inside it are integrated.
   */
  area(aStore: PolygonStore, aItems: ArrayLike<number>, aCount: number, bStore: PolygonStore, bItems: ArrayLike<number>, bCount: number, E: RingSet, P: RingSet): number {
    this.A.set(aStore, aItems, aCount);
    this.B.set(bStore, bItems, bCount);
    this.E = E;
    this.P = P;
    if (!P.n || (!this.A.n && !E.n)) return 0;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let r = 0; r < P.n; r++) {
      x0 = Math.min(x0, P.box[4 * r]); y0 = Math.min(y0, P.box[4 * r + 1]);
      x1 = Math.max(x1, P.box[4 * r + 2]); y1 = Math.max(y1, P.box[4 * r + 3]);
    }
    this.pb[0] = x0;
    this.pb[1] = y0;
    this.pb[2] = x1;
    this.pb[3] = y1;
    // A local origin keeps ∮ x dy free of cancellation.
    this.ox = x0;
    this.lastCover = -1;
    this.lastOther = -1;
    this.acc = 0;
    const { A, B } = this;
    A.dropContained(x0, y0, x1, y1);
    B.keepMeeting(A);
    // One A polygon holding P's whole box covers everything A can: no A edge is on the boundary.
    this.coveringA = -1;
    for (let q = 0; q < A.n && this.coveringA < 0; q++) if (this.holdsBox(A.store, A.items[q], x0, y0, x1, y1)) this.coveringA = q;
    if (this.coveringA < 0)
      for (let q = 0; q < A.n; q++) {
        const i = A.items[q];
        const st = A.store;
        const s = st.start[i], e = st.start[i + 1];
        if (st.box[4 * i + 2] < x0 || st.box[4 * i] > x1 || st.box[4 * i + 3] < y0 || st.box[4 * i + 1] > y1) continue;
        const X = st.X, Y = st.Y;
        for (let k = s, j = e - 1; k < e; j = k++) {
          // Edges missing P's box add nothing (the common case: a tile sees a corner of a capsule).
          if ((X[j] < x0 && X[k] < x0) || (X[j] > x1 && X[k] > x1) || (Y[j] < y0 && Y[k] < y0) || (Y[j] > y1 && Y[k] > y1)) continue;
          this.edge(X[j], Y[j], X[k], Y[k], FAMILY_A, q);
        }
      }
    for (let q = 0; q < B.n; q++) {
      const i = B.items[q];
      const st = B.store;
      const s = st.start[i], e = st.start[i + 1];
      if (st.box[4 * i + 2] < x0 || st.box[4 * i] > x1 || st.box[4 * i + 3] < y0 || st.box[4 * i + 1] > y1) continue;
      for (let k = s, j = e - 1; k < e; j = k++) this.edge(st.X[j], st.Y[j], st.X[k], st.Y[k], FAMILY_B, q);
    }
    for (let fam = FAMILY_E; fam <= FAMILY_P; fam++) {
      const set = fam === FAMILY_P ? P : E;
      for (let r = 0; r < set.n; r++) {
        if (set.box[4 * r + 2] < x0 || set.box[4 * r] > x1 || set.box[4 * r + 3] < y0 || set.box[4 * r + 1] > y1) continue;
        const s = set.start[r], e = set.start[r + 1];
        for (let k = s, j = e - 1; k < e; j = k++) this.edge(set.X[j], set.Y[j], set.X[k], set.Y[k], fam, r);
      }
    }
    return this.acc;
  }

  /** Adds to acc ∫ x dy over the stretches of edge a → b (of polygon `own` in family `fam`) on the region's boundary. */
  private edge(ax: number, ay: number, bx: number, by: number, fam: number, own: number): void {
    const dx = bx - ax;
    const dy = by - ay;
    if (dx === 0 && dy === 0) return;
    // Liang–Barsky against P's box: nothing outside it is in the region.
    let t0 = 0, t1 = 1;
    const pb = this.pb;
    const x0 = pb[0], y0 = pb[1], x1 = pb[2], y1 = pb[3];
    if (dx === 0) { if (ax < x0 || ax > x1) return; }
    else {
      let ta = (x0 - ax) / dx, tb = (x1 - ax) / dx;
      if (ta > tb) { const t = ta; ta = tb; tb = t; }
      if (ta > t0) t0 = ta;
      if (tb < t1) t1 = tb;
    }
    if (dy === 0) { if (ay < y0 || ay > y1) return; }
    else {
      let ta = (y0 - ay) / dy, tb = (y1 - ay) / dy;
      if (ta > tb) { const t = ta; ta = tb; tb = t; }
      if (ta > t0) t0 = ta;
      if (tb < t1) t1 = tb;
    }
    if (!(t1 > t0)) return;
    // A stretch of an A edge strictly inside another A polygon is interior: skip early.
    if (fam === FAMILY_A && this.lastCover >= 0 && this.lastCover !== own && this.strictlyInside(this.A, this.lastCover, ax, ay, dx, dy, t0, t1)) return;

    const hits = this.hits;
    hits.n = 0;
    const cuts = this.cuts;
    cuts.n = 0;
    cuts.push(t0);
    cuts.push(t1);
    const sx0 = ax + t0 * dx, sx1 = ax + t1 * dx, sy0 = ay + t0 * dy, sy1 = ay + t1 * dy;
    const bx0 = Math.min(sx0, sx1), bx1 = Math.max(sx0, sx1), by0 = Math.min(sy0, sy1), by1 = Math.max(sy0, sy1);
    for (let f = FAMILY_A; f <= FAMILY_B; f++) {
      // A corridor edge inside no capsule is on no boundary (see the exits below): its cuts by other corridors are not needed.
      if (f === FAMILY_B && fam === FAMILY_B && hits.n === 0) return;
      const set = f === FAMILY_A ? this.A : this.B;
      const st = set.store;
      const box = st.box;
      // With a covering A polygon, it alone decides A's state inside P's box.
      const qa = f === FAMILY_A && this.coveringA >= 0 ? this.coveringA : 0;
      const qb = f === FAMILY_A && this.coveringA >= 0 ? this.coveringA + 1 : set.n;
      // An edge of another family inside one A polygon all along: that polygon alone decides A's
      // state there ("in" on both sides); the other A polygons would only add cuts. Tried first:
      // the polygon that covered the previous such edge.
      const other = f === FAMILY_A && fam !== FAMILY_A && this.coveringA < 0;
      if (other && this.lastOther >= 0 && this.lastOther < set.n && this.strictlyInside(set, this.lastOther, ax, ay, dx, dy, t0, t1)) {
        hits.push(t0, t1, 0, FAMILY_A, false);
        continue;
      }
      for (let q = qa; q < qb; q++) {
        if (f === fam && q === own) continue;
        const i = set.items[q];
        if (box[4 * i] > bx1 || box[4 * i + 2] < bx0 || box[4 * i + 1] > by1 || box[4 * i + 3] < by0) continue;
        const n0 = hits.n;
        this.clipConvex(st, i, ax, ay, dx, dy, t0, t1, f, f > fam || (f === fam && q < own));
        if (hits.n > n0 && hits.kind[n0] === 0 && hits.lo[n0] <= t0 && hits.hi[n0] >= t1) {
          // A whole stretch strictly inside another A polygon (A edge): nothing to add.
          if (fam === FAMILY_A && f === FAMILY_A) {
            this.lastCover = q;
            return;
          }
          if (other) {
            // A's hits come first: keep this one alone.
            hits.lo[0] = hits.lo[n0];
            hits.hi[0] = hits.hi[n0];
            hits.kind[0] = 0;
            hits.fam[0] = FAMILY_A;
            hits.owner[0] = 0;
            hits.n = 1;
            this.lastOther = q;
            break;
          }
        }
      }
    }
    // Exits before the rings are crossed, where the region is the same on both sides everywhere:
    // a corridor edge outside every capsule (both sides hold only E ∩ P), and a capsule edge
    // inside the capsules of others along its whole stretch with no corridor near it.
    // (P's rings do not overlap one another, so an edge of P has P on its left only.)
    if (fam === FAMILY_B && !this.anyOf(FAMILY_A)) return;
    if (fam === FAMILY_A && this.coveredByA(t0, t1)) return;
    // An edge of P: outside every capsule and E, nothing; inside capsules all along, with no
    // corridor, its whole stretch (the region is then P itself on its left, nothing on its right).
    if (fam === FAMILY_P) {
      if (!this.E.n && !this.anyOf(FAMILY_A)) return;
      if (this.coveredByA(t0, t1)) {
        this.acc += dy * ((ax - this.ox) * (t1 - t0) + (dx * (t1 * t1 - t0 * t0)) / 2);
        return;
      }
    }
    for (let h = 0; h < hits.n; h++) {
      if (hits.lo[h] > t0) cuts.push(hits.lo[h]);
      if (hits.hi[h] < t1) cuts.push(hits.hi[h]);
    }
    // Crossings with the rings of P and E. E's rings may overlap one another (several polygon
    // sources grown into each other), so an E edge is cut where other E rings cross it too.
    if (fam !== FAMILY_P) this.crossings(this.P, FAMILY_P, fam, own, ax, ay, dx, dy, t0, t1, bx0, by0, bx1, by1);
    if (this.E.n) this.crossings(this.E, FAMILY_E, fam, own, ax, ay, dx, dy, t0, t1, bx0, by0, bx1, by1);
    const t = cuts.t;
    const nc = cuts.n;
    // Insertion sort: a handful of cuts.
    for (let i = 1; i < nc; i++) {
      const v = t[i];
      let j = i - 1;
      while (j >= 0 && t[j] > v) { t[j + 1] = t[j]; j--; }
      t[j + 1] = v;
    }
    // Unit normal to the left, scaled to a tiny step for the rings' own side tests.
    const len = Math.sqrt(dx * dx + dy * dy);
    const lx = (-dy / len) * 1e-4, ly = (dx / len) * 1e-4;
    let sum = 0;
    for (let c = 0; c + 1 < nc; c++) {
      const ta = t[c], tb = t[c + 1];
      if (!(tb > ta) || ta < t0 || tb > t1) continue;
      const tm = (ta + tb) / 2;
      // States of A and B on the left and right of this stretch.
      let aL = fam === FAMILY_A, aR = false, bL = fam === FAMILY_B, bR = false, skip = false;
      for (let h = 0; h < hits.n; h++) {
        if (!(hits.lo[h] < tm && tm < hits.hi[h])) continue;
        const k = hits.kind[h];
        if (k !== 0 && hits.owner[h]) { skip = true; break; }
        const inL = k === 0 || k === 1;
        const inR = k === 0 || k === -1;
        if (hits.fam[h] === FAMILY_A) { aL ||= inL; aR ||= inR; } else { bL ||= inL; bR ||= inR; }
      }
      if (skip) continue;
      // Quick exits before any ring test: the region is the same on both sides.
      if (aL === aR && bL === bR && fam !== FAMILY_P && fam !== FAMILY_E) continue;
      const mx = ax + tm * dx, my = ay + tm * dy;
      // The rings are tested a hair to each side: an edge lying on a ring's edge takes each side's state.
      let pL: boolean, pR: boolean;
      if (fam === FAMILY_P) { pL = true; pR = false; }
      else {
        pL = this.P.winding(mx + lx, my + ly) !== 0;
        pR = this.P.winding(mx - lx, my - ly) !== 0;
      }
      if (!pL && !pR) continue;
      const coreL = aL && !bL, coreR = aR && !bR;
      let eL = false, eR = false;
      if (this.E.n && !(coreL && coreR)) {
        eL = this.E.winding(mx + lx, my + ly) !== 0;
        eR = this.E.winding(mx - lx, my - ly) !== 0;
      }
      const rL = pL && (coreL || eL), rR = pR && (coreR || eR);
      if (rL === rR) continue;
      // ∫ x dy from ta to tb, relative to the local origin.
      const X0 = ax - this.ox;
      const v = dy * (X0 * (tb - ta) + (dx * (tb * tb - ta * ta)) / 2);
      sum += rL ? v : -v;
    }
    this.acc += sum;
  }

  /** Whether some hit of the current edge belongs to family `fam`. */
  private anyOf(fam: number): boolean {
    const { hits } = this;
    for (let h = 0; h < hits.n; h++) if (hits.fam[h] === fam) return true;
    return false;
  }

  /**
   * Whether the current edge's hits are all strictly inside A polygons (no corridor, no shared
   * edge) and together cover [t0, t1]: the A state is then "in" on both sides everywhere.
   */
  private coveredByA(t0: number, t1: number): boolean {
    const { hits } = this;
    const n = hits.n;
    if (!n) return false;
    for (let h = 0; h < n; h++) if (hits.fam[h] !== FAMILY_A || hits.kind[h] !== 0) return false;
    let at = t0;
    for (let grown = true; grown && at < t1; ) {
      grown = false;
      for (let h = 0; h < n; h++)
        if (hits.lo[h] <= at && hits.hi[h] > at) {
          at = hits.hi[h];
          grown = true;
        }
    }
    return at >= t1;
  }

  /** Whether the stretch [t0, t1] of the edge lies strictly inside convex polygon q of `set`. */
  private strictlyInside(set: ConvexSet, q: number, ax: number, ay: number, dx: number, dy: number, t0: number, t1: number): boolean {
    const st = set.store;
    const i = set.items[q];
    const s = st.start[i], e = st.start[i + 1];
    const { X, Y } = st;
    for (let k = s, j = e - 1; k < e; j = k++) {
      const ex = X[k] - X[j], ey = Y[k] - Y[j];
      // Exact at the edge's (integer) end points, then linear in t.
      const g0 = ex * (ay - Y[j]) - ey * (ax - X[j]);
      const g1 = ex * (ay + dy - Y[j]) - ey * (ax + dx - X[j]);
      if (g0 === 0 && g1 === 0) return false;
      if (g0 + t0 * (g1 - g0) <= 0 || g0 + t1 * (g1 - g0) <= 0) return false;
    }
    return true;
  }

  /** Cyrus–Beck of the edge's stretch [t0, t1] against convex polygon i: pushes one hit or none. */
  private clipConvex(st: PolygonStore, i: number, ax: number, ay: number, dx: number, dy: number, t0: number, t1: number, fam: number, owner: boolean): void {
    let lo = t0, hi = t1, kind = 0;
    const { X, Y } = st;
    const s = st.start[i], e = st.start[i + 1];
    for (let k = s, j = e - 1; k < e; j = k++) {
      const ex = X[k] - X[j], ey = Y[k] - Y[j];
      // Positive = left of the polygon's edge (inside side of a CCW polygon).
      const g0 = ex * (ay - Y[j]) - ey * (ax - X[j]);
      const g1 = ex * (ay + dy - Y[j]) - ey * (ax + dx - X[j]);
      if (g0 === 0 && g1 === 0) {
        if (ex === 0 && ey === 0) continue;
        kind = ex * dx + ey * dy > 0 ? 1 : -1;
        continue;
      }
      if (g0 <= 0 && g1 <= 0) return;
      if (g0 > 0 && g1 > 0) continue;
      const tc = g0 / (g0 - g1);
      if (g0 > 0) { if (tc < hi) hi = tc; }
      else if (tc > lo) lo = tc;
      if (!(hi > lo)) return;
    }
    if (hi > lo) this.hits.push(lo, hi, kind, fam, owner);
  }

  /**
   * Parameters in (t0, t1) where the edge crosses an edge of `rings` (family `F`); a collinear
   * overlap with a ring of a higher family, or of the same family with a lower ring index (E's
   * rings may overlap: two equal grown sources), is that ring's to count (a skipped stretch).
   */
  private crossings(rings: RingSet, F: number, fam: number, own: number, ax: number, ay: number, dx: number, dy: number, t0: number, t1: number, bx0: number, by0: number, bx1: number, by1: number): void {
    const { X, Y, start, box } = rings;
    const d2 = dx * dx + dy * dy;
    for (let r = 0; r < rings.n; r++) {
      if (box[4 * r] > bx1 || box[4 * r + 2] < bx0 || box[4 * r + 1] > by1 || box[4 * r + 3] < by0) continue;
      const s = start[r], e = start[r + 1];
      for (let k = s, j = e - 1; k < e; j = k++) {
        const px = X[j], py = Y[j], qx = X[k], qy = Y[k];
        if (Math.max(px, qx) < bx0 || Math.min(px, qx) > bx1 || Math.max(py, qy) < by0 || Math.min(py, qy) > by1) continue;
        const ex = qx - px, ey = qy - py;
        const den = dx * ey - dy * ex;
        if (den === 0) {
          if ((F > fam || (F === fam && r < own)) && (px - ax) * dy - (py - ay) * dx === 0) {
            const tp = ((px - ax) * dx + (py - ay) * dy) / d2;
            const tq = ((qx - ax) * dx + (qy - ay) * dy) / d2;
            const lo = Math.max(t0, Math.min(tp, tq)), hi = Math.min(t1, Math.max(tp, tq));
            if (hi > lo) {
              this.hits.push(lo, hi, 1, F, true);
              if (lo > t0) this.cuts.push(lo);
              if (hi < t1) this.cuts.push(hi);
            }
          }
          continue;
        }
        const t = ((px - ax) * ey - (py - ay) * ex) / den;
        const u = ((px - ax) * dy - (py - ay) * dx) / den;
        if (t > t0 && t < t1 && u >= 0 && u <= 1) this.cuts.push(t);
      }
    }
  }
}
