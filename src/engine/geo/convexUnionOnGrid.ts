// Union of a few convex rings on clipper's integer grid (geo/clip.ts, CLIP_SCALE), as clipper's
// non-zero union returns it, without clipper, when it is one ring with no hole (overlapping
// building footprints: the area basis's residential land, residentialBasis.ts). The union's
// boundary is traced from the rings' edges: each edge is cut where edges of the other rings cross
// it, a stretch is kept when it lies in no other ring (its depth, counted exactly: the rings that
// hold the edge's start vertex, one more or one fewer at each crossing as the edge enters or
// leaves a ring), and the kept stretches are linked at each crossing onto the crossing edge.
// Vertices are the rings' own and the crossings, rounded to the grid as clipper rounds them
// (geo/clipperRules.ts); repeated and collinear vertices are dropped, as clipper drops them.
// Refused (−1; the caller asks clipper): more than MAX_RINGS rings; a ring that is not strictly
// convex; a vertex within NEAR of another ring's edge (every contact other than edges crossing)
// or of an edge of its own ring but its two; a crossing within NEAR of an edge next to either of
// its edges, of a third ring, or of another crossing along its edge; a crossing clipper may put
// elsewhere; a union of more than one ring (a hole). What is returned is the ring clipper returns,
// up to the vertex it starts at.
import { cleanedAsClipper, clipperMayMove, clipperRound } from './clipperRules';
import { isConvexOnGrid } from './gridConvexClip';

/**
 * Grid units within which two rings come near enough for clipper to see them touch: it places
 * an edge on a scanline by rounding (TopX), so a vertex half a unit from another ring's edge
 * may lie on it, and rounded crossings may meet. Any two features of different rings (vertices,
 * edges, crossings) this near, or two vertices of the traced ring, are refused.
 */
const NEAR = 2;
/** Larger groups are refused: the passes here go over every pair of rings, clipper's sweep does not. */
const MAX_RINGS = 32;

// Scratch, grown as needed and reused from one call to the next.
let xs = new Float64Array(64); // per vertex (all rings, ring after ring): x, y
let ringOfVertex = new Int32Array(32); // per vertex: its ring (0 .. k − 1)
let ringFirst = new Int32Array(16); // per ring: its first vertex; ringFirst[k] = the vertex count
let ringBox = new Float64Array(64); // per ring: minX, minY, maxX, maxY
let depth = new Int32Array(32); // per vertex: how many other rings hold it
// Per vertex v, the edge from it to the next vertex of its ring: that vertex, the edge's length
// and its box; and the vertex before v (the edge into v starts there).
let nextOf = new Int32Array(32);
let prevOf = new Int32Array(32);
let edgeLength = new Float64Array(32);
let edgeBox = new Float64Array(128);
let scanlines = new Float64Array(32); // every vertex's y (clipperMayMove)
// Per crossing: its point, its two edges (by start vertex) and whether each edge enters the other's ring there.
let crossXY = new Float64Array(64);
let crossEdge = new Int32Array(64);
let crossEnters = new Uint8Array(64);
let crossT = new Float64Array(64); // per crossing and side: its place along that side's edge (0 .. 1)
// Per edge, its crossings in order along it: edgeCross[edgeAt[v] .. edgeAt[v + 1]), with their
// places along the edge (0 .. 1) in edgeT and the side (0: the crossing's first edge, 1: its second).
let edgeAt = new Int32Array(33);
let edgeCross = new Int32Array(64);
let edgeT = new Float64Array(64);
let edgeSide = new Uint8Array(64);
// Per stretch (edge v has stretches stretchAt[v] .. stretchAt[v] + crossings on it): on the boundary (0/1), visited (0/1).
let stretchAt = new Int32Array(33);
let onBoundary = new Uint8Array(64);
let visited = new Uint8Array(64);
// Per crossing and side: the stretch that leaves the crossing along that side's edge.
let leaves = new Int32Array(64);
let ring = new Float64Array(64); // the union's ring: x, y per vertex

/** The ring the last call of convexUnionOnGrid wrote (its returned count of vertices). */
export function convexUnionRing(): Float64Array {
  return ring;
}

function ints(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  return a.length >= need ? a : new Int32Array(2 * need);
}
function floats(a: Float64Array<ArrayBuffer>, need: number): Float64Array<ArrayBuffer> {
  return a.length >= need ? a : new Float64Array(2 * need);
}
function bytes(a: Uint8Array<ArrayBuffer>, need: number): Uint8Array<ArrayBuffer> {
  return a.length >= need ? a : new Uint8Array(2 * need);
}

