// Residential land as flat typed arrays: every polygon of every community's coverage basis (and,
// while the basis is prepared, every projected residential feature) in one store, with no object
// per polygon, ring or vertex. A city has hundreds of thousands of building footprints: as nested
// [x, y] arrays they cost about ten objects each, which the garbage collector then walks.
// Rings follow reachProvider.ts (metres, no closing vertex, outer counter-clockwise, holes
// clockwise); a polygon here is one outer ring with its holes, or (for a projected feature) all of
// its rings. A polygon may also refer to another store's polygon for its rings (a community's
// households piece that is a whole footprint refers to the projected layer instead of copying it);
// its area, box and weight are still its own columns'. ringsStoreOf / ringsIndexOf say where a
// polygon's rings are; metricRingsOf and copy follow the reference.
import type { BBox, MetricRings, XY } from './reach/reachProvider';
import { bulkFloat64, bulkInt32, bulkUint32 } from './bulkArrays';

export interface PolygonStore {
  /** Number of polygons. */
  readonly count: number;
  /** x, y of every vertex, ring after ring. */
  readonly xy: Float64Array;
  /** Ring r spans xy[ringStart[r] .. ringStart[r + 1]) (indices into xy, two per vertex). */
  readonly ringStart: Uint32Array;
  /** Polygon p has the rings polygonRing[p] .. polygonRing[p + 1] − 1. */
  readonly polygonRing: Uint32Array;
  /** Net area (m², outer rings positive, holes negative) per polygon. */
  readonly area: Float64Array;
  /** minX, minY, maxX, maxY per polygon. */
  readonly bbox: Float64Array;
  /** Per polygon: households per m² (a piece's weight; 1 on the area basis). */
  readonly weight: Float64Array;
  /**
   * Per polygon, when some polygons refer to `ringsStore` for their rings: the polygon of
   * ringsStore whose rings it has (its own ring range is then empty), or −1 for rings of its own.
   */
  readonly ringsFrom?: Int32Array;
  /** The store that ringsFrom refers to. */
  readonly ringsStore?: PolygonStore;
}

/** The store holding polygon p's rings: s, or the store p refers to (PolygonStore.ringsFrom). */
export function ringsStoreOf(s: PolygonStore, p: number): PolygonStore {
  const from = s.ringsFrom;
  return from !== undefined && from[p] >= 0 ? s.ringsStore! : s;
}

/** Polygon p's index in ringsStoreOf(s, p). */
export function ringsIndexOf(s: PolygonStore, p: number): number {
  const from = s.ringsFrom;
  return from !== undefined && from[p] >= 0 ? from[p] : p;
}

/** A typed array twice as long (at least `need`), with the first `used` entries copied. */
function grown<T extends Float64Array | Uint32Array | Int32Array>(a: T, used: number, need: number): T {
  const length = Math.max(need, 2 * a.length);
  const next = (a instanceof Float64Array ? bulkFloat64(length) : a instanceof Int32Array ? bulkInt32(length) : bulkUint32(length)) as T;
  next.set(a.subarray(0, used));
  return next;
}

/**
 * Appends polygons ring by ring; growable until finish(). Every column is a typed array grown by
 * doubling (no number per entry on the heap, nothing for the garbage collector to walk; large
 * ones in bulkArrays.ts memory, which starts no full collection of its own);
 * `expect` sizes them for that many polygons, rings and vertices up front.
 */
export class PolygonStoreBuilder {
  private xy: Float64Array;
  private nxy = 0;
  private ringStart: Uint32Array;
  private nRings = 0; // rings closed; ringStart[nRings] is where the open ring starts
  private polygonRing: Uint32Array;
  private area: Float64Array;
  private bbox: Float64Array;
  private weight: Float64Array;
  private ringsFrom: Int32Array | null = null; // once some polygon refers to ringsStore (reference())
  private ringsStore: PolygonStore | null = null;
  private n = 0;
  private twice = 0;
  private x0 = Infinity; private y0 = Infinity; private x1 = -Infinity; private y1 = -Infinity;

