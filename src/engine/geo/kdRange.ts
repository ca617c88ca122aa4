// Range search over a finished KDBush index (kdbush's own kd-tree walk) that writes the ids into a
// reusable buffer instead of a new array per query: the audit asks about a hundred thousand
// such ranges per city, and their arrays were garbage the moment they were read.
import type KDBush from 'kdbush';

let stack = new Uint32Array(96);
let found = new Uint32Array(256);

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
        if (x >= minX && x <= maxX && y >= minY && y <= maxY) n = push(n, ids[i]);
      }
      continue;
    }
    const m = (left + right) >> 1;
    const x = coords[2 * m], y = coords[2 * m + 1];
    if (x >= minX && x <= maxX && y >= minY && y <= maxY) n = push(n, ids[m]);
    if (sp + 6 > stack.length) { const s = new Uint32Array(2 * stack.length); s.set(stack); stack = s; }
    if (axis === 0 ? minX <= x : minY <= y) { stack[sp++] = left; stack[sp++] = m - 1; stack[sp++] = 1 - axis; }
    if (axis === 0 ? maxX >= x : maxY >= y) { stack[sp++] = m + 1; stack[sp++] = right; stack[sp++] = 1 - axis; }
  }
  return n;
}

function push(n: number, id: number): number {
  if (n === found.length) { const f = new Uint32Array(2 * n); f.set(found); found = f; }
  found[n] = id;
  return n + 1;
}

/** The buffer kdRange wrote its ids into. */
export function kdRangeIds(): Uint32Array {
  return found;
}
