// A Flatbush index (flatbush 4.x) over many boxes written in one pass instead of through add() and
// finish(): finish orders the boxes along a Hilbert curve with a partial quicksort that moves every
// box about log(n) times, where here a two-pass radix sort on the same key orders their numbers and
// each box is written once, in place. The tree is laid out as finish lays it out (leaves in Hilbert
// order, then each level's nodes over nodeSize consecutive children), so a search finds the same
// boxes, each under its own number; only the order of those within one node (ties of the partial
// sort) may differ.
//
// Boxes that already come in a spatially coherent order (a layer written community by community,
// block by block) may keep it: the leaves are then the boxes as given, with no sort. Whether the
// order is coherent is measured on the tree it gives (coherentOrder); a layer in no useful order
// still gets the Hilbert sort, as searches over nodes of scattered boxes would visit most of the
// tree. A search then finds the same boxes, in another order.
import Flatbush from 'flatbush';

/**
 * Boxes 0 .. n − 1 (minX, minY, maxX, maxY each in `boxes`) in a finished Flatbush; null when n is 0.
 * With `keepCoherent`, the leaves are the boxes in their own order when that order is spatially
 * coherent (coherentOrder), else in Hilbert order as without it.
 */
export function packedFlatbush(boxes: Float64Array, n: number, keepCoherent = false): Flatbush | null {
  if (!n) return null;
  const index = new Flatbush(n);
  const nodeSize = index.nodeSize;
  if (n <= nodeSize) {
    for (let k = 0; k < 4 * n; k += 4) index.add(boxes[k], boxes[k + 1], boxes[k + 2], boxes[k + 3]);
    index.finish();
    return index;
  }
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let k = 0; k < 4 * n; k += 4) {
    if (boxes[k] < minX) minX = boxes[k];
    if (boxes[k + 1] < minY) minY = boxes[k + 1];
    if (boxes[k + 2] > maxX) maxX = boxes[k + 2];
    if (boxes[k + 3] > maxY) maxY = boxes[k + 3];
  }
  const tree = index._boxes, ids = index._indices;
  if (keepCoherent) {
    tree.set(boxes.subarray(0, 4 * n));
    for (let q = 0; q < n; q++) ids[q] = q;
    const pos = packLevels(index);
    if (coherentOrder(index, minX, minY, maxX, maxY)) return finished(index, pos, minX, minY, maxX, maxY);
  }
  const order = hilbertOrder(boxes, n, minX, minY, maxX, maxY);
  for (let q = 0; q < n; q++) {
    const k = order[q];
    tree[4 * q] = boxes[4 * k]; tree[4 * q + 1] = boxes[4 * k + 1]; tree[4 * q + 2] = boxes[4 * k + 2]; tree[4 * q + 3] = boxes[4 * k + 3];
    ids[q] = k;
  }
  return finished(index, packLevels(index), minX, minY, maxX, maxY);
}

/**
 * The index packedFlatbush(leaves, n, true) gives, built in `index` (a Flatbush of n items, more
 * than its nodeSize, not finished) over the boxes already written in its leaves
 * (index._boxes[0 .. 4n), e.g. by a store writing its box column there), so that the boxes are
 * not copied into a second array; null when their order is not coherent (the leaves are then
 * as written, for packedFlatbush over them to sort into an index of its own).
 */
export function packedFlatbushInPlace(index: Flatbush): Flatbush | null {
  const n = index.numItems, tree = index._boxes, ids = index._indices;
  if (n <= index.nodeSize) return null;
  for (let q = 0; q < n; q++) ids[q] = q;
  const pos = packLevels(index);
  // The extent is the root's box (what Flatbush.from reads back), not another pass over the leaves.
  const minX = tree[pos - 4], minY = tree[pos - 3], maxX = tree[pos - 2], maxY = tree[pos - 1];
  return coherentOrder(index, minX, minY, maxX, maxY) ? finished(index, pos, minX, minY, maxX, maxY) : null;
}