  /**
   * `bbox`, when given, is the box column to write into (4 numbers per expected polygon, e.g. the
   * leaves of the index to be built over the boxes); finish() hands it over as it is when the
   * polygons fill it.
   */
  constructor(expect: { polygons?: number; rings?: number; vertices?: number; bbox?: Float64Array } = {}) {
    const polygons = Math.max(16, expect.polygons ?? 0);
    this.xy = bulkFloat64(Math.max(1024, 2 * (expect.vertices ?? 0)));
    this.ringStart = bulkUint32(Math.max(16, (expect.rings ?? polygons) + 1));
    this.polygonRing = bulkUint32(polygons + 1);
    this.area = bulkFloat64(polygons);
    this.bbox = expect.bbox && expect.bbox.length >= 4 * polygons ? expect.bbox : bulkFloat64(4 * polygons);
    this.weight = bulkFloat64(polygons);
  }

  get count(): number { return this.n; }
  /** Vertices of the ring being written (since the last endRing). */
  get open(): number { return (this.nxy - this.ringStart[this.nRings]) >> 1; }

  /** Appends a vertex to the open ring, skipping a repeat of the previous one. */
  vertex(x: number, y: number): void {
    const s = this.ringStart[this.nRings];
    if (this.nxy > s && this.xy[this.nxy - 2] === x && this.xy[this.nxy - 1] === y) return;
    if (this.nxy + 2 > this.xy.length) this.xy = grown(this.xy, this.nxy, this.nxy + 2);
    this.xy[this.nxy++] = x;
    this.xy[this.nxy++] = y;
  }

