// Union of the parts of a tiled area by stitching instead of a polygon boolean. Each part is a
// clean polygon set (outer rings CCW, holes CW: interior on the left of every edge) inside its own
// tile of a fixed grid, and parts of different tiles meet only along tile sides. The union's
// boundary is then every edge of every part, except where a tile side is bounded from both
// sides: on a grid line, an edge running one way (the part on one side) and an edge running the
// other way (the part on the other side) cancel over their common stretch. What is left is
// linked into rings; nothing is intersected, and the result is exactly the clipper union up to
// collinear vertices. Anything outside these assumptions (a grid not on whole centimetres,
// overlapping parts, an unlinkable vertex) returns null and the caller unites with clipper.
import type { IntPaths } from './clip';

/** Coordinates (cm) within which a packed grid-line event stays an exact number (±335 km from the projection centre). */
const LIM = 2 ** 25;

/**
 * The union of `parts`, each inside one tile of the square grid of side `tile_cm` anchored at 0
 * (coordinates in integer cm), as rings with interior on the left; null when the parts do not
 * meet the assumptions of the module comment.
 */
export function stitchTileParts(parts: readonly IntPaths[], tile_cm: number): IntPaths | null {
  if (!Number.isInteger(tile_cm) || tile_cm <= 0) return null;
  // Directed edges, flat: x0, y0, x1, y1.
  const ex: number[] = [];
  // Per grid line (2x for x = const, 2y + 1 for y = const): events (position, change of direction),
  // packed as (position + LIM) · 4 + change + 1 so that a native numeric sort orders them.
  const events = new Map<number, number[]>();
  const vKey = (x: number) => 2 * x;
  const hKey = (y: number) => 2 * y + 1;
  const event = (line: number, at: number, delta: number) => {
    const packed = (at + LIM) * 4 + delta + 1;
    const list = events.get(line);
    if (list) list.push(packed);
    else events.set(line, [packed]);
  };
  const onGrid = (v: number) => v % tile_cm === 0;
  for (const part of parts)
    for (const ring of part) {
      const n = ring.length;
      if (n < 3) continue;
      for (let i = 0; i < n; i++) {
        const a = ring[i];
        const b = ring[i + 1 === n ? 0 : i + 1];
        const X0 = a.X, Y0 = a.Y, X1 = b.X, Y1 = b.Y;
        if (Math.abs(X0) >= LIM || Math.abs(Y0) >= LIM) return null;
        if (X0 === X1 && Y0 === Y1) continue;
        // Every vertex on a grid line is a breakpoint there, so stretches left on the line end where other edges start.
        if (onGrid(X0)) event(vKey(X0), Y0, 0);
        if (onGrid(Y0)) event(hKey(Y0), X0, 0);
        if (X0 === X1 && onGrid(X0)) {
          // Upward (+1) bounds a part on its left (−x side), downward (−1) a part on its right.
          const s = Y1 > Y0 ? 1 : -1;
          event(vKey(X0), Math.min(Y0, Y1), s);
          event(vKey(X0), Math.max(Y0, Y1), -s);
        } else if (Y0 === Y1 && onGrid(Y0)) {
          const s = X1 > X0 ? 1 : -1;
          event(hKey(Y0), Math.min(X0, X1), s);
          event(hKey(Y0), Math.max(X0, X1), -s);
        } else ex.push(X0, Y0, X1, Y1);
      }
    }
  // On each grid line, the net direction of every elementary stretch: +1 or −1 is a boundary, 0 is inside (or outside).
  for (const [line, list] of events) {
    const m = list.length;
    const sorted = Float64Array.from(list).sort();
    const vertical = line % 2 === 0;
    const c = vertical ? line / 2 : (line - 1) / 2;
    let value = 0;
    let k = 0;
    while (k < m) {
      const at = Math.floor(sorted[k] / 4) - LIM;
      while (k < m && Math.floor(sorted[k] / 4) - LIM === at) value += (sorted[k++] % 4) - 1;
      if (k === m) break;
      if (value > 1 || value < -1) return null;
      if (value === 0) continue;
      const next = Math.floor(sorted[k] / 4) - LIM;
      const [a, b] = value > 0 ? [at, next] : [next, at];
      if (vertical) ex.push(c, a, c, b);
      else ex.push(a, c, b, c);
    }
    if (value !== 0) return null;
  }
  return linkRings(ex);
}

/** Edges leaving each vertex: an open-addressing table of vertices (reused between calls), each with its list of edges. */
let vertexSlots = new Int32Array(1 << 12);
let vertexKeys = new Float64Array(2 << 12);
let headOf = new Int32Array(1 << 12);
let nextOut = new Int32Array(1 << 12);

