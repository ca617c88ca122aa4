// FlatGeobuf structure check, run before the flatgeobuf library touches the bytes. The library
// trusts the file: a header length past the end of the file makes its FlatBuffers reads return
// defaults (features_count 0, index_node_size 16), and its packed R-tree size loop never ends for
// 0 features with an index; garbage vector lengths make it loop billions of times. So every length
// and offset is checked against the file size first: the header's size prefix, its tables, vectors
// and strings, the index size, and each feature's frame and tables.
// Layout: https://github.com/flatgeobuf/flatgeobuf (format spec, header.fbs, feature.fbs).

/** Bytes of one packed R-tree node: envelope (4 doubles) + offset (uint64). */
const NODE_ITEM_BYTES = 40;
/** Nested geometry parts (collections of polygons) deeper than this are refused. */
const MAX_GEOMETRY_DEPTH = 32;

export interface FgbStructure {
  featuresCount: number;
  indexNodeSize: number;
  /** Byte offset of the first feature. */
  featuresStart: number;
  /** Feature frames found. */
  features: number;
}

class FgbError extends Error {}

/** Reads FlatBuffers tables inside [start, end) of the file, refusing anything outside. */
class Region {
  constructor(private view: DataView, readonly start: number, readonly end: number, private what: string) {}

  fail(msg: string): never {
    throw new FgbError(`${this.what}: ${msg}`);
  }

  u8(p: number): number { this.need(p, 1); return this.view.getUint8(p); }
  u16(p: number): number { this.need(p, 2); return this.view.getUint16(p, true); }
  u32(p: number): number { this.need(p, 4); return this.view.getUint32(p, true); }
  i32(p: number): number { this.need(p, 4); return this.view.getInt32(p, true); }

  need(p: number, n: number): void {
    if (!(p >= this.start && p + n <= this.end)) this.fail(`offset ${p}+${n} outside ${this.start}..${this.end}`);
  }

  /** A table at `t`: its vtable checked; returns the absolute position of field i, or null when absent. */
  table(t: number): (i: number, size: number) => number | null {
    const vt = t - this.i32(t);
    const vtLen = this.u16(vt);
    const objLen = this.u16(vt + 2);
    if (vtLen < 4 || vtLen % 2 !== 0) this.fail(`bad vtable length ${vtLen}`);
    this.need(vt, vtLen);
    this.need(t, Math.max(objLen, 4));
    return (i, size) => {
      const slot = 4 + 2 * i;
      if (slot >= vtLen) return null;
      const off = this.u16(vt + slot);
      if (off === 0) return null;
      if (off + size > objLen) this.fail(`field ${i} outside its table`);
      this.need(t + off, size);
      return t + off;
    };
  }

  /** The target of a uoffset stored at p. */
  deref(p: number): number {
    const target = p + this.u32(p);
    this.need(target, 4);
    return target;
  }

  /** A vector or string at field position p: its element count, bounds checked. */
  vector(p: number, elemSize: number): { start: number; length: number } {
    const v = this.deref(p);
    const length = this.u32(v);
    this.need(v + 4, length * elemSize);
    return { start: v + 4, length };
  }
}

function checkColumn(r: Region, t: number): void {
  const f = r.table(t);
  for (const s of [0, 2, 3, 10]) { const p = f(s, 4); if (p !== null) r.vector(p, 1); }
  if (f(0, 4) === null) r.fail('a column has no name');
}

function checkHeader(r: Region, root: number): { featuresCount: number; indexNodeSize: number; columns: number } {
  const f = r.table(root);
  for (const s of [0, 11, 12, 13]) { const p = f(s, 4); if (p !== null) r.vector(p, 1); }
  const env = f(1, 4);
  if (env !== null) r.vector(env, 8);
  let columns = 0;
  const cols = f(7, 4);
  if (cols !== null) {
    const v = r.vector(cols, 4);
    columns = v.length;
    for (let i = 0; i < v.length; i++) checkColumn(r, r.deref(v.start + 4 * i));
  }
  const crs = f(10, 4);
  if (crs !== null) {
    const c = r.table(r.deref(crs));
    for (const s of [0, 2, 3, 4, 5]) { const p = c(s, 4); if (p !== null) r.vector(p, 1); }
  }
  const countAt = f(8, 8);
  let featuresCount = 0;
  if (countAt !== null) {
    const lo = r.u32(countAt);
    const hi = r.u32(countAt + 4);
    if (hi !== 0) r.fail(`features_count ${hi * 2 ** 32 + lo} is beyond any file`);
    featuresCount = lo;
  }
  const nodeAt = f(9, 2);
  // index_node_size defaults to 16 when the field is absent (header.fbs).
  const indexNodeSize = nodeAt === null ? 16 : r.u16(nodeAt);
  return { featuresCount, indexNodeSize, columns };
}

