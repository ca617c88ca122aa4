// Reachable network and service-area polygons (docs/network-areas.md has the definitions).
//
// Walking distance of an off-network point p: min over network points q with |pq| ≤ M of
// dist(q) + |pq| (M = maximum lateral offset). The area for distance d is therefore the union,
// over reachable network points q, of disks of radius r(q) = min(M, d − dist(q)). Along a piece
// of edge where dist is linear, r is linear (after splitting where d − dist = M), and the union
// of disks with linearly moving centre and radius is the convex hull of the two end disks. Each
// disk is approximated by an *inscribed* regular polygon of fixed orientation P(c, r) = c + r·P₀,
// so every piece becomes hull(P(q0, r0), P(q1, r1)) ⊆ the true set, and for d1 < d2 the pieces of
// d1 lie inside those of d2 (r1 ≤ r2 pointwise) — bands nest by construction. Finally a corridor
// of half-width `clearance` around every network piece farther than d is cut out, so no
// unreachable network point is inside (holes where needed); disconnected pieces are all kept.
// Capsules are built into typed arrays (capsules.ts) and, beyond a few dozen, united and cut tile
// by tile (tiles.ts); the tile parts are then united in one pass.
import type { BBox, MetricRings, XY } from '../reach/reachProvider';
import type { RoadGraph } from './graph';
import { Breakpoints, touchedEdges, type NetworkDistances } from './distances';
import { differencePaths, fromPaths, unionMany, unionPaths, type IntPaths } from './clip';
import { CapsuleBuilder, ClipScratch, clipToRect, PolygonStore, storePaths } from './capsules';
import { PieceFlags, PieceList, splitEdgeInto } from './pieces';
import { certifyRect } from './certify';
import { stitchTileParts } from './stitch';
import { bucketByTile, corridorsMeeting, rectPath, tileGrid, tileRegion } from './tiles';

export interface AreaOptions {
  /** Maximum lateral offset M from the network (metres). Default 100. */
  maxOffset_m?: number;
  /** Largest gap between a disk and its inscribed polygon (metres). Default 1. */
  tolerance_m?: number;
  /** Half-width of the corridor cut out around unreachable network pieces (metres). Default 0.5; 0 = none. */
  clearance_m?: number;
  /** Side of the fixed tiles of the certified-tile union (metres). Default M. */
  tile_m?: number;
}

export const DEFAULT_MAX_OFFSET_M = 100;

/** A straight piece of walkable path with distance f0 at (x0,y0) growing linearly to f1 at (x1,y1). */
export interface LinearPiece {
  x0: number;
  y0: number;
  f0: number;
  x1: number;
  y1: number;
  f1: number;
}

export interface ReachableNetwork {
  /** Reached stretches of edges, cut where the distance runs out; one line per stretch. */
  lines: XY[][];
  length_m: number;
}

const bp = new Breakpoints();
const pieces = new PieceList();

/** The network within walking distance d (edges cut at the exact point where d runs out). */
export function reachableNetwork(g: RoadGraph, nd: NetworkDistances, d: number): ReachableNetwork {
  pieces.clear();
  for (const e of touchedEdges(g, nd, d)) splitEdgeInto(g, nd, e, d, bp, pieces, null);
  return networkOf(g, pieces);
}

/** Two-point stretches of reached network, flat (x0, y0, x1, y1 per stretch): reused between bands. */
let stretchXY = new Float64Array(4 * 1024);

/** The reached network from its pieces (pieces of one edge consecutive, in order along it). */
function networkOf(g: RoadGraph, list: PieceList): ReachableNetwork {
  let m = 0;
  let length = 0;
  const { edgeFrom, edgeTo, edgeLength, nodeX, nodeY } = g;
  // The stretch [s0, s1] of edge e, its ends as pointAt computes them.
  const stretch = (e: number, s0: number, s1: number) => {
    if (!(s1 > s0)) return;
    if (4 * m + 4 > stretchXY.length) {
      const grown = new Float64Array(2 * stretchXY.length);
      grown.set(stretchXY);
      stretchXY = grown;
    }
    const a = edgeFrom[e];
    const b = edgeTo[e];
    const L = edgeLength[e];
    const t0 = L > 0 ? s0 / L : 0;
    const t1 = L > 0 ? s1 / L : 0;
    const ax = nodeX[a];
    const ay = nodeY[a];
    const dx = nodeX[b] - ax;
    const dy = nodeY[b] - ay;
    stretchXY[4 * m] = ax + dx * t0;
    stretchXY[4 * m + 1] = ay + dy * t0;
    stretchXY[4 * m + 2] = ax + dx * t1;
    stretchXY[4 * m + 3] = ay + dy * t1;
    m++;
    length += s1 - s0;
  };
  // Merge consecutive pieces of one edge into stretches.
  const { edge, s0: S0, s1: S1 } = list;
  let i = 0;
  while (i < list.n) {
    const e = edge[i];
    let s0 = S0[i];
    let s1 = S1[i];
    let j = i + 1;
    for (; j < list.n && edge[j] === e; j++) {
      if (S0[j] - s1 < 1e-9) s1 = S1[j];
      else {
        stretch(e, s0, s1);
        s0 = S0[j];
        s1 = S1[j];
      }
    }
    stretch(e, s0, s1);
    i = j;
  }
  return { lines: mergeLines(stretchXY, m), length_m: length };
}

