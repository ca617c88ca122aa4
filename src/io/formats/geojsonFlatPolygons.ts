// A single-pass scanner that reads a GeoJSON FeatureCollection of Polygon / MultiPolygon features
// straight into a FlatPolygonLayer: coordinates go from the text into typed arrays without an
// array per vertex and without parsing the whole document (a city's building footprints are
// ~100 MB of JSON; JSON.parse of it makes millions of short-lived [x, y] arrays).
//
// Conservative by design: anything it does not fully understand (not a FeatureCollection, other
// geometry types, positions other than exactly two numbers, empty rings or polygons, duplicate
// structural keys, escapes in structural strings, invalid JSON, …) gives null, and the caller then
// uses the general reader, which reports problems as it always has. What it accepts it reads to the
// same result as JSON.parse followed by readGeoJson: every coordinate is the double JSON.parse
// gives (bit for bit), properties are what JSON.parse makes of each feature's own properties text,
// and a feature's `id` is merged into its properties and `fields` exactly as readGeoJson merges it.
// The same scan reads Point layers (scanFeatureCollection in 'points' mode, for geojsonFlatPoints.ts)
// and LineString / MultiLineString layers ('lines' mode, for geojsonFlatLines.ts).
//
// The scan reads UTF-8 bytes (a file as read, without decoding 100 MB into a string first); a text
// given as a string is scanned as its UTF-8 encoding. Every string the scanner makes (names, values,
// spans for JSON.parse) is what decoding the whole file with TextDecoder would give at that place.
//
// A polygon layer can also be scanned from a ByteSource through a window of its bytes
// (scanGeoJsonPolygonColumnsFrom): between features, when less than a margin of the window is
// left, the rest is moved to the window's start and the window refilled. A feature is read only
// from bytes in the window, so one that does not fit in what is left fails the scan like any
// other text the scanner does not take (null): the caller then reads the whole file.
import { GrowU32, type FlatPolygonColumns, type FlatPolygonLayer } from './flatPolygons';
import { bytePattern, patternAt, sameBytesAt, viewOf, type BytePattern } from './bytePattern';
import type { ByteSource } from './byteSource';
import { withoutBoms } from './textEncoding';
import { bulkFloat64, bulkUint32 } from '../../engine/bulkArrays';

/** Thrown inside the scanner when the text is outside what it reads; turned into null. */
const FAIL = new Error('not a FeatureCollection the flat scanner reads');

const UTF8_ENCODER = new TextEncoder();
/** UTF-8 as the whole file's decoding reads it (decodeText): invalid sequences become U+FFFD; a leading U+FEFF is kept, since a span is not the file's start. */
const UTF8_DECODER = new TextDecoder('utf-8', { ignoreBOM: true });

/** 10^0 … 10^22: exactly representable doubles (the literals are parsed correctly rounded, hence exactly). */
const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/** Veltkamp's splitter for doubles (2^27 + 1): x = hi + lo exactly, each half 26 bits. */
const SPLITTER = 134217729;

/** 10^k = POW10_HI[k] + POW10_LO[k], Veltkamp's halves (for the exact product q · 10^k in nearestQuotientInto). */
const POW10_HI = POW10.map((d) => { const a = SPLITTER * d; return a - (a - d); });
const POW10_LO = POW10.map((d, k) => d - POW10_HI[k]);

/** fl(10^-k): the correction R / 10^k in nearestQuotientInto is R · INV_POW10[k] (a multiplication instead of a division). */
const INV_POW10 = POW10.map((d) => 1 / d);

/** 1 ∓ 2^-50: widen a quotient's correction past its rounding error (nearestQuotientInto). */
const WIDEN_DOWN = 1 - 2 ** -50, WIDEN_UP = 1 + 2 ** -50;

/** The member names the scanner acts on, as codes (key() compares in place, allocating nothing); K_OTHER: any other name. */
const KEYS = ['type', 'features', 'crs', 'geometry', 'properties', 'id', 'coordinates'];
const K_OTHER = -1, K_TYPE = 0, K_FEATURES = 1, K_CRS = 2, K_GEOMETRY = 3, K_PROPERTIES = 4, K_ID = 5, K_COORDINATES = 6;

/**
 * A feature's opening as most writers put it (JSON.stringify, GDAL without spaces): type, then a
 * MultiPolygon or Polygon geometry up to its coordinates. Where the text is exactly this, the
 * member-by-member reading would end in the same state, which feature() then takes at once.
 */
const MULTIPOLYGON_HEAD = bytePattern(UTF8_ENCODER.encode('{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":'));
const POLYGON_HEAD = bytePattern(UTF8_ENCODER.encode('{"type":"Feature","geometry":{"type":"Polygon","coordinates":'));
/** The properties member's name as it follows a geometry without whitespace: taken at once, as key() would read it. */
const PROPERTIES_MEMBER = bytePattern(UTF8_ENCODER.encode(',"properties":'));
/** Where the geometry type's first letter is in either head. */
const HEAD_TYPE_AT = '{"type":"Feature","geometry":{"type":"'.length;

const SPACE = 0x20, TAB = 0x09, LF = 0x0a, CR = 0x0d;
const QUOTE = 0x22, BACKSLASH = 0x5c, COMMA = 0x2c, COLON = 0x3a;
const LBRACKET = 0x5b, RBRACKET = 0x5d, LBRACE = 0x7b, RBRACE = 0x7d;
const MINUS = 0x2d, PLUS = 0x2b, DOT = 0x2e, ZERO = 0x30, NINE = 0x39, LOWER_E = 0x65, UPPER_E = 0x45;

/**
 * A GeoJSON text (BOM already stripped): the string, or its UTF-8 bytes, read as TextDecoder reads
 * them (an invalid sequence inside a string value is U+FFFD there).
 */
export type GeoJsonText = string | Uint8Array;

/** What a scan reads: polygon, point or line features (scanFeatureCollection). */
export type ScanKind = 'polygons' | 'points' | 'lines';

/**
 * Reads a GeoJSON text holding a FeatureCollection of Polygon and MultiPolygon features (null
 * geometries allowed) into flat arrays; null for anything else.
 */
export function scanGeoJsonPolygons(text: GeoJsonText): FlatPolygonLayer | null {
  const r = scanFeatureCollection(text, 'polygons');
  if (!r) return null;
  const layer: FlatPolygonLayer = {
    length: r.length, geomOffsets: r.geomOffsets, polygonOffsets: r.polygonOffsets, ringOffsets: r.ringOffsets,
    xy: r.xy, properties: r.properties, fields: r.fields,
  };
  if (r.crsName !== undefined) layer.crsName = r.crsName;
  return layer;
}

/**
 * scanGeoJsonPolygons with the properties as columns (FlatPolygonColumns): each value goes from the
 * text to its name's column, without an object per feature. The same values, names and `fields`.
 */
export function scanGeoJsonPolygonColumns(text: GeoJsonText): FlatPolygonColumns | null {
  const bytes = utf8Of(text);
  if (!bytes) return null;
  return columnsOf(() => new FeatureScanner(bytes, 'polygons', true, asciiText(text, bytes)));
}

/** A windowed scan's window size and margin in bytes (scanGeoJsonPolygonColumnsFrom). */
export interface ScanWindow {
  bytes: number;
  /** Refill before a feature when fewer bytes than this are left: the largest feature always read from the window. */
  margin: number;
}

