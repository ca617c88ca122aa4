// Test helper: minimal Shapefile writers, byte by byte from the ESRI Shapefile Technical
// Description and the dBASE III layout, so tests can make the records GDAL would tidy away
// (rings in any orientation, empty parts, loose holes, truncated records).

/** A ring as written: positions in the given order (nothing re-oriented or closed). */
export type ShpRing = number[][];

/**
 * A .shp of polygon records (null: a null shape). `type` 15 adds a Z block (Z values 0) after
 * each record's points, as PolygonZ records carry. `raw` replaces a record's content bytes.
 */
export function shpBytes(records: (ShpRing[] | null | { raw: Uint8Array })[], type = 5): Uint8Array {
  const contents = records.map((rec) => {
    if (rec === null) { const c = new Uint8Array(4); new DataView(c.buffer).setInt32(0, 0, true); return c; }
    if ('raw' in rec) return rec.raw;
    const nParts = rec.length, nPts = rec.reduce((s, r) => s + r.length, 0);
    const z = type === 15 ? 16 + 8 * nPts : 0;
    const c = new Uint8Array(44 + 4 * nParts + 16 * nPts + z);
    const dv = new DataView(c.buffer);
    dv.setInt32(0, type, true);
    const all = rec.flat();
    const xs = all.map((p) => p[0]), ys = all.map((p) => p[1]);
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, i) => dv.setFloat64(4 + 8 * i, nPts ? v : 0, true));
    dv.setInt32(36, nParts, true);
    dv.setInt32(40, nPts, true);
    let k = 0;
    rec.forEach((r, i) => { dv.setInt32(44 + 4 * i, k, true); k += r.length; });
    all.forEach((p, i) => { dv.setFloat64(44 + 4 * nParts + 16 * i, p[0], true); dv.setFloat64(44 + 4 * nParts + 16 * i + 8, p[1], true); });
    return c;
  });
  const size = 100 + contents.reduce((s, c) => s + 8 + c.length, 0);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setInt32(0, 9994, false);
  dv.setInt32(24, size / 2, false);
  dv.setInt32(28, 1000, true);
  dv.setInt32(32, type, true);
  let o = 100;
  contents.forEach((c, i) => {
    dv.setInt32(o, i + 1, false);
    dv.setInt32(o + 4, c.length / 2, false);
    out.set(c, o + 8);
    o += 8 + c.length;
  });
  return out;
}

/** A .dbf of text (C) fields, values encoded by `encode` (UTF-8 by default); null: blank. */
export function dbfBytes(fields: string[], rows: (string | number | null)[][], encode: (s: string) => Uint8Array = (s) => new TextEncoder().encode(s)): Uint8Array {
  const cells = rows.map((r) => r.map((v) => encode(v === null ? '' : String(v))));
  const names = fields.map(encode);
  const lengths = fields.map((_, j) => Math.max(1, ...cells.map((r) => r[j].length)));
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + lengths.reduce((s, n) => s + n, 0);
  const out = new Uint8Array(headerLength + rows.length * recordLength + 1).fill(0x20, headerLength);
  const dv = new DataView(out.buffer);
  out[0] = 0x03;
  dv.setUint32(4, rows.length, true);
  dv.setUint16(8, headerLength, true);
  dv.setUint16(10, recordLength, true);
  fields.forEach((_, j) => {
    const o = 32 + 32 * j;
    out.set(names[j].subarray(0, 11), o);
    out[o + 11] = 0x43; // 'C'
    out[o + 16] = lengths[j];
  });
  out[headerLength - 1] = 0x0d;
  cells.forEach((r, i) => {
    let o = headerLength + i * recordLength + 1;
    r.forEach((c, j) => { out.set(c, o); o += lengths[j]; });
  });
  out[out.length - 1] = 0x1a;
  return out;
}