/** The point at arc position s along edge e (from its `from` node). */
export function pointAt(g: RoadGraph, e: number, s: number): XY {
  const a = g.edgeFrom[e];
  const b = g.edgeTo[e];
  const L = g.edgeLength[e];
  const t = L > 0 ? s / L : 0;
  return [g.nodeX[a] + (g.nodeX[b] - g.nodeX[a]) * t, g.nodeY[a] + (g.nodeY[b] - g.nodeY[a]) * t];
}

/** Line ends by their point on the millimetre grid: an open-addressing table reused between bands. */
let endSlots = new Int32Array(1 << 12);
let endKeys = new Float64Array(2 << 12);
let partnerOf = new Int32Array(1 << 12);
let nextAtEnd = new Int32Array(1 << 12);
let firstEnds = new Int32Array(1 << 12);

/**
 * Joins two-point stretches (flat x0, y0, x1, y1 in `xy`, m of them) end to start where they
 * meet, for compact output. Ends meet when their points agree on the millimetre grid. Where
 * exactly two ends meet at a point they are linked; at a junction (three ends or more), ends are
 * linked in pairs that run on most nearly straight (each end, in order, with the unlinked end most
 * nearly opposite to it, if any turns by less than a right angle), so a street crossing a grid of
 * streets stays one line instead of one line per block. The lines are the same set of points and
 * the same length; each junction vertex is written once per line through it instead of once per
 * line ending there. Chains are then walked both ways from each line.
 */