/**
 * 1 MB, refilled with 256 KB left: a building footprint's feature is a few hundred bytes (a
 * larger feature that does not fit sends the file to the whole read), and bytes just read into a
 * window this size are still in the processor's cache when scanned (the 10k city's layer read
 * ~10 ms faster than through 4 or 8 MB windows).
 */
export const SCAN_WINDOW: ScanWindow = { bytes: 1 << 20, margin: 1 << 18 };

/**
 * scanGeoJsonPolygonColumns of a source's bytes (up to two leading byte order marks dropped, as
 * withoutBoms drops them), read through a window of `window.bytes` instead of held whole: the same
 * layer, or null where that gives null or where a feature (or the text around the features) is
 * larger than what the window holds of it (the caller then scans the whole text).
 */
export function scanGeoJsonPolygonColumnsFrom(source: ByteSource, window: ScanWindow = SCAN_WINDOW): FlatPolygonColumns | null {
  const w = new Uint8Array(Math.max(1, Math.min(window.bytes, source.size + 1)));
  const refill: Refill = { source, window: w, at: 0, margin: window.margin, done: false };
  const n = fillWindow(refill, 0);
  const text = withoutBoms(w.subarray(0, n));
  return columnsOf(() => new FeatureScanner(text, 'polygons', true, null, refill, source.size - (n - text.length)));
}

/** The columns of the scanner `make` gives (made inside the scan's failure handling); null where the scan fails. */
function columnsOf(make: () => FeatureScanner): FlatPolygonColumns | null {
  try {
    const scanner = make();
    const r = scanner.collection();
    const layer: FlatPolygonColumns = {
      length: r.length, geomOffsets: r.geomOffsets, polygonOffsets: r.polygonOffsets, ringOffsets: r.ringOffsets,
      xy: r.xy, columns: scanner.columns, fields: r.fields,
    };
    if (r.crsName !== undefined) layer.crsName = r.crsName;
    return layer;
  } catch (e) {
    if (e === FAIL) return null;
    throw e;
  }
}

/** A windowed scan's source and window: `at`, the source offset to read next; `done` once a read has found the end. */
interface Refill {
  readonly source: ByteSource;
  readonly window: Uint8Array;
  at: number;
  readonly margin: number;
  done: boolean;
}

/** Reads the source into the window from `n` (the bytes before it kept) until the window is full or the source ends; the window's byte count. */
function fillWindow(r: Refill, n: number): number {
  const w = r.window;
  while (n < w.length) {
    const k = r.source.read(w.subarray(n), r.at);
    if (k <= 0) { r.done = true; break; }
    n += k;
    r.at += k;
  }
  return n;
}

/**
 * The scan behind scanGeoJsonPolygons, scanGeoJsonPoints (geojsonFlatPoints.ts) and scanGeoJsonLines
 * (geojsonFlatLines.ts). 'polygons': Polygon and MultiPolygon geometries in the offsets; 'points':
 * Point geometries, one x, y pair per feature in xy (NaN, NaN for a null or absent geometry), every
 * offset 0; 'lines': a LineString or MultiLineString geometry as one polygon whose rings are its lines.
 */
export function scanFeatureCollection(text: GeoJsonText, kind: ScanKind): FlatPolygonLayer | null {
  const bytes = utf8Of(text);
  if (!bytes) return null;
  try {
    return new FeatureScanner(bytes, kind, false, asciiText(text, bytes)).collection();
  } catch (e) {
    if (e === FAIL) return null;
    throw e;
  }
}

/**
 * The bytes to scan: the text's UTF-8 encoding, or the bytes as given. Null for a string with a lone
 * surrogate (no decoded file has one; UTF-8 cannot hold it, so JSON.parse would read it otherwise).
 */
function utf8Of(text: GeoJsonText): Uint8Array | null {
  if (typeof text !== 'string') return text;
  if (!(text as string & { isWellFormed(): boolean }).isWellFormed()) return null;
  return UTF8_ENCODER.encode(text);
}

/** The text when it was given as a string and is all ASCII (its UTF-8 no longer than itself): its indices are the bytes' offsets. */
function asciiText(text: GeoJsonText, bytes: Uint8Array): string | null {
  return typeof text === 'string' && bytes.length === text.length ? text : null;
}

class FeatureScanner {
  private pos = 0;
  private readonly points: boolean;
  /** LineString / MultiLineString geometries, each one polygon whose rings are its lines. */
  private readonly lines: boolean;
  /** Properties into `columns` (propertiesInto) instead of an object per feature. */
  private readonly columnar: boolean;
  /** The text's bytes, or in a windowed scan the window's bytes read so far (its length: `end`). */
  private s: Uint8Array;
  /** The same bytes as `s`, for comparing four at a time (bytePattern.ts). */
  private view: DataView;
  private end: number;
  /** The text's offset of s[0]: 0, or in a windowed scan the bytes already moved out of the window. */
  private base = 0;
  /** The text's whole length (growXy's prediction). */
  private readonly size: number;
  /** A windowed scan's source while more may follow; null for a whole text and once the source has ended. */
  private refill: Refill | null;
  /** features() refills the window when fewer bytes than this are left (0: never). */
  private margin: number;
  private readonly geom = new GrowU32(1024);
  private readonly polys = new GrowU32(1024);
  private readonly rings = new GrowU32(1024);
  private xy: Float64Array = new Float64Array(1 << 14);
  /** numberInto's destination for a property value (a double written to a typed array is not boxed). */
  private readonly scratch = new Float64Array(1);
  private nv = 0;
  /** Each feature's properties, with its `id` merged as readGeoJson merges it. */
  private readonly properties: Record<string, unknown>[] = [];
  /** Property names in first-seen order (a Set keeps the first insertion's place). */
  private readonly fields = new Set<string>();
  /**
   * The previous properties object's key strings in order: a key with the same text at the same
   * place reuses the string (no string made per feature and name), and a feature whose keys repeat
   * the previous feature's adds nothing to `fields`.
   */
  private shape: string[] = [];
  /** `shape`'s names as UTF-8, compared in place with the bytes of the next properties object's names. */
  private shapeBytes: Uint8Array[] = [];
  /** Columnar mode: each property name's values by feature (undefined where a feature has no such name). */
  readonly columns = new Map<string, unknown[]>();
  /** Columnar mode: the columns of `shape`'s names, in its order. */
  private shapeColumns: unknown[][] = [];
  /** Columnar mode: every column, for padding each to the feature count. */
  private readonly columnList: unknown[][] = [];
  /**
   * Columnar mode: the text of `shape` up to each value as JSON.stringify writes it: `{"name":` for
   * the first name, `,"name":` for the others (propertiesInPlace compares them in place).
   */
  private shapeMembers: BytePattern[] = [];
  /** propertiesInPlace's values, held until the whole object has matched `shape`. */
  private readonly shapeValues: unknown[] = [];

  /**
   * The document given as an all-ASCII string (else null): names and values are its slices, as
   * cheap as a slice is and the same strings as before it was encoded (no string decoded again).
   */
  private readonly ascii: string | null;