/** Cross product of (b − a) and (c − a), vertices by index into xs (exact on the grid). */
function turn(X: Float64Array, a: number, b: number, c: number): number {
  const ax = X[2 * a], ay = X[2 * a + 1];
  return (X[2 * b] - ax) * (X[2 * c + 1] - ay) - (X[2 * b + 1] - ay) * (X[2 * c] - ax);
}

/** (x, y) lies within NEAR of ring q's box. */
function nearBox(RB: Float64Array, q: number, x: number, y: number): boolean {
  return x >= RB[4 * q] - NEAR && x <= RB[4 * q + 2] + NEAR && y >= RB[4 * q + 1] - NEAR && y <= RB[4 * q + 3] + NEAR;
}

/** (x, y) lies within NEAR of the edge from vertex b (conservatively: of its line, inside its box grown by NEAR). */
function nearEdge(X: Float64Array, EB: Float64Array, NX: Int32Array, EL: Float64Array, b: number, x: number, y: number): boolean {
  if (x < EB[4 * b] - NEAR || x > EB[4 * b + 2] + NEAR || y < EB[4 * b + 1] - NEAR || y > EB[4 * b + 3] + NEAR) return false;
  const c = NX[b];
  const ax = X[2 * b], ay = X[2 * b + 1];
  return Math.abs((X[2 * c] - ax) * (y - ay) - (X[2 * c + 1] - ay) * (x - ax)) <= NEAR * EL[b];
}

/**
 * The union of the k rings g[starts[ids[q]] .. starts[ids[q] + 1]), q < k (grid vertices, no
 * closing vertex), written to convexUnionRing() as one counter-clockwise ring; returns its vertex
 * count, or −1 when refused (see the header).
 */