function mergeLines(xy: Float64Array, m: number): XY[][] {
  const ends = 2 * m;
  // The table's used part: the smallest power of two from 4,096 with room for twice the ends, so a
  // small band clears only that much of a table grown by a large one (the groups do not depend on it).
  let cap = 1 << 12;
  while (cap < 2 * ends) cap *= 2;
  if (cap > endSlots.length) {
    endSlots = new Int32Array(cap);
    endKeys = new Float64Array(2 * cap);
  }
  endSlots.fill(-1, 0, cap);
  if (partnerOf.length < ends) {
    partnerOf = new Int32Array(2 * ends);
    nextAtEnd = new Int32Array(2 * ends);
    firstEnds = new Int32Array(2 * ends);
  }
  // partner[k]: the other line end that end k is linked to, else −1. Ends at one point form a
  // list: the first end there (kept in `firsts`, in order of arrival), nextAt[end] → the next end
  // at the same point (−1 at the last); a later end is inserted right after the first.
  const partner = partnerOf;
  const nextAt = nextAtEnd;
  const firsts = firstEnds;
  partner.fill(-1, 0, ends);
  nextAt.fill(-1, 0, ends);
  let nFirst = 0;
  const mask = cap - 1;
  for (let k = 0; k < ends; k++) {
    const X = Math.round(xy[2 * k] * 1000);
    const Y = Math.round(xy[2 * k + 1] * 1000);
    let h = Math.imul(X | 0, 0x9e3779b1) ^ Math.imul(Y | 0, 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 15), 0xc2b2ae35);
    let s = (h ^ (h >>> 13)) & mask;
    let other = -1;
    for (;;) {
      const e = endSlots[s];
      if (e === -1) break;
      if (endKeys[2 * s] === X && endKeys[2 * s + 1] === Y) {
        other = e;
        break;
      }
      s = (s + 1) & mask;
    }
    if (other < 0) {
      endSlots[s] = k;
      endKeys[2 * s] = X;
      endKeys[2 * s + 1] = Y;
      firsts[nFirst++] = k;
    } else {
      nextAt[k] = nextAt[other];
      nextAt[other] = k;
    }
  }
  // The direction leaving end k along its line.
  const dirX = (k: number) => xy[2 * (k ^ 1)] - xy[2 * k];
  const dirY = (k: number) => xy[2 * (k ^ 1) + 1] - xy[2 * k + 1];
  for (let f = 0; f < nFirst; f++) {
    const first = firsts[f];
    const second = nextAt[first];
    if (second < 0) continue;
    if (nextAt[second] < 0) {
      if (second >> 1 !== first >> 1) {
        partner[first] = second;
        partner[second] = first;
      }
      continue;
    }
    // A junction: each end in list order takes the unlinked end after it most nearly opposite
    // (earlier ends have already weighed it: the cosine is symmetric).
    for (let a = first; a >= 0; a = nextAt[a]) {
      if (partner[a] >= 0) continue;
      const ax = dirX(a);
      const ay = dirY(a);
      const na = ax * ax + ay * ay;
      let best = -1;
      let bestCos = 0;
      for (let b = nextAt[a]; b >= 0; b = nextAt[b]) {
        if (partner[b] >= 0 || b >> 1 === a >> 1) continue;
        const bx = dirX(b);
        const by = dirY(b);
        // Cosine of the angle between the two directions leaving the point: −1 is straight on.
        const cos = (ax * bx + ay * by) / Math.sqrt(na * (bx * bx + by * by));
        if (cos < bestCos) {
          bestCos = cos;
          best = b;
        }
      }
      if (best >= 0) {
        partner[a] = best;
        partner[best] = a;
      }
    }
  }
  const used = new Uint8Array(m);
  const out: XY[][] = [];
  const back: XY[] = [];
  const point = (k: number): XY => [xy[2 * k], xy[2 * k + 1]];
  for (let i = 0; i < m; i++) {
    if (used[i]) continue;
    used[i] = 1;
    const chain: XY[] = [point(2 * i), point(2 * i + 1)];
    // Forward from end 1 onto `chain`, then backward from end 0 onto `back` (prepended reversed).
    back.length = 0;
    for (let pass = 0; pass < 2; pass++) {
      const onto = pass === 0 ? chain : back;
      let tip = pass === 0 ? 2 * i + 1 : 2 * i;
      for (;;) {
        const k = partner[tip];
        if (k < 0 || used[k >> 1]) break;
        used[k >> 1] = 1;
        // Line k >> 1 enters at its end k and leaves by the other.
        onto.push(point(k ^ 1));
        tip = k ^ 1;
      }
    }
    out.push(back.length ? back.reverse().concat(chain) : chain);
  }
  return out;
}

/** Unit regular polygon (CCW, fixed orientation) with enough vertices for `tolerance` at radius `rMax`. */
export function unitDisk(rMax: number, tolerance: number): XY[] {
  // Sagitta of an inscribed n-gon: r(1 − cos(π/n)) ≤ tolerance.
  // A multiple of 4, so that the polygon reaches the full radius along both axes.
  const raw = rMax > tolerance ? Math.min(256, Math.max(8, Math.ceil(Math.PI / Math.acos(1 - tolerance / rMax)))) : 8;
  const n = Math.ceil(raw / 4) * 4;
  const out: XY[] = [];
  for (let k = 0; k < n; k++) out.push([Math.cos((2 * Math.PI * k) / n), Math.sin((2 * Math.PI * k) / n)]);
  return out;
}

export interface AreaInput {
  /** Extra walkable pieces (e.g. facility connectors) with their distances. */
  pieces?: LinearPiece[];
  /** Extra polygons already counted as reached (clipper paths, cm), e.g. a park plus its offset. */
  paths?: IntPaths;
  /** Only build the area inside this window (e.g. a community bbox grown by M); default: everywhere reached. */
  window?: BBox;
  /** Clip the pieces to this rectangle before uniting (the caller intersects with a shape inside it). */
  clipRect?: BBox;
}

/** Adds the capsules of connector pieces, cut where f = d. */
export function addConnectorCapsules(caps: CapsuleBuilder, d: number, extra: readonly LinearPiece[]): void {
  for (const p of extra) {
    if (p.f0 > d && p.f1 > d) continue;
    if (p.f0 <= d && p.f1 <= d) caps.add(p.x0, p.y0, p.f0, p.x1, p.y1, p.f1);
    else {
      const t = (d - p.f0) / (p.f1 - p.f0);
      const xc = p.x0 + t * (p.x1 - p.x0);
      const yc = p.y0 + t * (p.y1 - p.y0);
      if (p.f0 <= d) caps.add(p.x0, p.y0, p.f0, xc, yc, d);
      else caps.add(xc, yc, d, p.x1, p.y1, p.f1);
    }
  }
}