  /**
   * `text`: the UTF-8 bytes of the document; `ascii`: the same document as a string, when it was
   * given as one and is all ASCII. A windowed scan: `text` is the start of the document as read
   * into the window (a view of refill.window), `size` the document's length.
   */
  constructor(text: Uint8Array, kind: ScanKind, columnar = false, ascii: string | null = null, refill: Refill | null = null, size = text.length) {
    this.ascii = ascii;
    this.refill = refill !== null && !refill.done ? refill : null;
    this.margin = this.refill === null ? 0 : this.refill.margin;
    this.size = size;
    this.points = kind === 'points';
    this.lines = kind === 'lines';
    this.columnar = columnar;
    this.s = text;
    this.view = viewOf(text);
    this.end = text.length;
    this.geom.push(0);
    this.polys.push(0);
    this.rings.push(0);
  }

  collection(): FlatPolygonLayer {
    this.ws();
    this.expect(LBRACE);
    let sawType = false, sawFeatures = false, sawCrs = false;
    let crsName: string | undefined;
    if (this.peekWs() !== RBRACE) {
      for (;;) {
        const k = this.key();
        if (k === K_TYPE) {
          if (sawType) throw FAIL;
          sawType = true;
          this.word('FeatureCollection');
        } else if (k === K_FEATURES) {
          if (sawFeatures) throw FAIL;
          sawFeatures = true;
          this.features();
        } else if (k === K_CRS) {
          if (sawCrs) throw FAIL;
          sawCrs = true;
          crsName = crsNameOf(this.parsedValue());
        } else {
          this.parsedValue();
        }
        if (!this.comma(RBRACE)) break;
      }
    }
    this.pos++; // the closing brace (checked by comma / peekWs)
    this.ws();
    if (this.pos !== this.end || this.refill !== null || !sawType || !sawFeatures) throw FAIL;
    const properties = this.properties, fields = [...this.fields];
    const layer: FlatPolygonLayer = {
      length: this.geom.n - 1,
      geomOffsets: this.usedU32(this.geom),
      polygonOffsets: this.usedU32(this.polys),
      ringOffsets: this.usedU32(this.rings),
      xy: this.usedXy(),
      properties,
      fields,
    };
    if (crsName !== undefined) layer.crsName = crsName;
    return layer;
  }

  /**
   * The vertices read: a view of xy itself when its unused room is at most an eighth of it (a
   * city's 48 MB copied again would cost more than the room kept), else a copy.
   */
  private usedXy(): Float64Array {
    const n = 2 * this.nv;
    return 8 * n >= 7 * this.xy.length ? this.xy.subarray(0, n) : this.xy.slice(0, n);
  }

  private features(): void {
    this.ws();
    this.expect(LBRACKET);
    if (this.peekWs() === RBRACKET) { this.pos++; return; }
    do {
      if (this.end - this.pos < this.margin) this.moveWindow();
      this.feature();
    } while (this.comma(RBRACKET));
    // The text after the features (the collection's close, maybe other members) into the window too.
    if (this.refill !== null) this.moveWindow();
    this.pos++;
  }

  /**
   * A windowed scan: the bytes from the cursor on moved to the window's start and the window
   * filled from the source after them; the cursor at 0. Between features only: no position in the
   * text is held anywhere but the cursor.
   */
  private moveWindow(): void {
    const r = this.refill!, w = r.window;
    const from = this.s.byteOffset - w.byteOffset + this.pos, kept = this.end - this.pos;
    w.copyWithin(0, from, from + kept);
    const n = fillWindow(r, kept);
    this.base += this.pos;
    this.pos = 0;
    this.s = w.subarray(0, n);
    this.view = viewOf(this.s);
    this.end = n;
    if (r.done) { this.refill = null; this.margin = 0; }
  }

  private feature(): void {
    this.ws();
    let sawType = false, sawId = false, sawGeom = false, sawProps = false;
    let props: Record<string, unknown> | null = null;
    let id: unknown;
    const nv = this.nv;
    const f = this.geom.n - 1; // this feature's index
    // more: another member follows (after the opening brace, or after a member and its comma).
    let more: boolean;
    const s = this.s, p = this.pos;
    const letter = this.points || this.lines ? 0 : s[p + HEAD_TYPE_AT];
    const head = letter === 0x4d ? 4 : letter === 0x50 ? 3 : 0; // MultiPolygon, Polygon
    if (head === 4 && patternAt(this.view, s, p, MULTIPOLYGON_HEAD)) this.pos = p + MULTIPOLYGON_HEAD.bytes.length;
    else if (head === 3 && patternAt(this.view, s, p, POLYGON_HEAD)) this.pos = p + POLYGON_HEAD.bytes.length;
    if (this.pos !== p) {
      sawType = true;
      sawGeom = true;
      this.geometryMembers(head, this.coordinates(), this.comma(RBRACE));
      if (this.columnar && patternAt(this.view, s, this.pos, PROPERTIES_MEMBER)) {
        this.pos += PROPERTIES_MEMBER.bytes.length;
        sawProps = true;
        this.propertiesInto(f);
      }
      more = this.comma(RBRACE);
    } else {
      this.expect(LBRACE);
      more = this.peekWs() !== RBRACE;
    }
    if (more) {
      for (;;) {
        const k = this.key();
        if (k === K_TYPE) {
          if (sawType) throw FAIL;
          sawType = true;
          this.word('Feature');
        } else if (k === K_GEOMETRY) {
          if (sawGeom) throw FAIL;
          sawGeom = true;
          this.geometry();
        } else if (k === K_PROPERTIES) {
          if (sawProps) throw FAIL;
          sawProps = true;
          if (this.columnar) this.propertiesInto(f);
          else props = this.propertiesValue();
        } else if (k === K_ID) {
          if (sawId) throw FAIL;
          sawId = true;
          id = this.parsedValue();
        } else {
          this.parsedValue();
        }
        if (!this.comma(RBRACE)) break;
      }
    }
    this.pos++;
    if (!sawType) throw FAIL;
    if (this.columnar) this.endColumns(f, id);
    else {
      if (props === null) props = {};
      if (id !== undefined && props.id === undefined) {
        props = { id, ...props };
        this.fields.add('id');
      }
      this.properties.push(props);
    }
    appendU32(this.geom, this.polys.n - 1);
    if (this.points && this.nv === nv) this.vertex(NaN, NaN); // no geometry: a NaN pair keeps xy one pair per feature
  }

  /**
   * A feature's properties value: null, or an object as JSON.parse makes it, its names added to
   * `fields` in order. Names without escapes and flat values (numbers, strings without escapes,
   * true, false, null) are read in place; a nested or escaped value is JSON.parse of its span, and
   * an escaped or `__proto__` name (which an assignment would not make an own property) sends the
   * whole object to JSON.parse. Anything but an object or null fails the scan, as invalid JSON does.
   */
  private propertiesValue(): Record<string, unknown> | null {
    this.ws();
    const s = this.s;
    const start = this.pos;
    const c0 = s[start];
    if (c0 === 0x6e) { this.literal('null'); return null; }
    if (c0 !== LBRACE) throw FAIL;
    this.pos++;
    const o: Record<string, unknown> = {};
    const shape = this.shape, shapeBytes = this.shapeBytes;
    let next: string[] | null = null; // the new shape, once this object's names leave the previous one
    let n = 0;
    if (this.peekWs() !== RBRACE) {
      for (;;) {
        this.expect(QUOTE);
        const a = this.pos;
        // The previous shape's name at this place, compared in place with its closing quote (a
        // plain name, so the text is plain too); else the name is scanned to its end.
        const prev = next === null && n < shape.length ? shapeBytes[n] : undefined;
        let k: string, i: number;
        if (prev !== undefined && bytesAt(s, a, prev) && s[a + prev.length] === QUOTE) {
          k = shape[n];
          i = a + prev.length;
        } else {
          i = this.plainStringEnd(a);
          if (i < 0) return this.parsedObject(start);
          k = this.text(a, i);
          if (k === '__proto__') return this.parsedObject(start);
          if (next === null) next = shape.slice(0, n);
          next.push(k);
        }
        n++;
        this.pos = i + 1;
        this.ws();
        this.expect(COLON);
        o[k] = this.flatValue();
        if (!this.comma(RBRACE)) break;
        this.ws();
      }
    }
    this.pos++;
    // Every name in `shape` is in `fields` already, so names that follow it in order add nothing.
    if (next !== null) {
      this.setShape(next);
      // for-in lists an object's own names in Object.keys order (JSON.parse's), without an array.
      for (const k in o) this.fields.add(k);
    }
    return o;
  }