  /**
   * Writes the ring of the n vertices src[0 .. 2n) (reversed when `reverse`) and closes it, as
   * vertex() for each and endRing() would, bit for bit, when `twice` is the sum endRing takes:
   * Σ (x[j] − x[i]) · (y[j] + y[i]) over the ring as written, i from its first vertex, j the one
   * before i, added in that order from 0. The caller has it from its own pass over the ring (the
   * ring checks), so the ring is read once here: written, and its box taken in endRing's order.
   * No vertex may repeat the one before it (vertex() would drop it) and no ring may be open.
   */
  closedRing(src: Float64Array, n: number, reverse: boolean, twice: number): void {
    if (this.nxy + 2 * n > this.xy.length) this.xy = grown(this.xy, this.nxy, this.nxy + 2 * n);
    const xy = this.xy;
    let o = this.nxy;
    let x0 = this.x0, y0 = this.y0, x1 = this.x1, y1 = this.y1;
    for (let v = 0; v < n; v++) {
      const k = reverse ? 2 * (n - 1 - v) : 2 * v;
      const x = src[k], y = src[k + 1];
      xy[o++] = x; xy[o++] = y;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    this.x0 = x0; this.y0 = y0; this.x1 = x1; this.y1 = y1;
    this.twice += twice;
    this.nxy = o;
    if (this.nRings + 2 > this.ringStart.length) this.ringStart = grown(this.ringStart, this.nRings + 1, this.nRings + 2);
    this.ringStart[++this.nRings] = o;
  }

  /** Drops the open ring's last vertex when it repeats the first (a closed input ring). */
  dropClosing(): void {
    const s = this.ringStart[this.nRings];
    if (this.nxy - s >= 4 && this.xy[this.nxy - 2] === this.xy[s] && this.xy[this.nxy - 1] === this.xy[s + 1]) this.nxy -= 2;
  }

  /** Reverses the open ring in place. */
  reverseOpen(): void {
    const xy = this.xy;
    for (let i = this.ringStart[this.nRings], j = this.nxy - 2; i < j; i += 2, j -= 2) {
      const x = xy[i], y = xy[i + 1];
      xy[i] = xy[j]; xy[i + 1] = xy[j + 1];
      xy[j] = x; xy[j + 1] = y;
    }
  }

  /** Closes the open ring (its signed area joins the polygon's). */
  endRing(): void {
    const xy = this.xy;
    const s = this.ringStart[this.nRings], e = this.nxy;
    let a = 0;
    for (let i = s, j = e - 2; i < e; j = i, i += 2) {
      a += (xy[j] - xy[i]) * (xy[j + 1] + xy[i + 1]);
      const x = xy[i], y = xy[i + 1];
      if (x < this.x0) this.x0 = x;
      if (x > this.x1) this.x1 = x;
      if (y < this.y0) this.y0 = y;
      if (y > this.y1) this.y1 = y;
    }
    this.twice += a;
    if (this.nRings + 2 > this.ringStart.length) this.ringStart = grown(this.ringStart, this.nRings + 1, this.nRings + 2);
    this.ringStart[++this.nRings] = e;
  }

  ring(r: XY[]): void {
    for (const p of r) this.vertex(p[0], p[1]);
    this.endRing();
  }

  /** Closes the polygon made of the rings written since the last endPolygon. */
  endPolygon(weight = 1): number {
    const p = this.n;
    if (p + 1 > this.area.length) {
      this.area = grown(this.area, p, p + 1);
      this.weight = grown(this.weight, p, p + 1);
      this.bbox = grown(this.bbox, 4 * p, 4 * (p + 1));
      this.polygonRing = grown(this.polygonRing, p + 1, p + 2);
      if (this.ringsFrom !== null) this.ringsFrom = grown(this.ringsFrom, p, p + 1);
    }
    if (this.ringsFrom !== null) this.ringsFrom[p] = -1;
    this.polygonRing[p + 1] = this.nRings;
    this.area[p] = this.twice / 2;
    this.bbox[4 * p] = this.x0; this.bbox[4 * p + 1] = this.y0; this.bbox[4 * p + 2] = this.x1; this.bbox[4 * p + 3] = this.y1;
    this.weight[p] = weight;
    this.n = p + 1;
    this.twice = 0;
    this.x0 = this.y0 = Infinity;
    this.x1 = this.y1 = -Infinity;
    return p;
  }

  /** One polygon from metric rings. */
  polygon(rings: MetricRings, weight = 1): number {
    for (const r of rings) this.ring(r);
    return this.endPolygon(weight);
  }

  /** Net area of polygon p written so far. */
  areaOf(p: number): number {
    return this.area[p];
  }

  /** Forgets every polygon from `count` on (and any open ring). */
  truncate(count: number): void {
    const rings = this.polygonRing[count];
    this.nxy = this.ringStart[rings];
    this.nRings = rings;
    this.n = count;
    this.twice = 0;
    this.x0 = this.y0 = Infinity;
    this.x1 = this.y1 = -Infinity;
  }

  /**
   * A polygon with the rings of polygon k of another store, referred to rather than copied
   * (PolygonStore.ringsFrom): the polygon copy() writes, in area, box and weight bit for bit,
   * read through the reference. A polygon with a ring that repeats a vertex (which copy drops,
   * summing the area again) is copied, as is one of a store other than the one referred to
   * already: a builder refers to one store. No ring may be open.
   */
  reference(from: PolygonStore, k: number, weight: number): number {
    const via = from.ringsFrom;
    if (via !== undefined && via[k] >= 0) return this.reference(from.ringsStore!, via[k], weight);
    if ((this.ringsStore !== null && this.ringsStore !== from) || repeatsVertex(from, k)) return this.copy(from, k, weight);
    if (this.ringsFrom === null) {
      this.ringsFrom = bulkInt32(this.area.length).fill(-1);
      this.ringsStore = from;
    }
    this.twice = 2 * from.area[k];
    this.x0 = from.bbox[4 * k]; this.y0 = from.bbox[4 * k + 1]; this.x1 = from.bbox[4 * k + 2]; this.y1 = from.bbox[4 * k + 3];
    const p = this.endPolygon(weight);
    this.ringsFrom![p] = k;
    return p;
  }

  /** Copies polygon p of another store (its rings, also when p refers to a third store's). */
  copy(from: PolygonStore, p: number, weight: number): number {
    const via = from.ringsFrom;
    if (via !== undefined && via[p] >= 0) return this.copy(from.ringsStore!, via[p], weight);
    const r0 = from.polygonRing[p], r1 = from.polygonRing[p + 1];
    const v0 = from.ringStart[r0], v1 = from.ringStart[r1];
    if (this.nxy === this.ringStart[this.nRings] && this.twice === 0 && this.x0 === Infinity) {
      // As written vertex by vertex when no ring repeats a vertex (nothing to drop): the rings in
      // one block, the polygon's area and box as the other store has them (the same sums over the
      // same vertices). The vertices are copied while looking for a repeat; on one, the block is
      // forgotten and the polygon written vertex by vertex below.
      if (this.nxy + (v1 - v0) > this.xy.length) this.xy = grown(this.xy, this.nxy, this.nxy + (v1 - v0));
      const src = from.xy, dst = this.xy, shift = this.nxy - v0;
      let repeats = false;
      const starts = from.ringStart;
      for (let r = r0, e = v0; r < r1 && !repeats; r++) {
        const a = e;
        e = starts[r + 1];
        if (a === e) continue;
        let px = src[a], py = src[a + 1];
        dst[a + shift] = px; dst[a + 1 + shift] = py;
        for (let i = a + 2; i < e; i += 2) {
          const x = src[i], y = src[i + 1];
          if (x === px && y === py) { repeats = true; break; }
          dst[i + shift] = x; dst[i + 1 + shift] = y;
          px = x; py = y;
        }
      }
      if (!repeats) {
        if (this.nRings + (r1 - r0) + 1 > this.ringStart.length) this.ringStart = grown(this.ringStart, this.nRings + 1, this.nRings + (r1 - r0) + 1);
        for (let r = r0; r < r1; r++) this.ringStart[++this.nRings] = from.ringStart[r + 1] + shift;
        this.nxy += v1 - v0;
        this.twice = 2 * from.area[p];
        this.x0 = from.bbox[4 * p]; this.y0 = from.bbox[4 * p + 1]; this.x1 = from.bbox[4 * p + 2]; this.y1 = from.bbox[4 * p + 3];
        return this.endPolygon(weight);
      }
    }
    for (let r = r0; r < r1; r++) {
      for (let i = from.ringStart[r]; i < from.ringStart[r + 1]; i += 2) this.vertex(from.xy[i], from.xy[i + 1]);
      this.endRing();
    }
    return this.endPolygon(weight);
  }

  /** The polygons written so far, over the builder's own columns (valid until the next write). */
  view(): PolygonStore {
    const v = { count: this.n, xy: this.xy, ringStart: this.ringStart, polygonRing: this.polygonRing, area: this.area, bbox: this.bbox, weight: this.weight };
    return this.ringsFrom === null ? v : { ...v, ringsFrom: this.ringsFrom, ringsStore: this.ringsStore! };
  }

  /**
   * The polygons written, as a store of their own. A column at least three quarters full is
   * handed over as a view of the builder's array (no copy; the builder must not be written to
   * afterwards), an emptier one copied to its length (not to keep a mostly unused array alive).
   */
  finish(): PolygonStore {
    const n = this.n;
    const store = {
      count: n,
      xy: fitted(this.xy, this.nxy),
      ringStart: fitted(this.ringStart, this.nRings + 1),
      polygonRing: fitted(this.polygonRing, n + 1),
      area: fitted(this.area, n),
      bbox: fitted(this.bbox, 4 * n),
      weight: fitted(this.weight, n),
    };
    return this.ringsFrom === null ? store : { ...store, ringsFrom: fitted(this.ringsFrom, n), ringsStore: this.ringsStore! };
  }
}

/** Some ring of polygon k repeats the vertex before it (copy() would drop that vertex). */
function repeatsVertex(s: PolygonStore, k: number): boolean {
  const xy = s.xy, starts = s.ringStart;
  for (let r = s.polygonRing[k], r1 = s.polygonRing[k + 1]; r < r1; r++) {
    for (let i = starts[r] + 2, e = starts[r + 1]; i < e; i += 2) if (xy[i] === xy[i - 2] && xy[i + 1] === xy[i - 1]) return true;
  }
  return false;
}

/** The first `used` entries of `a`: a view when they fill most of it, else a copy. */
function fitted<T extends Float64Array | Uint32Array | Int32Array>(a: T, used: number): T {
  return (4 * used >= 3 * a.length ? a.subarray(0, used) : a.slice(0, used)) as T;
}

/** Polygon p's rings as metric rings (new arrays), also when p refers to another store's. */
export function metricRingsOf(s: PolygonStore, p: number): MetricRings {
  const via = s.ringsFrom;
  if (via !== undefined && via[p] >= 0) return metricRingsOf(s.ringsStore!, via[p]);
  const out: MetricRings = [];
  for (let r = s.polygonRing[p]; r < s.polygonRing[p + 1]; r++) {
    const ring: XY[] = [];
    for (let i = s.ringStart[r]; i < s.ringStart[r + 1]; i += 2) ring.push([s.xy[i], s.xy[i + 1]]);
    out.push(ring);
  }
  return out;
}

export function bboxOf(s: PolygonStore, p: number): BBox {
  return [s.bbox[4 * p], s.bbox[4 * p + 1], s.bbox[4 * p + 2], s.bbox[4 * p + 3]];
}
