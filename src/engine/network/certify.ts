// Certified full reach of a rectangle: a cheap test that every point of a rectangle lies within
// walking distance d (serviceArea.ts definition), so the area there is the rectangle itself and no
// capsule union is needed. Cells (side ≤ M/2, split in four on failure down to min(25 m, M/4))
// cover the rectangle; a cell centre s passes when the foot q of s on some edge has
// f(q) + |sq| ≤ d − δ and |sq| ≤ M − δ (δ = half the cell diagonal): then every p in the cell has
// W(p) ≤ f(q) + |pq| ≤ f(q) + |sq| + δ ≤ d with |pq| ≤ M. No network piece farther than d may come
// within `clearance` of the rectangle either (it would be cut out).
// Monotone in d: a rectangle certified at d1 is certified at every d2 > d1 (so bands still nest).
import type { BBox } from '../reach/reachProvider';
import type { RoadGraph } from './graph';
import { Breakpoints, edgeBreakpoints, type NetworkDistances } from './distances';

const bp = new Breakpoints();

/** Flatbush's packed tree (flatbush 4: boxes of items then nodes, bottom level first). */
interface PackedTree {
  numItems: number;
  nodeSize: number;
  _boxes: Float64Array;
  _indices: Uint16Array | Uint32Array;
  _levelBounds: number[];
}

let found = new Int32Array(256);
let stack = new Int32Array(128);

/**
 * The edges whose boxes meet [x0, x1] × [y0, y1], into `found` (returns how many): the same set
 * as g.edgeIndex.search, in another order and without allocating (certification asks once per
 * cell and only needs whether some edge passes).
 */
function edgesInBox(g: RoadGraph, x0: number, y0: number, x1: number, y1: number): number {
  const t = g.edgeIndex as unknown as PackedTree;
  const boxes = t._boxes, indices = t._indices, bounds = t._levelBounds, nodeSize = t.nodeSize;
  const items4 = t.numItems * 4;
  let n = 0;
  let top = 0;
  stack[top++] = boxes.length - 4;
  stack[top++] = bounds.length - 1;
  while (top > 0) {
    const level = stack[--top];
    const node = stack[--top];
    const end = Math.min(node + nodeSize * 4, bounds[level]);
    const isNode = node >= items4;
    for (let pos = node; pos < end; pos += 4) {
      if (x1 < boxes[pos] || y1 < boxes[pos + 1] || x0 > boxes[pos + 2] || y0 > boxes[pos + 3]) continue;
      const index = indices[pos >> 2] | 0;
      if (isNode) {
        if (top + 2 > stack.length) {
          const b = new Int32Array(2 * stack.length);
          b.set(stack);
          stack = b;
        }
        stack[top++] = index;
        stack[top++] = level - 1;
      } else {
        if (n === found.length) {
          const b = new Int32Array(2 * n);
          b.set(found);
          found = b;
        }
        found[n++] = index;
      }
    }
  }
  return n;
}

/** True when some point of edge e is farther than d (f is linear between breakpoints). */
export function edgeBeyond(g: RoadGraph, nd: NetworkDistances, e: number, d: number): boolean {
  // f ≤ min(f(from) + s, f(to) + L − s) ≤ (f(from) + f(to) + L) / 2 all along (seeds only lower
  // it): well below d, no breakpoint can exceed d (the margin dwarfs the rounding of the profile).
  const du = nd.dist[g.edgeFrom[e]], dv = nd.dist[g.edgeTo[e]];
  if (du + dv + g.edgeLength[e] < 2 * d - 1e-6) return false;
  const n = edgeBreakpoints(g, nd, e, bp);
  for (let i = 0; i < n; i++) if (bp.f[i] > d) return true;
  return false;
}

/** True when some network point farther than d comes within `clearance` of `rect` (a corridor would cut it). */
export function unreachedNear(g: RoadGraph, nd: NetworkDistances, d: number, clearance: number, rect: BBox): boolean {
  const [x0, y0, x1, y1] = rect;
  const n = edgesInBox(g, x0 - clearance, y0 - clearance, x1 + clearance, y1 + clearance);
  for (let k = 0; k < n; k++) if (edgeBeyond(g, nd, found[k], d)) return true;
  return false;
}

/**
 * True when every point of `rect` is within walking distance d and no unreachable network comes
 * within `clearance` of it: the area there is the rectangle itself. With `cellNeeded`, only the
 * cells it keeps must be within reach.
 */
export function certifyRect(
  g: RoadGraph,
  nd: NetworkDistances,
  d: number,
  M: number,
  clearance: number,
  rect: BBox,
  cellNeeded?: (x: number, y: number, halfDiagonal: number) => boolean,
): boolean {
  return !unreachedNear(g, nd, d, clearance, rect) && coverRect(g, nd, d, M, rect, cellNeeded);
}

/**
 * True when every point of `rect` (or, with `cellNeeded`, of the cells it keeps) is within walking
 * distance d. `cellNeeded(x, y, halfDiagonal)` may skip cells that miss the shape of interest.
 */