  /**
   * propertiesValue's reading in columnar mode: feature f's values written to their names'
   * columns at f. A name read in place at the previous shape's place takes that name's column
   * without a lookup. An escaped or `__proto__` name sends the whole object to JSON.parse, as there.
   */
  private propertiesInto(f: number): void {
    this.ws();
    const s = this.s;
    const start = this.pos;
    const c0 = s[start];
    if (c0 === 0x6e) { this.literal('null'); return; }
    if (c0 !== LBRACE) throw FAIL;
    if (this.shapeMembers.length > 0) {
      if (this.propertiesInPlace(f)) return;
      this.pos = start; // a number read before the difference moved it
    }
    this.pos++;
    const shape = this.shape, shapeBytes = this.shapeBytes, shapeColumns = this.shapeColumns;
    let next: string[] | null = null; // the new shape, once this object's names leave the previous one
    let nextColumns: unknown[][] | null = null;
    let n = 0;
    if (this.peekWs() !== RBRACE) {
      for (;;) {
        this.expect(QUOTE);
        const a = this.pos;
        const prev = next === null && n < shape.length ? shapeBytes[n] : undefined;
        let column: unknown[], i: number;
        if (prev !== undefined && bytesAt(s, a, prev) && s[a + prev.length] === QUOTE) {
          column = shapeColumns[n];
          i = a + prev.length;
        } else {
          i = this.plainStringEnd(a);
          if (i < 0) { this.parsedObjectInto(start, f); return; }
          const k = this.text(a, i);
          if (k === '__proto__') { this.parsedObjectInto(start, f); return; }
          if (next === null || nextColumns === null) { next = shape.slice(0, n); nextColumns = shapeColumns.slice(0, n); }
          column = this.column(k, f);
          next.push(k);
          nextColumns.push(column);
        }
        n++;
        this.pos = i + 1;
        this.ws();
        this.expect(COLON);
        column[f] = this.flatValue(); // a repeated name: the last value, as JSON.parse keeps
        if (!this.comma(RBRACE)) break;
        this.ws();
      }
    }
    this.pos++;
    if (next !== null && nextColumns !== null) {
      this.setShape(next);
      this.shapeColumns = nextColumns;
      // `fields` takes the names in Object.keys order (JSON.parse's: integer-like names first), as propertiesValue adds them.
      const o: Record<string, number> = {};
      for (const k of next) o[k] = 0;
      for (const k in o) this.fields.add(k);
    }
  }

  /**
   * propertiesInto's reading of an object written as the previous one was, without whitespace:
   * the same names in the same order (each member's text up to its value compared in place with
   * shapeMembers), each value a string without escapes, a number, true, false or null. Its values go
   * to `shape`'s columns at f, the cursor after the closing brace, and the answer is true; at the
   * first difference no column has been written and the answer is false (propertiesInto reads the
   * object again from its start).
   * A repeated name's columns are written in order, so the last value is kept, as JSON.parse keeps it.
   */
  private propertiesInPlace(f: number): boolean {
    const s = this.s, members = this.shapeMembers, values = this.shapeValues, end = this.end;
    let i = this.pos;
    for (let n = 0; n < members.length; n++) {
      const w = members[n];
      if (!patternAt(this.view, s, i, w)) return false;
      i += w.bytes.length;
      const c = s[i];
      if (c === QUOTE) {
        const a = i + 1;
        for (i = a; ; i++) {
          const d = s[i];
          if (d === QUOTE) break;
          if (d === BACKSLASH || d < 0x20 || i >= end) return false;
        }
        values[n] = this.text(a, i);
        i++;
      } else if (c === MINUS || (c >= ZERO && c <= NINE)) {
        this.numberInto(i, this.scratch, 0);
        i = this.pos;
        const v = this.scratch[0];
        const k = v | 0; // a small integer as one, as flatValue returns it
        values[n] = k === v && (k !== 0 || 1 / v > 0) ? k : v;
      } else if (c === 0x74 && textAt(s, i, 'true')) { values[n] = true; i += 4; }
      else if (c === 0x66 && textAt(s, i, 'false')) { values[n] = false; i += 5; }
      else if (c === 0x6e && textAt(s, i, 'null')) { values[n] = null; i += 4; }
      else return false;
    }
    if (s[i] !== RBRACE) return false;
    const columns = this.shapeColumns;
    for (let n = 0; n < members.length; n++) columns[n][f] = values[n];
    this.pos = i + 1;
    return true;
  }

  /**
   * Columnar mode: the object at `start` parsed by JSON.parse of its span into the columns at f.
   * A value already read in place at f is overwritten: its name is in the parsed object too.
   */
  private parsedObjectInto(start: number, f: number): void {
    this.pos = start;
    const o = this.parsedValue() as Record<string, unknown>;
    this.setShape([]);
    this.shapeColumns = [];
    for (const k in o) {
      this.column(k, f)[f] = o[k];
      this.fields.add(k);
    }
  }

  /** The text of bytes a … b − 1 (textOf, or a slice of the ASCII string given). */
  private text(a: number, b: number): string {
    return this.ascii === null ? textOf(this.s, a, b) : this.ascii.slice(a, b);
  }

  /** The names of the properties object just read, for the next one to be compared with. */
  private setShape(names: string[]): void {
    this.shape = names;
    this.shapeBytes = names.map((k) => UTF8_ENCODER.encode(k));
    if (this.columnar) this.shapeMembers = names.map((k, n) => bytePattern(UTF8_ENCODER.encode(`${n === 0 ? '{' : ','}"${k}":`)));
  }

  /** Columnar mode: name k's column, made (undefined for the features before f) when new. */
  private column(k: string, f: number): unknown[] {
    let c = this.columns.get(k);
    if (c === undefined) {
      c = [];
      for (let j = 0; j < f; j++) c.push(undefined);
      this.columns.set(k, c);
      this.columnList.push(c);
    }
    return c;
  }

  /** Columnar mode, after feature f: its top-level `id` as properties.id when it has none (readGeoJson's merge), and undefined in every column it has no value in. */
  private endColumns(f: number, id: unknown): void {
    if (id !== undefined) {
      const c = this.column('id', f);
      if (c.length === f) {
        c.push(id);
        this.fields.add('id');
      }
    }
    const list = this.columnList;
    for (let j = 0; j < list.length; j++) if (list[j].length === f) list[j].push(undefined);
  }