export function convexUnionOnGrid(g: Float64Array, starts: Int32Array, ids: Int32Array, k: number): number {
  if (k > MAX_RINGS) return -1;
  // The rings with their boxes; each strictly convex and counter-clockwise, its coordinates
  // within ±2^25 so that every cross product is exact (isConvexOnGrid).
  let nv = 0;
  for (let q = 0; q < k; q++) nv += (starts[ids[q] + 1] - starts[ids[q]]) >> 1;
  xs = floats(xs, 2 * nv); ringOfVertex = ints(ringOfVertex, nv); depth = ints(depth, nv); edgeLength = floats(edgeLength, nv); nextOf = ints(nextOf, nv); prevOf = ints(prevOf, nv); edgeBox = floats(edgeBox, 4 * nv); scanlines = floats(scanlines, nv);
  ringFirst = ints(ringFirst, k + 1); ringBox = floats(ringBox, 4 * k);
  edgeAt = ints(edgeAt, nv + 1); stretchAt = ints(stretchAt, nv + 1);
  let v = 0;
  for (let q = 0; q < k; q++) {
    ringFirst[q] = v;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let i = starts[ids[q]]; i < starts[ids[q] + 1]; i += 2) {
      const x = g[i], y = g[i + 1];
      xs[2 * v] = x; xs[2 * v + 1] = y; ringOfVertex[v] = q; scanlines[v] = y;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      v++;
    }
    ringBox[4 * q] = x0; ringBox[4 * q + 1] = y0; ringBox[4 * q + 2] = x1; ringBox[4 * q + 3] = y1;
  }
  ringFirst[k] = nv;
  const X = xs, EB = edgeBox, NX = nextOf, EL = edgeLength, RB = ringBox, RF = ringFirst;
  for (let q = 0; q < k; q++) if (!isConvexOnGrid(X, RF[q + 1] - RF[q], 2 * RF[q], true)) return -1;
  for (let a = 0; a < nv; a++) {
    const b = a + 1 < RF[ringOfVertex[a] + 1] ? a + 1 : RF[ringOfVertex[a]];
    const ax = X[2 * a], ay = X[2 * a + 1], bx = X[2 * b], by = X[2 * b + 1];
    NX[a] = b; prevOf[b] = a;
    EL[a] = Math.sqrt((bx - ax) * (bx - ax) + (by - ay) * (by - ay));
    EB[4 * a] = Math.min(ax, bx); EB[4 * a + 1] = Math.min(ay, by); EB[4 * a + 2] = Math.max(ax, bx); EB[4 * a + 3] = Math.max(ay, by);
  }
  // Each vertex's depth: the other rings holding it (strictly; near a ring's edge is a contact,
  // and near an edge of its own ring other than its two, a ring too thin).
  for (let a = 0; a < nv; a++) {
    const x = X[2 * a], y = X[2 * a + 1], own = ringOfVertex[a];
    let d = 0;
    for (let q = 0; q < k; q++) {
      if (q === own) {
        for (let b = RF[q]; b < RF[q + 1]; b++) if (b !== a && NX[b] !== a && nearEdge(X, EB, NX, EL, b, x, y)) return -1;
        continue;
      }
      if (!nearBox(RB, q, x, y)) continue;
      let inside = true;
      for (let b = RF[q]; b < RF[q + 1]; b++) {
        if (nearEdge(X, EB, NX, EL, b, x, y)) return -1;
        if (turn(X, b, NX[b], a) <= 0) inside = false;
      }
      if (inside) d++;
    }
    depth[a] = d;
  }
  // The crossings of every two edges of different rings (two convex rings' boundaries cross at
  // most as often as they have vertices together, so (k − 1) · nv in all).
  const most = 2 * (k - 1) * nv;
  crossXY = floats(crossXY, most); crossEdge = ints(crossEdge, most); crossEnters = bytes(crossEnters, most); leaves = ints(leaves, most);
  edgeCross = ints(edgeCross, most); edgeT = floats(edgeT, most); crossT = floats(crossT, most); edgeSide = bytes(edgeSide, most);
  let nc = 0;
  for (let qa = 0; qa < k; qa++) {
    for (let qb = qa + 1; qb < k; qb++) {
      if (RB[4 * qa] > RB[4 * qb + 2] || RB[4 * qb] > RB[4 * qa + 2] || RB[4 * qa + 1] > RB[4 * qb + 3] || RB[4 * qb + 1] > RB[4 * qa + 3]) continue;
      for (let e = RF[qa]; e < RF[qa + 1]; e++) {
        const e1 = NX[e];
        const ex0 = EB[4 * e], ey0 = EB[4 * e + 1], ex1 = EB[4 * e + 2], ey1 = EB[4 * e + 3];
        for (let f = RF[qb]; f < RF[qb + 1]; f++) {
          if (EB[4 * f + 2] < ex0 || EB[4 * f] > ex1 || EB[4 * f + 3] < ey0 || EB[4 * f + 1] > ey1) continue;
          const f1 = NX[f];
          const d1 = turn(X, e, e1, f), d2 = turn(X, e, e1, f1), d3 = turn(X, f, f1, e), d4 = turn(X, f, f1, e1);
          // Only proper crossings: an end vertex on the other edge was refused with the vertices.
          if (d1 === 0 || d2 === 0 || d3 === 0 || d4 === 0 || (d1 > 0) === (d2 > 0) || (d3 > 0) === (d4 > 0)) continue;
          // A proper crossing: along f at d1 / (d1 − d2) (as gridConvexClip computes its crossings).
          const tf = d1 / (d1 - d2), te = d3 / (d3 - d4);
          const fx = X[2 * f], fy = X[2 * f + 1], fdx = X[2 * f1] - fx, fdy = X[2 * f1 + 1] - fy;
          const x = fx + tf * fdx, y = fy + tf * fdy;
          // Near an edge next to either edge, or near a third ring: refused. (Near an end of
          // either edge it cannot be: that vertex would be near the other edge.)
          if (nearEdge(X, EB, NX, EL, prevOf[e], x, y) || nearEdge(X, EB, NX, EL, e1, x, y) || nearEdge(X, EB, NX, EL, prevOf[f], x, y) || nearEdge(X, EB, NX, EL, f1, x, y)) return -1;
          for (let q = 0; q < k; q++) {
            if (q === qa || q === qb || !nearBox(RB, q, x, y)) continue;
            for (let b = RF[q]; b < RF[q + 1]; b++) if (nearEdge(X, EB, NX, EL, b, x, y)) return -1;
          }
          if (clipperMayMove(x, y, X[2 * e1] - X[2 * e], X[2 * e1 + 1] - X[2 * e + 1], fdx, fdy, scanlines, nv)) return -1;
          crossXY[2 * nc] = x; crossXY[2 * nc + 1] = y;
          crossEdge[2 * nc] = e; crossEdge[2 * nc + 1] = f;
          // Moving along e, f's ring is entered when e goes from f's right (outside) to its left.
          crossEnters[2 * nc] = d4 > d3 ? 1 : 0; crossEnters[2 * nc + 1] = d2 > d1 ? 1 : 0;
          crossT[2 * nc] = te; crossT[2 * nc + 1] = tf;
          nc++;
        }
      }
    }
  }
  // Each edge's crossings in order along it (a counting sort by edge, then by place on the edge).
  for (let a = 0; a <= nv; a++) edgeAt[a] = 0;
  for (let c = 0; c < 2 * nc; c++) edgeAt[crossEdge[c] + 1]++;
  for (let a = 0; a < nv; a++) edgeAt[a + 1] += edgeAt[a];
  const fill = stretchAt; // borrowed as the fill cursor, rewritten below
  for (let a = 0; a < nv; a++) fill[a] = edgeAt[a];
  for (let c = 0; c < 2 * nc; c++) {
    const a = crossEdge[c];
    let p = fill[a]++;
    const t = crossT[c];
    for (; p > edgeAt[a] && edgeT[p - 1] > t; p--) { edgeT[p] = edgeT[p - 1]; edgeCross[p] = edgeCross[p - 1]; edgeSide[p] = edgeSide[p - 1]; }
    edgeT[p] = t; edgeCross[p] = c >> 1; edgeSide[p] = c & 1;
  }
  // The stretches: kept where no other ring holds them; each crossing's leaving stretches.
  const ns = nv + 2 * nc;
  onBoundary = bytes(onBoundary, ns); visited = bytes(visited, ns);
  let kept = 0;
  for (let a = 0, s = 0; a < nv; a++) {
    stretchAt[a] = s;
    let d = depth[a];
    for (let p = edgeAt[a]; ; p++) {
      onBoundary[s] = d === 0 ? 1 : 0;
      visited[s] = 0;
      kept += onBoundary[s];
      s++;
      if (p === edgeAt[a + 1]) break;
      if (p > edgeAt[a] && (edgeT[p] - edgeT[p - 1]) * edgeLength[a] <= NEAR) return -1;
      const c = edgeCross[p], side = edgeSide[p];
      d += crossEnters[2 * c + side] ? 1 : -1;
      if (d < 0) return -1;
      leaves[2 * c + side] = s;
    }
    if (d !== depth[nextOf[a]]) return -1;
  }
  stretchAt[nv] = ns;
  if (kept < 3) return -1;
  // One loop through the kept stretches, from the first; its start vertices are the ring.
  let first = 0;
  while (!onBoundary[first]) first++;
  let edge = 0;
  while (stretchAt[edge + 1] <= first) edge++;
  ring = floats(ring, 2 * kept);
  let m = 0;
  for (let s = first, a = edge, steps = 0; ; steps++) {
    if (steps === kept || !onBoundary[s] || visited[s]) return -1;
    visited[s] = 1;
    const p = edgeAt[a] + (s - stretchAt[a]); // the crossing ending this stretch, when p < edgeAt[a + 1]
    if (s === stretchAt[a]) { ring[2 * m] = xs[2 * a]; ring[2 * m + 1] = xs[2 * a + 1]; } else {
      const c = edgeCross[p - 1];
      ring[2 * m] = clipperRound(crossXY[2 * c]); ring[2 * m + 1] = clipperRound(crossXY[2 * c + 1]);
    }
    m++;
    if (p < edgeAt[a + 1]) {
      // Onto the other edge of the crossing.
      const c = edgeCross[p], other = 1 - edgeSide[p];
      s = leaves[2 * c + other];
      a = crossEdge[2 * c + other];
    } else {
      a = nextOf[a];
      s = stretchAt[a];
    }
    if (s === first) break;
  }
  if (m !== kept) return -1; // more than one loop: a hole, or rings apart
  return finishRing(m);
}

/**
 * The traced ring of `count` vertices without repeated and collinear vertices (rounding may leave
 * some), as clipper cleans its output; refused when nothing with area is left. Rounding keeps it
 * simple: traced exactly it is, and every vertex of it lies more than NEAR from every edge of it
 * but its own two (the input checks: every ring's vertices against the other rings' edges and
 * its own other edges; crossings against the edges next to theirs, third rings and each other
 * along an edge; two edges that do not cross are nearest at an end vertex of one), so edges moved
 * by at most half a diagonal (√2 / 2 < NEAR / 2) stay apart.
 */
function finishRing(count: number): number {
  return cleanedAsClipper(ring, count) || -1;
}