/** Service-area polygon for distance d as clipper paths (cm); see the module comment. */
export function serviceAreaPaths(g: RoadGraph, nd: NetworkDistances, d: number, options: AreaOptions = {}, input: AreaInput = {}): IntPaths {
  return buildArea(g, nd, d, options, input, null).paths;
}

/** True when `paths` is the single ring `ring`, vertex for vertex. */
function isPath(paths: IntPaths, ring: IntPaths[number]): boolean {
  if (paths.length !== 1 || paths[0].length !== ring.length) return false;
  return paths[0].every((p, k) => p.X === ring[k].X && p.Y === ring[k].Y);
}

/** Grid cells (i, j) as one number, for per-tile bookkeeping across bands. */
const tileKey = (i: number, j: number) => (i + 2 ** 20) * 2 ** 21 + (j + 2 ** 20);

/** One band's area, and (when built tile by tile) each tile's part: a rectangle or a region. */
interface BuiltArea {
  paths: IntPaths;
  tiles: Map<number, IntPaths> | null;
  /** True when every part of `prev` was united into its tile. */
  nested: boolean;
}

const allPolys = new PolygonStore();
const inClip = new PolygonStore();
const clipScratch = new ClipScratch();

/** Per piece: its capsule's box (cm), 4 numbers, when it has one. */
let pieceBox = new Float64Array(256);
const hasCapsule = new PieceFlags();

/**
 * The area for distance d. Few capsules (≤ 96) are united directly; otherwise tile by tile
 * (tiles.ts) over the fixed grid clipped to the capsules' extent, each tile united with the
 * previous band's part there when `prev` is given (bands nest exactly). Tiles are certified
 * first; then only the pieces whose capsules meet a tile left uncertified are built (most of a
 * large band's tiles are certified, and their capsules would only be bucketed and skipped).
 */