  /** The object at `start` parsed by JSON.parse of its span, its names added to `fields`. */
  private parsedObject(start: number): Record<string, unknown> {
    this.pos = start;
    const o = this.parsedValue() as Record<string, unknown>;
    this.setShape([]);
    for (const k in o) this.fields.add(k);
    return o;
  }

  /** A property value: read in place when it is a number, a string without escapes, true, false or null; else JSON.parse of its span. */
  private flatValue(): unknown {
    this.ws();
    const s = this.s;
    const p = this.pos;
    const c = s[p];
    if (c === QUOTE) {
      for (let i = p + 1; i < this.end; i++) {
        const d = s[i];
        if (d === QUOTE) { this.pos = i + 1; return this.text(p + 1, i); }
        if (d === BACKSLASH || d < 0x20) break;
      }
      return this.parsedValue();
    }
    if (c === MINUS || (c >= ZERO && c <= NINE)) {
      this.numberInto(p, this.scratch, 0);
      const v = this.scratch[0];
      // A small integer (a count: households) returned as one is not boxed; any other double
      // returned from this call is a heap number. −0 stays a double (v | 0 would make it 0).
      const n = v | 0;
      return n === v && (n !== 0 || 1 / v > 0) ? n : v;
    }
    if (c === 0x74 && textAt(s, p, 'true')) { this.pos = p + 4; return true; }
    if (c === 0x66 && textAt(s, p, 'false')) { this.pos = p + 5; return false; }
    if (c === 0x6e && textAt(s, p, 'null')) { this.pos = p + 4; return null; }
    return this.parsedValue();
  }

  /** null, or a Polygon / MultiPolygon object; its polygons are appended to the flat arrays. */
  private geometry(): void {
    this.ws();
    if (this.s[this.pos] === 0x6e) { this.literal('null'); return; }
    this.expect(LBRACE);
    this.geometryMembers(0, 0, this.peekWs() !== RBRACE);
  }

  /**
   * A geometry object's members from the cursor to its closing brace, given the type (1: Point, 2: LineString,
   * 3: Polygon or MultiLineString, 4: MultiPolygon, 0: none yet) and coordinates' depth (0: none yet) read so far, and
   * whether a member follows.
   */
  private geometryMembers(type: number, depth: number, more: boolean): void {
    if (more) {
      for (;;) {
        const k = this.key();
        if (k === K_TYPE) {
          if (type) throw FAIL;
          type = this.geometryType();
        } else if (k === K_COORDINATES) {
          if (depth) throw FAIL;
          depth = this.coordinates();
        } else {
          this.parsedValue();
        }
        if (!this.comma(RBRACE)) break;
      }
    }
    this.pos++;
    if (!type || depth !== type) throw FAIL;
  }

  private geometryType(): number {
    this.ws();
    const p = this.pos;
    if (this.points) {
      if (textAt(this.s, p, '"Point"')) { this.pos = p + 7; return 1; }
    } else if (this.lines) {
      if (textAt(this.s, p, '"LineString"')) { this.pos = p + 12; return 2; }
      if (textAt(this.s, p, '"MultiLineString"')) { this.pos = p + 17; return 3; }
    } else {
      const c = this.s[p + 1];
      if (c === 0x4d && textAt(this.s, p, '"MultiPolygon"')) { this.pos = p + 14; return 4; }
      if (c === 0x50 && textAt(this.s, p, '"Polygon"')) { this.pos = p + 9; return 3; }
    }
    throw FAIL;
  }

  /** Polygon or MultiPolygon coordinates (LineString or MultiLineString), told apart by their nesting depth (3 or 4; 2 or 3), which is returned. */
  private coordinates(): number {
    this.ws();
    // Count the opening brackets before the first number.
    let i = this.pos, depth = 0;
    for (;;) {
      const c = this.s[i];
      if (c === LBRACKET) depth++;
      else if (c !== SPACE && c !== LF && c !== CR && c !== TAB) break;
      i++;
    }
    if (this.points) {
      if (depth !== 1) throw FAIL;
      this.position();
    } else if (this.lines) {
      if (depth === 2) {
        this.pos = this.ringAt(this.pos);
        this.polys.push(this.rings.n - 1);
      } else if (depth === 3) this.pos = this.polygonsAt(this.pos, false);
      else throw FAIL;
    } else if (depth === 3 || depth === 4) this.pos = this.polygonsAt(this.pos, depth === 4);
    else throw FAIL;
    return depth;
  }

  /**
   * Polygon (one polygon) or MultiPolygon (a list of them) coordinates whose opening bracket is at
   * `i`: every polygon, ring and vertex appended to the flat arrays; returns the index after the
   * closing bracket. The cursor stays in a local through the whole geometry.
   */
  private polygonsAt(i: number, multi: boolean): number {
    const s = this.s;
    if (multi) i = skipWs(s, i + 1); // past the list's bracket (counted by coordinates())
    for (;;) {
      if (s[i] !== LBRACKET) throw FAIL;
      i = skipWs(s, i + 1);
      for (;;) {
        i = skipWs(s, this.ringAt(i));
        const c = s[i];
        if (c === COMMA) { i = skipWs(s, i + 1); continue; }
        if (c !== RBRACKET) throw FAIL;
        break;
      }
      appendU32(this.polys, this.rings.n - 1);
      if (!multi) return i + 1;
      i = skipWs(s, i + 1);
      const c = s[i];
      if (c === COMMA) { i = skipWs(s, i + 1); continue; }
      if (c !== RBRACKET) throw FAIL;
      return i + 1;
    }
  }

  /**
   * The ring whose opening bracket is at `i`, [[x, y], …] with at least one position: its vertices
   * appended to xy; returns the index after its closing bracket. The hot loop of a polygon layer:
   * the cursor and the vertex count stay in locals, and each number is written straight into xy.
   * A position whose bytes are the ring's first position's (the closing vertex, as writers repeat
   * it) takes that vertex's doubles without reading the numbers again: the same text, the same doubles.
   */
  private ringAt(i: number): number {
    const s = this.s;
    if (s[i] !== LBRACKET) throw FAIL;
    let xy = this.xy, nv = this.nv;
    const v0 = nv;
    let first = 0, firstLength = 0; // the first position's bytes, [ to ]
    for (;;) {
      i = skipWs(s, i + 1);
      if (s[i] !== LBRACKET) throw FAIL;
      if (2 * nv === xy.length) {
        this.pos = i;
        this.nv = nv;
        this.growXy();
        xy = this.xy;
      }
      // The last byte before the ] first: it differs between most positions of a ring.
      const last = i + firstLength - 2;
      if (nv > v0 && s[last] === s[first + firstLength - 2] && s[last + 1] === RBRACKET && sameBytesAt(this.view, s, i, first, firstLength - 2)) {
        xy[2 * nv] = xy[2 * v0];
        xy[2 * nv + 1] = xy[2 * v0 + 1];
        i = last + 1;
      } else {
        const a = i;
        this.numberInto(skipWs(s, i + 1), xy, 2 * nv);
        i = skipWs(s, this.pos);
        if (s[i] !== COMMA) throw FAIL;
        this.numberInto(skipWs(s, i + 1), xy, 2 * nv + 1);
        i = skipWs(s, this.pos);
        if (s[i] !== RBRACKET) throw FAIL;
        if (nv === v0) { first = a; firstLength = i + 1 - a; }
      }
      nv++;
      i = skipWs(s, i + 1);
      const c = s[i];
      if (c === COMMA) continue;
      if (c !== RBRACKET) throw FAIL;
      break;
    }
    this.nv = nv;
    appendU32(this.rings, nv);
    return i + 1;
  }

