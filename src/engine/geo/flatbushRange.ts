// Box search over a finished Flatbush index (flatbush's own tree walk, in its order) that writes
// the ids into a reusable buffer instead of new arrays per query: the audit asks for the green
// space near every community twice (green and park), and each answer was garbage once read.
// The walk reads flatbush's packed arrays (_boxes, _indices, _levelBounds; flatbush 4.x) and
// visits nodes in the order Flatbush.search does, subtrees inside the box as one run of leaves,
// so the ids come out in the same order (the shares sum their sources in that order).
import type Flatbush from 'flatbush';

let stack = new Int32Array(64);
let found = new Uint32Array(64);

function push(n: number, id: number): number {
  if (n === found.length) { const f = new Uint32Array(2 * n); f.set(found); found = f; }
  found[n] = id;
  return n + 1;
}

/**
 * Ids of the items whose boxes intersect or touch [minX, maxX] × [minY, maxY], in
 * `flatbushRangeIds()[0 … count − 1]` (valid until the next call), in Flatbush.search's order;
 * returns count.
 */
export function flatbushRange(index: Flatbush, minX: number, minY: number, maxX: number, maxY: number): number {
  const { _boxes: boxes, _levelBounds: levelBounds, _indices: indices, nodeSize } = index;
  const numItems4 = index.numItems * 4;
  let nodeIndex = boxes.length - 4;
  let level = levelBounds.length - 1;
  let sp = 0;
  let n = 0;
  let contained = false;
  for (;;) {
    const end = Math.min(nodeIndex + nodeSize * 4, levelBounds[level]);
    if (contained) {
      // Every leaf below lies in the box: one contiguous run of the leaf level.
      let pos = nodeIndex;
      for (let l = level; l > 0; l--) pos = indices[pos >> 2];
      const leafEnd = Math.min(pos + (end - nodeIndex) * nodeSize ** level, numItems4);
      for (; pos < leafEnd; pos += 4) n = push(n, indices[pos >> 2] | 0);
    } else {
      const isNode = nodeIndex >= numItems4;
      for (let pos = nodeIndex; pos < end; pos += 4) {
        const x0 = boxes[pos];
        if (maxX < x0) continue;
        const y0 = boxes[pos + 1];
        if (maxY < y0) continue;
        const x1 = boxes[pos + 2];
        if (minX > x1) continue;
        const y1 = boxes[pos + 3];
        if (minY > y1) continue;
        const id = indices[pos >> 2] | 0;
        if (isNode) {
          if (sp + 2 > stack.length) { const s = new Int32Array(2 * stack.length); s.set(stack); stack = s; }
          stack[sp++] = id | (minX <= x0 && minY <= y0 && maxX >= x1 && maxY >= y1 ? 1 : 0);
          stack[sp++] = level - 1;
        } else n = push(n, id);
      }
    }
    if (sp === 0) return n;
    level = stack[--sp];
    nodeIndex = stack[--sp];
    contained = (nodeIndex & 1) === 1;
    nodeIndex &= ~1;
  }
}

/** The buffer flatbushRange wrote its ids into. */
export function flatbushRangeIds(): Uint32Array {
  return found;
}
