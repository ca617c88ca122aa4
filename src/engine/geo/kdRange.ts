// Range search over a finished KDBush index (kdbush's own kd-tree walk) that writes the ids into a
// reusable buffer instead of a new array per query: the audit asks about a hundred thousand
// such ranges per city, and their arrays were garbage the moment they were read.
import type KDBush from 'kdbush';

let stack = new Uint32Array(96);
let found = new Uint32Array(256);
// The index positions (into coords) of the ids in `found`.
let foundAt = new Uint32Array(256);

/**
 * Ids of the points inside [minX, maxX] × [minY, maxY], in `kdRangeIds()[0 … count − 1]`
 * (valid until the next call); returns count.
 */
export function kdRange(index: KDBush, minX: number, minY: number, maxX: number, maxY: number): number {
  const { ids, coords, nodeSize } = index;
  let n = 0;
  stack[0] = 0; stack[1] = ids.length - 1; stack[2] = 0;
  let sp = 3;
  while (sp > 0) {
    const axis = stack[--sp], right = stack[--sp], left = stack[--sp];
    if (right - left <= nodeSize) {
      for (let i = left; i <= right; i++) {
        const x = coords[2 * i], y = coords[2 * i + 1];
        if (x >= minX && x <= maxX && y >= minY && y <= maxY) n = push(n, ids[i], i);
      }
      continue;
    }
    const m = (left + right) >> 1;
    const x = coords[2 * m], y = coords[2 * m + 1];
    if (x >= minX && x <= maxX && y >= minY && y <= maxY) n = push(n, ids[m], m);
    if (sp + 6 > stack.length) { const s = new Uint32Array(2 * stack.length); s.set(stack); stack = s; }
    if (axis === 0 ? minX <= x : minY <= y) { stack[sp++] = left; stack[sp++] = m - 1; stack[sp++] = 1 - axis; }
    if (axis === 0 ? maxX >= x : maxY >= y) { stack[sp++] = m + 1; stack[sp++] = right; stack[sp++] = 1 - axis; }
  }
  return n;
}

function push(n: number, id: number, at: number): number {
  if (n === found.length) {
    const f = new Uint32Array(2 * n); f.set(found); found = f;
    const g = new Uint32Array(2 * n); g.set(foundAt); foundAt = g;
  }
  found[n] = id;
  foundAt[n] = at;
  return n + 1;
}

/** The buffer kdRange wrote its ids into. */
export function kdRangeIds(): Uint32Array {
  return found;
}

let xy = new Float64Array(512);

/**
 * The points of the index within `d` of the box [minX, minY, maxX, maxY] (their distance to the box,
 * 0 inside), appended as x, y to `kdPointsNear.buffer()` from number `start` on, in kdbush's
 * order; returns the new end. Coordinates come from the index itself: no lookup per point.
 */
export function kdPointsNear(index: KDBush, minX: number, minY: number, maxX: number, maxY: number, d: number, start: number): number {
  const n = kdRange(index, minX - d, minY - d, maxX + d, maxY + d);
  const { coords } = index;
  const d2 = d * d;
  let end = start;
  if (xy.length < start + 2 * n) { const b = new Float64Array(2 * (start + 2 * n)); b.set(xy.subarray(0, start)); xy = b; }
  for (let q = 0; q < n; q++) {
    const k = foundAt[q];
    const x = coords[2 * k], y = coords[2 * k + 1];
    const dx = x < minX ? minX - x : x > maxX ? x - maxX : 0;
    const dy = y < minY ? minY - y : y > maxY ? y - maxY : 0;
    if (dx * dx + dy * dy <= d2) { xy[end++] = x; xy[end++] = y; }
  }
  return end;
}

/** The buffer kdPointsNear wrote into (valid until its next call). */
kdPointsNear.buffer = (): Float64Array => xy;

/**
 * Some point of the index has every corner of the box [minX, minY, maxX, maxY] within d
 * (dx² + dy² ≤ d², dx and dy its distances to the box's farther sides): the disc of radius d about
 * it holds the box. Only a point within d of both sides on each axis can, so the walk visits only
 * the nodes that reach [maxX − d, minX + d] × [maxY − d, minY + d] (none when the box is wider
 * than 2d), the side holding the box's centre first, and stops at the first such point. A point
 * at rounding distance outside that range may be missed: a caller uses a true answer as a shortcut
 * and otherwise tests every nearby point itself.
 */
export function kdHoldsBox(index: KDBush, minX: number, minY: number, maxX: number, maxY: number, d: number): boolean {
  const loX = maxX - d, hiX = minX + d, loY = maxY - d, hiY = minY + d;
  if (!(loX <= hiX && loY <= hiY)) return false;
  const { ids, coords, nodeSize } = index;
  const d2 = d * d;
  const cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
  stack[0] = 0; stack[1] = ids.length - 1; stack[2] = 0;
  let sp = 3;
  while (sp > 0) {
    const axis = stack[--sp], right = stack[--sp], left = stack[--sp];
    if (right - left <= nodeSize) {
      for (let i = left; i <= right; i++) {
        const x = coords[2 * i], y = coords[2 * i + 1];
        const fx = Math.max(x - minX, maxX - x), fy = Math.max(y - minY, maxY - y);
        if (fx * fx + fy * fy <= d2) return true;
      }
      continue;
    }
    const m = (left + right) >> 1;
    const x = coords[2 * m], y = coords[2 * m + 1];
    const fx = Math.max(x - minX, maxX - x), fy = Math.max(y - minY, maxY - y);
    if (fx * fx + fy * fy <= d2) return true;
    if (sp + 6 > stack.length) { const s = new Uint32Array(2 * stack.length); s.set(stack); stack = s; }
    const split = axis === 0 ? x : y;
    const toLeft = (axis === 0 ? loX : loY) <= split, toRight = (axis === 0 ? hiX : hiY) >= split;
    // The side popped first (pushed last) is the one holding the box's centre.
    if ((axis === 0 ? cx : cy) < split) {
      if (toRight) { stack[sp++] = m + 1; stack[sp++] = right; stack[sp++] = 1 - axis; }
      if (toLeft) { stack[sp++] = left; stack[sp++] = m - 1; stack[sp++] = 1 - axis; }
    } else {
      if (toLeft) { stack[sp++] = left; stack[sp++] = m - 1; stack[sp++] = 1 - axis; }
      if (toRight) { stack[sp++] = m + 1; stack[sp++] = right; stack[sp++] = 1 - axis; }
    }
  }
  return false;
}