  /** [x, y]: exactly two numbers, appended to xy. */
  private position(): void {
    if (this.peekWs() !== LBRACKET) throw FAIL;
    this.pos++;
    this.ws();
    const x = this.number();
    if (this.peekWs() !== COMMA) throw FAIL;
    this.pos++;
    this.ws();
    const y = this.number();
    if (this.peekWs() !== RBRACKET) throw FAIL;
    this.pos++;
    this.vertex(x, y);
  }

  private vertex(x: number, y: number): void {
    if (2 * this.nv === this.xy.length) this.growXy();
    this.xy[2 * this.nv] = x;
    this.xy[2 * this.nv + 1] = y;
    this.nv++;
  }

  /**
   * Room for more vertices: to the count the text read so far predicts for the whole text (plus a
   * tenth), so a large layer is copied once or twice instead of at every doubling; at least double,
   * at most what the rest of the text could hold (a vertex takes at least 6 bytes: [0,0],).
   */
  private growXy(): void {
    const n = this.xy.length;
    const at = this.base + this.pos;
    const predicted = Math.ceil((1.1 * n * this.size) / Math.max(at, 1));
    const most = n + 2 * Math.ceil((this.size - at) / 6) + 2;
    const len = Math.max(2 * n, Math.min(predicted, most));
    const b = bulkFloat64(len + (len & 1)); // whole x, y pairs (bulkArrays.ts: no full collection for a city's columns)
    b.set(this.xy);
    this.xy = b;
    // A residential layer (columnar): the offsets' counts grow with the text as the vertices do,
    // so they get room for the same prediction instead of a copy at every doubling (and usedU32
    // can keep them as they are). The other scans (facilities, roads) keep their doubling.
    if (!this.columnar) return;
    const scale = predicted / n;
    reserveU32(this.geom, Math.ceil(this.geom.n * scale));
    reserveU32(this.polys, Math.ceil(this.polys.n * scale));
    reserveU32(this.rings, Math.ceil(this.rings.n * scale));
  }

  /**
   * g's values. A residential layer (columnar): a view of its array when at least three quarters
   * of it are used (the offsets are a few MB at most, so the room kept costs less than a copy's
   * page faults). Otherwise a copy.
   */
  private usedU32(g: GrowU32): Uint32Array {
    return this.columnar && 4 * g.n >= 3 * g.a.length ? g.a.subarray(0, g.n) : g.trimmed();
  }

  /**
   * The JSON number at `i` written to out[at] (a double stored in a typed array is not boxed, as a
   * returned one is when this is not inlined), the cursor after it. Read at once when it has the
   * common shape of a coordinate or a count: a non-zero integer part of at most 15 digits, maybe a
   * fraction, at most 19 significant digits, no exponent; then the same decisions as number() (up to
   * 15 digits, or 16 below 2^53: Clinger's fast path; else nearestQuotientInto), so the same correctly
   * rounded double JSON.parse gives. Any other shape goes to number().
   */
  private numberInto(i: number, out: Float64Array, at: number): void {
    const s = this.s;
    const start = i;
    let c = s[i];
    const neg = c === MINUS;
    if (neg) c = s[++i];
    let d = c - ZERO;
    if (d < 1 || d > 9) { out[at] = this.numberFrom(start); return; }
    // m: the first 15 significant digits; tail: the next up to 4.
    let m = d;
    const a = i;
    for (;;) {
      d = s[++i] - ZERO;
      if (!(d >= 0 && d <= 9)) break;
      if (i - a === 15) { out[at] = this.numberFrom(start); return; }
      m = m * 10 + d;
    }
    const intDigits = i - a;
    if (d !== DOT - ZERO) {
      if (d === LOWER_E - ZERO || d === UPPER_E - ZERO) { out[at] = this.numberFrom(start); return; }
      this.pos = i;
      out[at] = neg ? -m : m;
      return;
    }
    const f = i + 1; // the fraction's first digit
    const mEnd = f + 15 - intDigits; // where m is full
    i = f;
    for (;;) {
      d = s[i] - ZERO;
      if (!(d >= 0 && d <= 9) || i === mEnd) break;
      m = m * 10 + d;
      i++;
    }
    let tail = 0;
    const b = i;
    if (d >= 0 && d <= 9) {
      do {
        tail = tail * 10 + d;
        d = s[++i] - ZERO;
      } while (d >= 0 && d <= 9 && i - b < 4);
      if (d >= 0 && d <= 9) { out[at] = this.numberFrom(start); return; } // more than 19 digits
    }
    if (i === f || d === LOWER_E - ZERO || d === UPPER_E - ZERO) { out[at] = this.numberFrom(start); return; }
    this.pos = i;
    const t = i - b, k = i - f; // tail digits; fraction digits (the value is digits / 10^k)
    let v: number;
    if (t === 0) v = m / POW10[k]; // at most 15 digits, k ≤ 14
    else {
      const M = m * 10 + tail;
      if (t === 1 && M < 9007199254740992) v = M / POW10[k]; // 16 digits below 2^53 (as in number())
      else {
        // nearestQuotientInto's expressions written out here: most coordinates (17 digits) come this
        // way, and a call per coordinate that the inlining budget leaves out costs more than its arithmetic.
        const P = POW10[t];
        let a = SPLITTER * m;
        const mh = a - (a - m), ml = m - mh;
        const x1 = mh * P, x2 = ml * P + tail;
        const Mh = x1 + x2;
        const Ml = x2 - (Mh - x1);
        const D = POW10[k];
        const q = Mh / D;
        const th = q * D;
        a = SPLITTER * q;
        const qh = a - (a - q), ql = q - qh;
        const Dh = POW10_HI[k], Dl = POW10_LO[k];
        const tl = ((qh * Dh - th) + qh * Dl + ql * Dh) + ql * Dl;
        const R = ((Mh - th) + Ml) - tl;
        const r = R * INV_POW10[k];
        const below = q + r * WIDEN_DOWN;
        // Undecided: Number() of the text, whose sign is its own.
        if (below !== q + r * WIDEN_UP) { out[at] = Number(this.text(start, i)); return; }
        v = below;
      }
    }
    out[at] = neg ? -v : v;
  }

  /** number() from `i`. */
  private numberFrom(i: number): number {
    this.pos = i;
    return this.number();
  }

