// A FlatGeobuf file of polygons read straight from its bytes into a FlatPolygonLayer: each
// feature's xy vector is copied into one typed array, without the GeoJSON objects (an array per
// vertex) and the awaited generator step per feature of the flatgeobuf library's reader.
//
// The structure is checked first by checkFlatGeobuf (fgbStructure.ts), as readFgbLayer checks it;
// then the FlatBuffers tables are walked here (header.fbs, feature.fbs). The result is what
// readFgbLayer gives after the library's geojson deserialize: polygons as the library's
// fromGeometry builds them (a Polygon's rings cut at its `ends`, a MultiPolygon's parts each such
// a polygon; the header's geometry type, else the feature's), properties by the library's own
// parseProperties, fields the header's column names, the CRS as readFgbLayer declares it.
// Anything else (other geometry types, Z values, a feature without geometry, a vector the library
// would fail to view or would slice otherwise, no features) gives null: the caller then uses the
// general reader, which reports it as it always has.
import { generic } from 'flatgeobuf';
import type { ColumnMeta, Feature } from 'flatgeobuf';
import type { RawLayer } from '../import/types';
import { GrowU32, type FlatPolygonLayer } from './flatPolygons';
import { checkFlatGeobuf } from './fgbStructure';

const MAGIC = [0x66, 0x67, 0x62, 0x03]; // "fgb\x03"
const POLYGON = 3, MULTIPOLYGON = 6; // GeometryType

export interface FgbFlatRead {
  layer: FlatPolygonLayer;
  declaredCrs: RawLayer['declaredCrs'];
}

/** Thrown inside the reader when the file is outside what it reads; turned into null. */
const FAIL = new Error('not a FlatGeobuf file the flat reader reads');

/** Reads a FlatGeobuf file of Polygon / MultiPolygon features; null for anything else (see above). */
export function readFgbFlat(name: string, bytes: Uint8Array): FgbFlatRead | null {
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) return null;
  try {
    const structure = checkFlatGeobuf(name, bytes);
    if (structure.features === 0) return null;
    return new FgbReader(bytes).read(structure.featuresStart);
  } catch {
    return null;
  }
}

class FgbReader {
  private readonly dv: DataView;
  private readonly polys = new GrowU32();
  private readonly rings = new GrowU32();
  private xy = new Float64Array(1 << 14);
  private nv = 0;
  /** The file's whole buffer as doubles from its start (an aligned xy vector is a run of them). */
  private readonly f64: Float64Array;
  /** What parseProperties reads of a feature (one object, its array set per feature). */
  private readonly propsView = {
    array: null as Uint8Array | null,
    propertiesArray(): Uint8Array | null { return this.array; },
    propertiesLength(): number { return this.array ? this.array.length : 0; },
  };

  constructor(private readonly bytes: Uint8Array) {
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.f64 = new Float64Array(bytes.buffer, 0, Math.floor((bytes.byteOffset + bytes.byteLength) / 8));
  }

  /** `featuresStart`: where the checked structure found the first feature (after the header and index). */
  read(featuresStart: number): FgbFlatRead {
    const header = this.root(8);
    const geometryType = this.u8Field(header, 2, 0);
    const columns: Pick<ColumnMeta, 'name' | 'type'>[] = [];
    const cols = this.field(header, 7);
    if (cols !== null) {
      const v = this.deref(cols), n = this.u32(v);
      for (let i = 0; i < n; i++) {
        const c = this.deref(v + 4 + 4 * i);
        const nameAt = this.field(c, 0);
        if (nameAt === null) throw FAIL;
        columns.push({ name: this.string(nameAt), type: this.u8Field(c, 1, 0) });
      }
    }
    let declaredCrs: RawLayer['declaredCrs'];
    const crsAt = this.field(header, 10);
    if (crsAt !== null) {
      const crs = this.deref(crsAt);
      const codeAt = this.field(crs, 1), wktAt = this.field(crs, 4);
      const code = codeAt === null ? 0 : this.dv.getInt32(codeAt, true);
      const wkt = wktAt === null ? null : this.string(wktAt);
      declaredCrs = code ? { crs: `EPSG:${code}`, from: 'fgb-header', wkt: wkt ?? undefined } : wkt ? { crs: wkt, from: 'fgb-header', wkt } : undefined;
    }

    // Features from where the library's deserialize starts them: after the header and the index.
    let offset = featuresStart;
    const geom = new GrowU32();
    geom.push(0);
    this.polys.push(0);
    this.rings.push(0);
    const properties: Record<string, unknown>[] = [];
    const size = this.bytes.length;
    while (offset < size) {
      const length = this.u32(offset);
      const feature = this.root(offset);
      const g = this.field(feature, 0);
      if (g === null) throw FAIL;
      const gt = this.deref(g);
      const type = geometryType || this.u8Field(gt, 6, 0);
      if (type === POLYGON) this.polygon(gt);
      else if (type === MULTIPOLYGON) {
        const partsAt = this.field(gt, 7);
        const v = partsAt === null ? 0 : this.deref(partsAt);
        const n = partsAt === null ? 0 : this.u32(v);
        if (n === 0) throw FAIL;
        for (let i = 0; i < n; i++) this.polygon(this.deref(v + 4 + 4 * i));
      } else throw FAIL;
      geom.push(this.polys.n - 1);
      properties.push(this.properties(feature, columns));
      offset += 4 + length;
    }
    return {
      layer: {
        length: properties.length,
        geomOffsets: geom.trimmed(),
        polygonOffsets: this.polys.trimmed(),
        ringOffsets: this.rings.trimmed(),
        xy: this.xy.slice(0, 2 * this.nv),
        properties,
        fields: columns.map((c) => c.name),
      },
      declaredCrs,
    };
  }