export function coverRect(g: RoadGraph, nd: NetworkDistances, d: number, M: number, rect: BBox, cellNeeded?: (x: number, y: number, halfDiagonal: number) => boolean): boolean {
  const [x0, y0, x1, y1] = rect;
  cg = g;
  cnd = nd;
  cd = d;
  cM = M;
  cNeeded = cellNeeded;
  // Cells start at side ≤ M/2 and split in four where a centre fails, down to min(25 m, M/4).
  cMin = Math.min(25, M / 4);
  const h0 = M / 2;
  const nx = Math.max(1, Math.ceil((x1 - x0) / h0));
  const ny = Math.max(1, Math.ceil((y1 - y0) / h0));
  const cw = (x1 - x0) / nx;
  const ch = (y1 - y0) / ny;
  let ok = true;
  for (let i = 0; ok && i < nx; i++) for (let j = 0; ok && j < ny; j++) if (!checkCell(x0 + i * cw, y0 + j * ch, cw, ch)) ok = false;
  cg = null;
  cnd = null;
  cNeeded = undefined;
  return ok;
}

// The question coverRect is answering, kept in module state so that its cell test and recursion
// are plain functions (no closures made per call).
let cg: RoadGraph | null = null;
let cnd: NetworkDistances | null = null;
let cd = 0;
let cM = 0;
let cMin = 0;
let cNeeded: ((x: number, y: number, halfDiagonal: number) => boolean) | undefined;

/** The cell [cx0, cx0 + w] × [cy0, cy0 + h] is within reach: its centre passes, or its four quarters do (down to cMin). */
function checkCell(cx0: number, cy0: number, w: number, h: number): boolean {
  const sx = cx0 + w / 2;
  const sy = cy0 + h / 2;
  const dd = Math.hypot(w, h) / 2;
  if (cNeeded && !cNeeded(sx, sy, dd)) return true;
  if (cellOk(sx, sy, dd)) return true;
  if (Math.max(w, h) <= cMin + 1e-9) return false;
  const w2 = w / 2;
  const h2 = h / 2;
  return checkCell(cx0, cy0, w2, h2) && checkCell(cx0 + w2, cy0, w2, h2) && checkCell(cx0, cy0 + h2, w2, h2) && checkCell(cx0 + w2, cy0 + h2, w2, h2);
}

/**
 * The last edge that passed cellOk, for the distances it passed with (kept instead of the graph,
 * which the caller may drop: distances hold no reference to it): neighbouring cells (and the next
 * rectangles asked about) are mostly passed by the same edge, and cellOk is an existence test, so
 * trying that edge first changes no answer, only how soon a passing one is found.
 */
let hintNd: NetworkDistances | null = null;
let hint = -1;

/** Edge e passes for the centre (sx, sy): its foot q has f(q) + |sq| ≤ d − dd and |sq| ≤ reachR. */
function edgePasses(g: RoadGraph, nd: NetworkDistances, e: number, sx: number, sy: number, dd: number, reachR: number, d: number): boolean {
  const { edgeFrom, edgeTo, nodeX, nodeY } = g;
  const nodeDist = nd.dist;
  const seeded = nd.edgeSeeds;
  // Without seeds on it, f ≥ min(f(from), f(to)) along the edge (up to rounding, well within
  // the 1e-6 m margin): an edge whose nearer end is already too far cannot pass the test below.
  const du = nodeDist[edgeFrom[e]], dv = nodeDist[edgeTo[e]];
  const near = du < dv ? du : dv;
  if (near - 1e-6 > d - dd && (seeded.size === 0 || !seeded.has(e))) return false;
  // Foot of the centre on the edge (join.ts projectOnSegment, inlined).
  const ax = nodeX[edgeFrom[e]];
  const ay = nodeY[edgeFrom[e]];
  const dx = nodeX[edgeTo[e]] - ax;
  const dy = nodeY[edgeTo[e]] - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((sx - ax) * dx + (sy - ay) * dy) / len2 : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const dist = Math.hypot(sx - (ax + t * dx), sy - (ay + t * dy));
  if (dist > reachR) return false;
  const s = t * Math.sqrt(len2);
  const n = edgeBreakpoints(g, nd, e, bp);
  const ps = bp.s;
  const pf = bp.f;
  let fq = Infinity;
  for (let k = 0; k + 1 < n; k++)
    if (s >= ps[k] && s <= ps[k + 1]) {
      fq = ps[k + 1] > ps[k] ? pf[k] + ((pf[k + 1] - pf[k]) * (s - ps[k])) / (ps[k + 1] - ps[k]) : pf[k];
      break;
    }
  return fq + dist <= d - dd;
}

/**
 * Some edge foot q of the centre (sx, sy) has f(q) + |sq| ≤ d − dd and |sq| ≤ M − dd. Every edge
 * that can pass has its box within M − dd of the centre, so the edges searched there are all
 * candidates; the hint is one of them or fails the same test.
 */
function cellOk(sx: number, sy: number, dd: number): boolean {
  const g = cg!, nd = cnd!, d = cd;
  const reachR = cM - dd;
  if (reachR <= 0) return false;
  const tried = hintNd === nd && hint < g.edgeCount ? hint : -1;
  if (tried >= 0 && edgePasses(g, nd, tried, sx, sy, dd, reachR, d)) return true;
  const count = edgesInBox(g, sx - reachR, sy - reachR, sx + reachR, sy + reachR);
  for (let q = 0; q < count; q++) {
    const e = found[q];
    if (e !== tried && edgePasses(g, nd, e, sx, sy, dd, reachR, d)) {
      hintNd = nd;
      hint = e;
      return true;
    }
  }
  return false;
}