  /**
   * A JSON number, the same double JSON.parse gives. Up to 15 significant digits and a decimal
   * exponent within ±22 (or 16 digits below 2^53), the integer mantissa and the power of ten are
   * both exact doubles, so one multiplication or division rounds correctly (Clinger's fast path).
   * With 16–19 digits and 1–20 decimals (coordinates as JSON.stringify writes them),
   * nearestQuotientInto decides the rounding exactly. Otherwise Number() of the validated text.
   */
  private number(): number {
    const s = this.s;
    let i = this.pos;
    const start = i;
    let c = s[i];
    const neg = c === MINUS;
    if (neg) c = s[++i];
    // m: the first 15 significant digits; tail: the next up to 4 (tailDigits of them); digits: all;
    // the value is (m · 10^tailDigits + tail) · 10^exp, give or take the digits beyond 19.
    let m = 0, tail = 0, tailDigits = 0, digits = 0, exp = 0;
    if (c === ZERO) {
      c = s[++i];
      if (c >= ZERO && c <= NINE) throw FAIL; // leading zero
    } else if (c > ZERO && c <= NINE) {
      const a = i;
      do { m = m * 10 + (c - ZERO); c = s[++i]; } while (c >= ZERO && c <= NINE && i - a < 15);
      if (c >= ZERO && c <= NINE) {
        // More than 15 integer digits: up to 4 into tail, and each one beyond raises the exponent.
        const b = i;
        do { tail = tail * 10 + (c - ZERO); c = s[++i]; } while (c >= ZERO && c <= NINE && i - b < 4);
        tailDigits = i - b;
        while (c >= ZERO && c <= NINE) c = s[++i];
        exp = i - b - tailDigits;
      }
      digits = i - a;
    } else throw FAIL;
    if (c === DOT) {
      c = s[++i];
      if (!(c >= ZERO && c <= NINE)) throw FAIL;
      // Zeros before the first significant digit only move the exponent.
      if (digits === 0) while (c === ZERO) { exp--; c = s[++i]; }
      const a = i;
      if (digits < 15) {
        const room = 15 - digits;
        while (c >= ZERO && c <= NINE && i - a < room) { m = m * 10 + (c - ZERO); c = s[++i]; }
        exp -= i - a;
      }
      if (c >= ZERO && c <= NINE && tailDigits < 4) {
        const b = i, room = 4 - tailDigits;
        do { tail = tail * 10 + (c - ZERO); c = s[++i]; } while (c >= ZERO && c <= NINE && i - b < room);
        tailDigits += i - b;
        exp -= i - b;
      }
      while (c >= ZERO && c <= NINE) c = s[++i]; // beyond 19 digits: not kept
      digits += i - a;
    }
    if (c === LOWER_E || c === UPPER_E) {
      c = s[++i];
      const eneg = c === MINUS;
      if (eneg || c === PLUS) c = s[++i];
      if (!(c >= ZERO && c <= NINE)) throw FAIL;
      let e = 0;
      do { if (e < 100000) e = e * 10 + (c - ZERO); c = s[++i]; } while (c >= ZERO && c <= NINE);
      exp += eneg ? -e : e;
    }
    this.pos = i;
    if (digits <= 15 && exp >= -22 && exp <= 22) {
      const v = exp < 0 ? m / POW10[-exp] : m * POW10[exp];
      return neg ? -v : v;
    }
    if (digits === 16 && exp >= -22 && exp <= 22) {
      // Still Clinger's fast path when the 16-digit mantissa is below 2^53 (an exact double). m * 10
      // is exact (even and below 2^54), so the sum is below 2^53 exactly when the mantissa is: a
      // mantissa of 2^53 + 1 sums to 2^53 (rounded to even), hence the strict comparison.
      const M = m * 10 + tail;
      if (M < 9007199254740992) {
        const v = exp < 0 ? M / POW10[-exp] : M * POW10[exp];
        return neg ? -v : v;
      }
    }
    if (digits <= 19 && exp < 0 && exp >= -20 && nearestQuotientInto(m, tail, tailDigits, -exp, neg, this.scratch, 0)) return this.scratch[0];
    return Number(this.text(start, i));
  }

  /** The closing quote's index of the string whose text starts at `a`, or −1 when it has an escape or a control character, or no end. */
  private plainStringEnd(a: number): number {
    const s = this.s;
    for (let i = a; ; i++) {
      const c = s[i];
      if (c === QUOTE) return i;
      if (c === BACKSLASH || c < 0x20 || i >= this.end) return -1;
    }
  }

  /** An object key without escapes (the scan fails otherwise), through its colon: its KEYS code or K_OTHER. */
  private key(): number {
    const s = this.s;
    let i = skipWs(s, this.pos);
    if (s[i] !== QUOTE) throw FAIL;
    const a = i + 1;
    // The one name the first letter allows (c: crs or coordinates, by the second), compared in
    // place with its closing quote; any other name is only scanned to its end.
    let k: number;
    switch (s[a]) {
      case 0x74: k = K_TYPE; break;
      case 0x66: k = K_FEATURES; break;
      case 0x67: k = K_GEOMETRY; break;
      case 0x70: k = K_PROPERTIES; break;
      case 0x69: k = K_ID; break;
      case 0x63: k = s[a + 1] === 0x72 ? K_CRS : K_COORDINATES; break;
      default: k = K_OTHER;
    }
    let e: number;
    if (k !== K_OTHER && textAt(s, a, KEYS[k]) && s[a + KEYS[k].length] === QUOTE) e = a + KEYS[k].length;
    else {
      k = K_OTHER;
      e = this.plainStringEnd(a);
      if (e < 0) throw FAIL;
    }
    i = skipWs(s, e + 1);
    if (s[i] !== COLON) throw FAIL;
    this.pos = i + 1;
    return k;
  }

  /** A string value that must be exactly `w` (no escapes). */
  private word(w: string): void {
    this.ws();
    const s = this.s;
    const p = this.pos;
    if (s[p] !== QUOTE || !textAt(s, p + 1, w) || s[p + 1 + w.length] !== QUOTE) throw FAIL;
    this.pos = p + w.length + 2;
  }

  private literal(w: string): void {
    if (!textAt(this.s, this.pos, w)) throw FAIL;
    this.pos += w.length;
  }

  /** Any JSON value, parsed (and so validated) by JSON.parse of its span. */
  private parsedValue(): unknown {
    this.ws();
    const a = this.pos;
    const text = this.text(a, this.valueEnd());
    try {
      return JSON.parse(text);
    } catch {
      throw FAIL;
    }
  }

  /**
   * The end of the JSON value at the cursor (after whitespace), found by bracket and string
   * matching only; the cursor moves there. The span still needs JSON.parse to be known valid.
   */
  private valueEnd(): number {
    this.ws();
    const s = this.s;
    const a = this.pos;
    let i = a, depth = 0;
    for (; i < this.end; i++) {
      const c = s[i];
      if (c === QUOTE) {
        for (i++; ; i++) {
          if (i >= this.end) throw FAIL;
          const d = s[i];
          if (d === QUOTE) break;
          if (d === BACKSLASH) i++;
        }
        if (depth === 0) { i++; break; }
      } else if (c === LBRACE || c === LBRACKET) depth++;
      else if (c === RBRACE || c === RBRACKET) {
        if (depth === 0) break; // the end of a scalar, at its container's close
        if (--depth === 0) { i++; break; }
      } else if (depth === 0 && (c === COMMA || c === SPACE || c === LF || c === CR || c === TAB)) break;
    }
    if (i === a) throw FAIL;
    this.pos = i;
    return i;
  }

  /** After a member or element: true at a comma (consumed), false at `close` (left in place). */
  private comma(close: number): boolean {
    this.ws();
    const c = this.s[this.pos];
    if (c === COMMA) { this.pos++; return true; }
    if (c === close) return false;
    throw FAIL;
  }

  private peekWs(): number {
    this.ws();
    return this.s[this.pos];
  }

  private expect(c: number): void {
    if (this.s[this.pos] !== c) throw FAIL;
    this.pos++;
  }