  /** A Polygon geometry table: its rings as the library's extractParts cuts them. */
  private polygon(g: number): void {
    const xyAt = this.field(g, 1);
    if (xyAt === null || this.field(g, 2) !== null) throw FAIL; // no xy (the library fails), or Z values
    const xv = this.deref(xyAt);
    const n = this.u32(xv);
    // The library views the vector as a Float64Array of the file's buffer: it needs 8-byte alignment.
    const at = this.bytes.byteOffset + xv + 4;
    if (at % 8 !== 0 || n % 2 !== 0) throw FAIL;
    const first = at / 8; // the vector's first double in this.f64
    const endsAt = this.field(g, 0);
    const ev = endsAt === null ? 0 : this.deref(endsAt);
    const ne = endsAt === null ? 0 : this.u32(ev);
    if (ne === 0) {
      this.ring(first, 0, n);
    } else {
      let s = 0;
      for (let i = 0; i < ne; i++) {
        const e = 2 * this.u32(ev + 4 + 4 * i);
        if (e < s || e > n) throw FAIL; // the library's slices would differ (empty, clamped or from the end)
        this.ring(first, s, e);
        s = e;
      }
    }
    this.polys.push(this.rings.n - 1);
  }

  /** Doubles a … b − 1 of the vector starting at this.f64[first], appended as a ring. */
  private ring(first: number, a: number, b: number): void {
    const need = 2 * this.nv + (b - a);
    if (need > this.xy.length) {
      const grown = new Float64Array(Math.max(need, 2 * this.xy.length));
      grown.set(this.xy.subarray(0, 2 * this.nv));
      this.xy = grown;
    }
    const xy = this.xy, f64 = this.f64;
    let o = 2 * this.nv;
    for (let k = first + a; k < first + b; k++) xy[o++] = f64[k];
    this.nv += (b - a) / 2;
    this.rings.push(this.nv);
  }

  /** The library's parseProperties over the feature's properties vector. */
  private properties(feature: number, columns: Pick<ColumnMeta, 'name' | 'type'>[]): Record<string, unknown> {
    const at = this.field(feature, 1);
    let array: Uint8Array | null = null;
    if (at !== null) {
      const v = this.deref(at);
      array = this.bytes.subarray(v + 4, v + 4 + this.u32(v));
    }
    this.propsView.array = array;
    return generic.parseProperties(this.propsView as unknown as Feature, columns as ColumnMeta[]) as Record<string, unknown>;
  }

  private u32(p: number): number {
    return this.dv.getUint32(p, true);
  }

  /** The root table of the size-prefixed buffer at p. */
  private root(p: number): number {
    return p + 4 + this.u32(p + 4);
  }

  /** The target of the uoffset at p. */
  private deref(p: number): number {
    return p + this.u32(p);
  }

  /** Absolute position of field i of the table at t; null when absent. */
  private field(t: number, i: number): number | null {
    const vt = t - this.dv.getInt32(t, true);
    const slot = 4 + 2 * i;
    if (slot >= this.dv.getUint16(vt, true)) return null;
    const off = this.dv.getUint16(vt + slot, true);
    return off === 0 ? null : t + off;
  }

  private u8Field(t: number, i: number, dflt: number): number {
    const p = this.field(t, i);
    return p === null ? dflt : this.bytes[p];
  }

  /** The string whose uoffset is at p, decoded as UTF-8 (as FlatBuffers decodes it). */
  private string(p: number): string {
    const v = this.deref(p);
    return new TextDecoder().decode(this.bytes.subarray(v + 4, v + 4 + this.u32(v)));
  }
}