/** Sets what finish() sets once the tree is written. */
function finished(index: Flatbush, pos: number, minX: number, minY: number, maxX: number, maxY: number): Flatbush {
  index._pos = pos;
  index.minX = minX; index.minY = minY; index.maxX = maxX; index.maxY = maxY;
  return index;
}

/**
 * Writes each level's nodes over the leaves already in place: the box around nodeSize consecutive
 * entries of the level below (finish's loop). Returns the end of the tree (finish's _pos).
 */
function packLevels(index: Flatbush): number {
  const tree = index._boxes, ids = index._indices, nodeSize = index.nodeSize;
  const levelBounds = index._levelBounds;
  let pos = 4 * index.numItems;
  for (let i = 0, read = 0; i < levelBounds.length - 1; i++) {
    const end = levelBounds[i];
    while (read < end) {
      const node = read;
      let x0 = tree[read++], y0 = tree[read++], x1 = tree[read++], y1 = tree[read++];
      for (let j = 1; j < nodeSize && read < end; j++) {
        x0 = Math.min(x0, tree[read++]);
        y0 = Math.min(y0, tree[read++]);
        x1 = Math.max(x1, tree[read++]);
        y1 = Math.max(y1, tree[read++]);
      }
      ids[pos >> 2] = node;
      tree[pos++] = x0; tree[pos++] = y0; tree[pos++] = x1; tree[pos++] = y1;
    }
  }
  return pos;
}

/** How many times the box tests of a tree of compact nodes a search may cost in a kept order. */
export const COHERENT_COST_FACTOR = 2.5;

/**
 * Whether the leaves as written make a tree fit to search. A search's cost is estimated as the
 * children tested under the nodes it enters: over every node above the leaves, the chance that a
 * query box of a leaf node's size somewhere in the layer meets it ((w + q)(h + q) over the
 * occupied area) times its children. The same sum for a tree whose nodes are squares holding
 * their boxes at the layer's density (what a Hilbert-packed tree comes close to: 1.3 times it on
 * the 10k synthetic city) is the measure; the order is kept at most COHERENT_COST_FACTOR times it.
 * The occupied area is counted over the cells of a grid with about one leaf node's worth of boxes
 * per cell, so that a layer clustered in part of its extent is held to its clusters' density.
 * Every level counts: blocks written one by one but listed in no order make compact nodes low in
 * the tree and scattered ones above. On the 10k city the store order costs 2.0 times; its
 * communities listed in random order 227 times, blocks of 33 communities in random order 17 times.
 */
function coherentOrder(index: Flatbush, minX: number, minY: number, maxX: number, maxY: number): boolean {
  const tree = index._boxes, n = index.numItems, nodeSize = index.nodeSize, levelBounds = index._levelBounds;
  const w = maxX - minX, h = maxY - minY;
  if (!(w > 0 && h > 0)) return false;
  const side = Math.max(1, Math.min(1024, Math.floor(Math.sqrt(n / nodeSize))));
  const occupied = new Uint8Array(side * side);
  const sx = side / w, sy = side / h;
  let cells = 0;
  for (let k = 0; k < 4 * n; k += 4) {
    const i = Math.min(side - 1, ((tree[k] + tree[k + 2]) / 2 - minX) * sx | 0);
    const j = Math.min(side - 1, ((tree[k + 1] + tree[k + 3]) / 2 - minY) * sy | 0);
    const c = j * side + i;
    if (!occupied[c]) { occupied[c] = 1; cells++; }
  }
  const area = cells * (w / side) * (h / side);
  const q = Math.sqrt((nodeSize * area) / n); // a leaf node's side at the layer's density
  let cost = 0, compact = 0;
  for (let l = 1, p = 4 * n, boxes = nodeSize; l < levelBounds.length; l++, boxes *= nodeSize) {
    const end = levelBounds[l];
    const s = Math.sqrt((boxes * area) / n) + q;
    compact += ((end - p) / 4) * Math.min(1, (s * s) / area) * nodeSize;
    for (; p < end; p += 4) cost += Math.min(1, ((tree[p + 2] - tree[p] + q) * (tree[p + 3] - tree[p + 1] + q)) / area) * nodeSize;
  }
  return cost <= COHERENT_COST_FACTOR * compact;
}