function buildArea(g: RoadGraph, nd: NetworkDistances, d: number, options: AreaOptions, input: AreaInput, prev: Map<number, IntPaths> | null): BuiltArea {
  const M = options.maxOffset_m ?? DEFAULT_MAX_OFFSET_M;
  const tol = options.tolerance_m ?? 1;
  const clearance = options.clearance_m ?? 0.5;
  const T = options.tile_m ?? M;
  const w = input.window;
  pieces.clear();
  for (const e of w ? g.edgeIndex.search(w[0], w[1], w[2], w[3]) : touchedEdges(g, nd, d)) splitEdgeInto(g, nd, e, d, bp, pieces, null);
  allPolys.clear();
  const caps = new CapsuleBuilder(unitDisk(Math.min(M, d), tol), d, M, allPolys);
  addConnectorCapsules(caps, d, input.pieces ?? []);
  const clip = input.clipRect;
  // Build on demand: many pieces, no clipping rectangle (then every capsule is built first).
  const lazy = !clip && pieces.n > 96;
  let ex0 = Infinity, ey0 = Infinity, ex1 = -Infinity, ey1 = -Infinity;
  if (lazy) {
    if (pieceBox.length < 4 * pieces.n) pieceBox = new Float64Array(8 * pieces.n);
    hasCapsule.reset(pieces.n);
    for (let k = 0; k < pieces.n; k++) {
      if (!caps.box(pieces.x0[k], pieces.y0[k], pieces.f0[k], pieces.x1[k], pieces.y1[k], pieces.f1[k], pieceBox, 4 * k)) continue;
      hasCapsule.set(k);
      ex0 = Math.min(ex0, pieceBox[4 * k] / 100);
      ey0 = Math.min(ey0, pieceBox[4 * k + 1] / 100);
      ex1 = Math.max(ex1, pieceBox[4 * k + 2] / 100);
      ey1 = Math.max(ey1, pieceBox[4 * k + 3] / 100);
    }
  } else for (let k = 0; k < pieces.n; k++) caps.add(pieces.x0[k], pieces.y0[k], pieces.f0[k], pieces.x1[k], pieces.y1[k], pieces.f1[k]);
  const extra = input.paths ?? [];
  const withExtra = (p: IntPaths) => (extra.length ? unionPaths(p.concat(extra)) : p);
  if (!allPolys.n && !(ex1 >= ex0)) return { paths: withExtra([]), tiles: null, nested: false };

  let store = allPolys;
  if (clip) {
    inClip.clear();
    const all = new Int32Array(allPolys.n).map((_, i) => i);
    clipToRect(allPolys, all, all.length, clip, inClip, clipScratch);
    store = inClip;
  }
  for (let p = 0; p < store.n; p++) {
    ex0 = Math.min(ex0, store.box[4 * p] / 100);
    ey0 = Math.min(ey0, store.box[4 * p + 1] / 100);
    ex1 = Math.max(ex1, store.box[4 * p + 2] / 100);
    ey1 = Math.max(ey1, store.box[4 * p + 3] / 100);
  }
  if (clip) {
    ex0 = Math.max(ex0, clip[0]); ey0 = Math.max(ey0, clip[1]); ex1 = Math.min(ex1, clip[2]); ey1 = Math.min(ey1, clip[3]);
  }
  const extent: BBox = [ex0, ey0, ex1, ey1];

  if (!lazy && store.n <= 96) {
    // Few capsules: one union, one cut.
    const united = unionMany(storePaths(store, Array.from({ length: store.n }, (_, i) => i)));
    const cut = store.n ? corridorsMeeting(g, nd, d, clearance, extent) : [];
    if (!cut.length) return { paths: withExtra(united), tiles: null, nested: false };
    return { paths: withExtra(differencePaths(withExtra(united), cut)), tiles: null, nested: false };
  }

  // The tiles met by some capsule's box (bucketByTile's grid window and rule), then each one's
  // state: 1 whole (certified, or whole at the previous band), 2 built from its capsules.
  const grid = tileGrid(T, extent);
  const state = new Uint8Array(grid.nx * grid.ny);
  const mark = (bx0: number, by0: number, bx1: number, by1: number) => {
    const a0 = Math.max(0, Math.floor(bx0 / 100 / T) - grid.i0);
    const a1 = Math.min(grid.nx - 1, Math.floor(bx1 / 100 / T) - grid.i0);
    const b0 = Math.max(0, Math.floor(by0 / 100 / T) - grid.j0);
    const b1 = Math.min(grid.ny - 1, Math.floor(by1 / 100 / T) - grid.j0);
    for (let a = a0; a <= a1; a++) for (let b = b0; b <= b1; b++) state[a * grid.ny + b] = OCCUPIED;
  };
  for (let p = 0; p < store.n; p++) mark(store.box[4 * p], store.box[4 * p + 1], store.box[4 * p + 2], store.box[4 * p + 3]);
  if (lazy) for (let k = 0; k < pieces.n; k++) if (hasCapsule.has(k)) mark(pieceBox[4 * k], pieceBox[4 * k + 1], pieceBox[4 * k + 2], pieceBox[4 * k + 3]);
  const tileRect = (a: number, b: number): BBox => {
    const i = grid.i0 + a;
    const j = grid.j0 + b;
    return [Math.max(i * T, ex0), Math.max(j * T, ey0), Math.min((i + 1) * T, ex1), Math.min((j + 1) * T, ey1)];
  };
  let regions = 0;
  for (let a = 0; a < grid.nx; a++)
    for (let b = 0; b < grid.ny; b++) {
      const t = a * grid.ny + b;
      if (state[t] !== OCCUPIED) continue;
      const tile = tileRect(a, b);
      if (tile[2] <= tile[0] || tile[3] <= tile[1]) {
        state[t] = EMPTY;
        continue;
      }
      const before = prev?.get(tileKey(grid.i0 + a, grid.j0 + b));
      // The whole tile at the previous band is the whole tile now: the part only grows with d
      // (capsules grow, the unreached network shrinks), and so does a certificate.
      const certified = (before !== undefined && isPath(before, rectPath(tile))) || certifyRect(g, nd, d, M, clearance, tile);
      state[t] = certified ? WHOLE : REGION;
      if (!certified) regions++;
    }
  if (lazy && regions) {
    // Build the pieces whose capsules meet a tile to be built from them.
    for (let k = 0; k < pieces.n; k++) {
      if (!hasCapsule.has(k)) continue;
      const a0 = Math.max(0, Math.floor(pieceBox[4 * k] / 100 / T) - grid.i0);
      const a1 = Math.min(grid.nx - 1, Math.floor(pieceBox[4 * k + 2] / 100 / T) - grid.i0);
      const b0 = Math.max(0, Math.floor(pieceBox[4 * k + 1] / 100 / T) - grid.j0);
      const b1 = Math.min(grid.ny - 1, Math.floor(pieceBox[4 * k + 3] / 100 / T) - grid.j0);
      let needed = false;
      for (let a = a0; a <= a1 && !needed; a++) for (let b = b0; b <= b1; b++) if (state[a * grid.ny + b] === REGION) {
        needed = true;
        break;
      }
      if (needed) caps.add(pieces.x0[k], pieces.y0[k], pieces.f0[k], pieces.x1[k], pieces.y1[k], pieces.f1[k]);
    }
  }
  const buckets = regions ? bucketByTile(store, T, extent) : null;
  const tiles = new Map<number, IntPaths>();
  const parts: IntPaths[] = [];
  let nestedParts = 0;
  // Stitching needs every tile side on whole centimetres, where clipping (floor/ceil) and rectPath (round) agree.
  const onCm = (v: number) => Number.isInteger(v * 100);
  let onWholeCm = true;
  for (let a = 0; a < grid.nx; a++)
    for (let b = 0; b < grid.ny; b++) {
      const t = a * grid.ny + b;
      if (state[t] === EMPTY) continue;
      const i = grid.i0 + a;
      const j = grid.j0 + b;
      if (!onCm(i * T) || !onCm((i + 1) * T) || !onCm(j * T) || !onCm((j + 1) * T)) onWholeCm = false;
      const tile = tileRect(a, b);
      const before = prev?.get(tileKey(i, j));
      const certified = state[t] === WHOLE;
      let part: IntPaths = certified ? [rectPath(tile)] : tileRegion(store, buckets!, t, tile, g, nd, d, clearance);
      if (before) {
        // A certified tile holds the previous band's part there already (tiles grow with d).
        if (!certified) part = part.length ? unionPaths(part.concat(before)) : before;
        nestedParts++;
      }
      if (part.length) {
        parts.push(part);
        tiles.set(tileKey(i, j), part);
      }
    }
  let nested = !!prev && nestedParts === prev.size;
  if (prev && !nested) {
    // Parts of the previous band in tiles this band does not reach (never expected: capsules grow with d).
    for (const [k, part] of prev)
      if (!tiles.has(k)) {
        parts.push(part);
        tiles.set(k, part);
      }
    nested = true;
  }
  // Tile parts only touch along tile sides: stitched along them (stitch.ts), else one clipper pass.
  const merged = (onWholeCm ? stitchTileParts(parts, T * 100) : null) ?? unionPaths(parts.flat());
  return { paths: withExtra(merged), tiles: extra.length ? null : tiles, nested: nested && !extra.length };
}