/**
 * Links directed edges (flat x0, y0, x1, y1) into closed rings. Where several edges leave one
 * vertex (rings touching there), the one turning most to the left of the arriving edge is taken,
 * so touching rings stay separate. Collinear vertices are dropped. Null when a vertex has no way out.
 */
function linkRings(ex: number[]): IntPaths | null {
  const m = ex.length / 4;
  let cap = vertexSlots.length;
  while (cap < 2 * m) cap *= 2;
  if (cap !== vertexSlots.length) {
    vertexSlots = new Int32Array(cap);
    vertexKeys = new Float64Array(2 * cap);
    headOf = new Int32Array(cap);
  }
  if (nextOut.length < m) nextOut = new Int32Array(2 * m);
  vertexSlots.fill(-1);
  const mask = cap - 1;
  // The table slot of vertex (X, Y): found, or the empty slot where it goes.
  const slotOf = (X: number, Y: number): number => {
    let h = Math.imul(X | 0, 0x9e3779b1) ^ Math.imul(Y | 0, 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 15), 0xc2b2ae35);
    let s = (h ^ (h >>> 13)) & mask;
    while (vertexSlots[s] !== -1 && (vertexKeys[2 * s] !== X || vertexKeys[2 * s + 1] !== Y)) s = (s + 1) & mask;
    return s;
  };
  // Each vertex's leaving edges in increasing order (prepended from the last edge down).
  let vertices = 0;
  for (let e = m - 1; e >= 0; e--) {
    const X = ex[4 * e];
    const Y = ex[4 * e + 1];
    const s = slotOf(X, Y);
    if (vertexSlots[s] === -1) {
      vertexSlots[s] = vertices++;
      vertexKeys[2 * s] = X;
      vertexKeys[2 * s + 1] = Y;
      headOf[s] = -1;
    }
    nextOut[e] = headOf[s];
    headOf[s] = e;
  }
  const used = new Uint8Array(m);
  const rings: IntPaths = [];
  for (let e0 = 0; e0 < m; e0++) {
    if (used[e0]) continue;
    const xs: number[] = [];
    const ys: number[] = [];
    let e = e0;
    for (;;) {
      used[e] = 1;
      xs.push(ex[4 * e]);
      ys.push(ex[4 * e + 1]);
      const X = ex[4 * e + 2];
      const Y = ex[4 * e + 3];
      const s = slotOf(X, Y);
      if (vertexSlots[s] === -1) return null;
      let best = -1;
      let bestTurn = -Infinity;
      const dx = X - ex[4 * e];
      const dy = Y - ex[4 * e + 1];
      const only = headOf[s];
      // One edge leaving the vertex (the common case): taken unless used, without weighing turns.
      if (nextOut[only] < 0) best = used[only] && only !== e0 ? -1 : only;
      else for (let f = only; f >= 0; f = nextOut[f]) {
        if (used[f] && f !== e0) continue;
        const fx = ex[4 * f + 2] - X;
        const fy = ex[4 * f + 3] - Y;
        let turn = Math.atan2(dx * fy - dy * fx, dx * fx + dy * fy);
        // Turning straight back is the last resort.
        if (turn >= Math.PI) turn = -Math.PI;
        if (turn > bestTurn) {
          bestTurn = turn;
          best = f;
        }
      }
      if (best < 0) return null;
      if (best === e0) break;
      e = best;
    }
    const ring = dropCollinear(xs, ys);
    if (ring) rings.push(ring);
  }
  return rings;
}

/** The ring without vertices where it goes straight on; null when fewer than 3 are left or it has no area. */
function dropCollinear(xs: number[], ys: number[]): IntPaths[number] | null {
  const n = xs.length;
  const ring: IntPaths[number] = [];
  for (let i = 0; i < n; i++) {
    const p = i === 0 ? n - 1 : i - 1;
    const q = i + 1 === n ? 0 : i + 1;
    const cross = (xs[i] - xs[p]) * (ys[q] - ys[i]) - (ys[i] - ys[p]) * (xs[q] - xs[i]);
    const dot = (xs[i] - xs[p]) * (xs[q] - xs[i]) + (ys[i] - ys[p]) * (ys[q] - ys[i]);
    if (cross === 0 && dot > 0) continue;
    ring.push({ X: xs[i], Y: ys[i] });
  }
  if (ring.length < 3) return null;
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j].X - ring[i].X) * (ring[j].Y + ring[i].Y);
  return a !== 0 ? ring : null;
}