  private ws(): void {
    const s = this.s;
    let i = this.pos;
    let c = s[i];
    if (c > SPACE) return; // the common case: no whitespace (every JSON whitespace is at most a space)
    while (c === SPACE || c === LF || c === CR || c === TAB) c = s[++i];
    this.pos = i;
  }
}

/**
 * GrowU32.push with its common case written here (room left): a call per feature, polygon and ring
 * that the inlining budget leaves out costs more than the store.
 */
function appendU32(g: GrowU32, v: number): void {
  if (g.n < g.a.length) g.a[g.n++] = v;
  else g.push(v);
}

/** Room for `capacity` values in g (its values kept), when it has less. */
function reserveU32(g: GrowU32, capacity: number): void {
  if (capacity <= g.a.length) return;
  const b = bulkUint32(capacity);
  b.set(g.a.subarray(0, g.n));
  g.a = b;
}

/** Whether the ASCII text `w` is in `s` at `i`. */
function textAt(s: Uint8Array, i: number, w: string): boolean {
  for (let j = 0; j < w.length; j++) if (s[i + j] !== w.charCodeAt(j)) return false;
  return true;
}

/** Whether the bytes `w` are in `s` at `i`. */
function bytesAt(s: Uint8Array, i: number, w: Uint8Array): boolean {
  for (let j = 0; j < w.length; j++) if (s[i + j] !== w[j]) return false;
  return true;
}

/**
 * The text of the bytes a … b − 1: what decoding the whole file gives there, since a span the
 * scanner takes is bounded by ASCII bytes (a quote, a bracket, a digit), which UTF-8 decoding never
 * folds into a neighbouring sequence, valid or not. ASCII spans of up to 12 bytes (names, ids,
 * numbers) are made by one String.fromCharCode call, without a decoder call or partial strings.
 */
function textOf(s: Uint8Array, a: number, b: number): string {
  if (b - a > 12) return UTF8_DECODER.decode(s.subarray(a, b));
  let high = 0;
  for (let i = a; i < b; i++) high |= s[i];
  if (high >= 0x80) return UTF8_DECODER.decode(s.subarray(a, b));
  const c = String.fromCharCode;
  switch (b - a) {
    case 0: return '';
    case 1: return c(s[a]);
    case 2: return c(s[a], s[a + 1]);
    case 3: return c(s[a], s[a + 1], s[a + 2]);
    case 4: return c(s[a], s[a + 1], s[a + 2], s[a + 3]);
    case 5: return c(s[a], s[a + 1], s[a + 2], s[a + 3], s[a + 4]);
    case 6: return c(s[a], s[a + 1], s[a + 2], s[a + 3], s[a + 4], s[a + 5]);
    case 7: return c(s[a], s[a + 1], s[a + 2], s[a + 3], s[a + 4], s[a + 5], s[a + 6]);
    case 8: return c(s[a], s[a + 1], s[a + 2], s[a + 3], s[a + 4], s[a + 5], s[a + 6], s[a + 7]);
    case 9: return c(s[a], s[a + 1], s[a + 2], s[a + 3], s[a + 4], s[a + 5], s[a + 6], s[a + 7], s[a + 8]);
    case 10: return c(s[a], s[a + 1], s[a + 2], s[a + 3], s[a + 4], s[a + 5], s[a + 6], s[a + 7], s[a + 8], s[a + 9]);
    case 11: return c(s[a], s[a + 1], s[a + 2], s[a + 3], s[a + 4], s[a + 5], s[a + 6], s[a + 7], s[a + 8], s[a + 9], s[a + 10]);
    default: return c(s[a], s[a + 1], s[a + 2], s[a + 3], s[a + 4], s[a + 5], s[a + 6], s[a + 7], s[a + 8], s[a + 9], s[a + 10], s[a + 11]);
  }
}

/** The index of the first non-whitespace character at or after `i`. */
function skipWs(s: Uint8Array, i: number): number {
  let c = s[i];
  if (c > SPACE) return i; // the common case: no whitespace (every JSON whitespace is at most a space)
  while (c === SPACE || c === LF || c === CR || c === TAB) c = s[++i];
  return i;
}

/** The legacy "crs" member's properties.name as readGeoJson reads it; anything unusual fails. */
function crsNameOf(crs: unknown): string | undefined {
  if (crs === null) return undefined;
  if (typeof crs !== 'object' || Array.isArray(crs)) throw FAIL;
  const props = (crs as { properties?: unknown }).properties;
  if (props === undefined || props === null) return undefined;
  if (typeof props !== 'object' || Array.isArray(props)) throw FAIL;
  const name = (props as { name?: unknown }).name;
  if (name === undefined || name === null || name === '') return undefined;
  if (typeof name !== 'string') throw FAIL;
  return name;
}

/**
 * Writes to out[at] the double nearest (m · 10^t + tail) / 10^k (ties to even), negated when
 * `neg`, for 10^14 ≤ m < 10^15, tail < 10^t, t ≤ 4, 1 ≤ k ≤ 20; false (nothing written) when it
 * cannot decide (the caller then uses Number()). The result goes to a typed array, not back as a
 * return value: a double returned from a call that is not inlined is boxed, a heap number for
 * every coordinate of a layer.
 *
 * M = m · 10^t + tail (< 10^19) is held exactly as Mh + Ml: m · 10^t is mh · 10^t + ml · 10^t with
 * m = mh + ml split into 26-bit halves (each product exact: 10^t has at most 14 bits), then Fast2Sum.
 * The candidate q = fl(Mh / D), D = 10^k, is within an ulp of the answer. The residual
 * R = M − q·D is computed exactly: q·D = th + tl exactly (TwoProduct, D's halves from a table),
 * Mh − th is exact (Sterbenz: th and Mh agree to an ulp), and every partial sum is a multiple of
 * G = min(1, ulp(q) · 2^k) no larger than a few ulp(M), which is below 2^53 · G as long as
 * 5^k · 8 < 2^53 (k ≤ 20). So M / D = q + R / D exactly, and r = fl(R · fl(1 / D)) is within a
 * relative 2^-52 of R / D (two roundings): the true value lies strictly between q + r·(1 − 2^-50) and q + r·(1 + 2^-50)
 * (each product rounded, still on its side). Rounding to nearest-even is monotone, so when the two
 * sums round to the same double, that double is the correctly rounded M / D. They differ only
 * when M / D is within about 2^-50 · |r| of a rounding boundary (an exact tie among them).
 */
function nearestQuotientInto(m: number, tail: number, t: number, k: number, neg: boolean, out: Float64Array, at: number): boolean {
  const P = POW10[t];
  let a = SPLITTER * m;
  const mh = a - (a - m), ml = m - mh;
  const x1 = mh * P, x2 = ml * P + tail;
  const Mh = x1 + x2;
  const Ml = x2 - (Mh - x1);
  const D = POW10[k];
  const q = Mh / D;
  const th = q * D;
  a = SPLITTER * q;
  const qh = a - (a - q), ql = q - qh;
  const Dh = POW10_HI[k], Dl = POW10_LO[k];
  const tl = ((qh * Dh - th) + qh * Dl + ql * Dh) + ql * Dl;
  const R = ((Mh - th) + Ml) - tl;
  const r = R * INV_POW10[k];
  const below = q + r * WIDEN_DOWN, above = q + r * WIDEN_UP;
  if (below !== above) return false;
  out[at] = neg ? -below : below;
  return true;
}