/** Tile states in buildArea. */
const EMPTY = 0;
const OCCUPIED = 1;
const WHOLE = 2;
const REGION = 3;

export interface Band {
  distance: number;
  network: ReachableNetwork;
  /** Area polygon rings in metres (outer CCW, holes CW); several outers = disconnected pieces. */
  area: MetricRings;
}

/**
 * Nested bands for one origin set: each band's area is its own construction united with the
 * next smaller band (nesting holds by construction; the union also absorbs cm rounding). Built
 * tile by tile, the union is taken per tile.
 */
export function serviceAreaBands(g: RoadGraph, nd: NetworkDistances, distances: number[], options: AreaOptions = {}, input: (d: number) => AreaInput = () => ({})): Band[] {
  const sorted = [...distances].sort((a, b) => a - b);
  const out = new Map<number, Band>();
  let prev: IntPaths = [];
  // The previous band's parts per tile, while its whole area is their union (else null: unite globally).
  let prevTiles: Map<number, IntPaths> | null = null;
  for (const d of sorted) {
    const inp = input(d);
    const built = buildArea(g, nd, d, options, inp, prevTiles);
    // Without a window, buildArea split exactly the touched edges into `pieces`: the band's network.
    const network = inp.window ? reachableNetwork(g, nd, d) : networkOf(g, pieces);
    let paths = built.paths;
    const nested = !prev.length || built.nested;
    if (!nested) paths = unionPaths(paths.concat(prev));
    prev = paths;
    prevTiles = nested ? built.tiles : null;
    out.set(d, { distance: d, network, area: fromPaths(paths) });
  }
  return distances.map((d) => out.get(d)!);
}