/**
 * The boxes' numbers by the Hilbert value of their centres on a 2^16 grid over the extent (the key
 * and formula of Flatbush's finish), ties in box order.
 */
function hilbertOrder(b: Float64Array, n: number, minX: number, minY: number, maxX: number, maxY: number): Uint32Array {
  const hilbertMax = (1 << 16) - 1;
  const sx = hilbertMax / ((maxX - minX) || 1), sy = hilbertMax / ((maxY - minY) || 1);
  const keys = new Uint32Array(n);
  const low = new Uint32Array(65536), high = new Uint32Array(65536);
  for (let k = 0; k < n; k++) {
    const x = (sx * ((b[4 * k] + b[4 * k + 2]) / 2 - minX)) | 0;
    const y = (sy * ((b[4 * k + 1] + b[4 * k + 3]) / 2 - minY)) | 0;
    const h = hilbert(x, y);
    keys[k] = h;
    low[h & 0xffff]++;
    high[h >>> 16]++;
  }
  for (let i = 0, a = 0, c = 0; i < 65536; i++) {
    const l = low[i], hi = high[i];
    low[i] = a; high[i] = c;
    a += l; c += hi;
  }
  const byLow = new Uint32Array(n), order = new Uint32Array(n);
  for (let k = 0; k < n; k++) byLow[low[keys[k] & 0xffff]++] = k;
  for (let q = 0; q < n; q++) { const k = byLow[q]; order[high[keys[k] >>> 16]++] = k; }
  return order;
}

/** The position of (x, y) (each 0 .. 2^16 − 1) along the Hilbert curve, unsigned (flatbush's hilbert). */
function hilbert(x: number, y: number): number {
  let a = x ^ y;
  let b = 0xffff ^ a;
  let c = 0xffff ^ (x | y);
  let d = x & (y ^ 0xffff);
  let A = a | (b >> 1);
  let B = (a >> 1) ^ a;
  let C = c ^ ((c >> 1) ^ (b & (d >> 1)));
  let D = d ^ ((a & (c >> 1)) ^ (d >> 1));
  a = (A & (A >> 2)) ^ (B & (B >> 2));
  b = (A & (B >> 2)) ^ (B & ((A ^ B) >> 2));
  c = C ^ ((A & (C >> 2)) ^ (B & (D >> 2)));
  d = D ^ ((B & (C >> 2)) ^ ((A ^ B) & (D >> 2)));
  A = (a & (a >> 4)) ^ (b & (b >> 4));
  B = (a & (b >> 4)) ^ (b & ((a ^ b) >> 4));
  C = c ^ ((a & (c >> 4)) ^ (b & (d >> 4)));
  D = d ^ ((b & (c >> 4)) ^ ((a ^ b) & (d >> 4)));
  c = C ^ ((A & (C >> 8)) ^ (B & (D >> 8)));
  d = D ^ ((B & (C >> 8)) ^ ((A ^ B) & (D >> 8)));
  c ^= c >> 1;
  d ^= d >> 1;
  a = x ^ y;
  b = d | (0xffff ^ (a | c));
  a = (a | (a << 8)) & 0x00ff00ff;
  a = (a | (a << 4)) & 0x0f0f0f0f;
  a = (a | (a << 2)) & 0x33333333;
  a = (a | (a << 1)) & 0x55555555;
  b = (b | (b << 8)) & 0x00ff00ff;
  b = (b | (b << 4)) & 0x0f0f0f0f;
  b = (b | (b << 2)) & 0x33333333;
  b = (b | (b << 1)) & 0x55555555;
  return ((b << 1) | a) >>> 0;
}