function checkGeometry(r: Region, t: number, depth: number): void {
  if (depth > MAX_GEOMETRY_DEPTH) r.fail(`geometry parts nested deeper than ${MAX_GEOMETRY_DEPTH}`);
  const f = r.table(t);
  const sizes = [4, 8, 8, 8, 8, 8]; // ends, xy, z, m, t, tm
  sizes.forEach((size, i) => { const p = f(i, 4); if (p !== null) r.vector(p, size); });
  const parts = f(7, 4);
  if (parts !== null) {
    const v = r.vector(parts, 4);
    for (let i = 0; i < v.length; i++) checkGeometry(r, r.deref(v.start + 4 * i), depth + 1);
  }
}

function checkFeature(r: Region, t: number): void {
  const f = r.table(t);
  const g = f(0, 4);
  if (g !== null) checkGeometry(r, r.deref(g), 0);
  const props = f(1, 4);
  if (props !== null) r.vector(props, 1);
  const cols = f(2, 4);
  if (cols !== null) {
    const v = r.vector(cols, 4);
    for (let i = 0; i < v.length; i++) checkColumn(r, r.deref(v.start + 4 * i));
  }
}

/**
 * Packed R-tree size in bytes, as the format's calcTreeSize computes it (and writers write it): at
 * least one level above the items, so one feature has a root node too. 0 for no items (where
 * calcTreeSize never ends).
 */
export function packedTreeBytes(numItems: number, nodeSize: number): number {
  if (numItems < 1) return 0;
  const size = Math.min(Math.max(nodeSize, 2), 65535);
  let n = numItems;
  let nodes = n;
  do {
    n = Math.ceil(n / size);
    nodes += n;
  } while (n !== 1);
  return nodes * NODE_ITEM_BYTES;
}

/** Checks a whole FlatGeobuf file; throws `${name}: FlatGeobuf …` naming what is wrong and where. */
export function checkFlatGeobuf(name: string, bytes: Uint8Array): FgbStructure {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = bytes.length;
  try {
    if (size < 12) throw new FgbError(`file of ${size} bytes ends before the header length`);
    const headerLength = view.getUint32(8, true);
    const headerEnd = 12 + headerLength;
    if (headerLength < 8 || headerEnd > size)
      throw new FgbError(`header length ${headerLength} does not fit in the file (${size} bytes)`);
    const hr = new Region(view, 12, headerEnd, 'header');
    const header = checkHeader(hr, hr.deref(12));
    let offset = headerEnd;
    if (header.indexNodeSize > 0 && header.featuresCount > 0) {
      // Every feature takes at least 4 bytes (its size prefix): a larger count cannot be true.
      if (header.featuresCount > size / 4) throw new FgbError(`header: features_count ${header.featuresCount} cannot fit in ${size} bytes`);
      offset += packedTreeBytes(header.featuresCount, header.indexNodeSize);
      if (offset > size) throw new FgbError(`spatial index of ${header.featuresCount} features ends past the end of the file (${size} bytes)`);
    } else if (header.indexNodeSize > 0 && header.featuresCount === 0 && headerEnd < size) {
      throw new FgbError('header: a spatial index is declared (index_node_size > 0) but features_count is 0');
    }
    const featuresStart = offset;
    let features = 0;
    while (offset < size) {
      const fr = new Region(view, offset, size, `feature ${features}`);
      const length = fr.u32(offset);
      const end = offset + 4 + length;
      if (length < 8 || end > size) fr.fail(`length ${length} does not fit in the file (${size - offset - 4} bytes left)`);
      const body = new Region(view, offset + 4, end, `feature ${features}`);
      checkFeature(body, body.deref(offset + 4));
      offset = end;
      features++;
    }
    // features_count 0 means "not known" without an index; any other count must be what the file holds.
    if ((header.indexNodeSize > 0 || header.featuresCount > 0) && header.featuresCount !== features)
      throw new FgbError(`header: features_count ${header.featuresCount} but the file holds ${features} features`);
    return { featuresCount: header.featuresCount, indexNodeSize: header.indexNodeSize, featuresStart, features };
  } catch (e) {
    if (e instanceof FgbError) throw new Error(`${name}: not a valid FlatGeobuf file (${e.message})`, { cause: e });
    throw e;
  }
}
