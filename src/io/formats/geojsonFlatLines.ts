// A single-pass scanner that reads a GeoJSON FeatureCollection of LineString / MultiLineString
// features (a road network) straight into flat typed arrays: no object per feature geometry, no
// array per vertex (a city's street network is tens of MB of JSON; JSON.parse of it makes an [x, y]
// array and two heap numbers per vertex, which the graph builder only reads once).
//
// Conservative, like the polygon scanner (geojsonFlatPolygons.ts): anything it does not fully read
// gives null and the caller uses the general reader, which reports problems as it always has: not
// a FeatureCollection, a null or other geometry, a line of fewer than two positions, an empty
// MultiLineString, positions other than exactly two numbers, duplicate structural keys, escapes in
// structural strings, invalid JSON. What it accepts it reads to the same result as JSON.parse
// followed by readGeoJson: every coordinate is the double JSON.parse gives (bit for bit), each
// feature's properties are what JSON.parse makes of its own properties text (flat ones read in
// place), and a feature's `id` is merged into its properties and `fields` as readGeoJson merges it.
import { GrowU32 } from './flatPolygons';

export interface FlatLineLayer {
  /** Number of features. */
  length: number;
  /** Feature f's lines are featureLines[f] … featureLines[f + 1] − 1 (one for a LineString). Length `length + 1`. */
  featureLines: Uint32Array;
  /** Line l's vertices are lineOffsets[l] … lineOffsets[l + 1] − 1 (at least two). */
  lineOffsets: Uint32Array;
  /** x, y of every vertex as in the file, interleaved (vertex v at 2v, 2v + 1). */
  xy: Float64Array;
  /** Each feature's properties; a feature's top-level `id` is merged in as properties.id when absent, as readGeoJson does. */
  properties: Record<string, unknown>[];
  /** Property names in first-seen order (readGeoJson's `fields`). */
  fields: string[];
  /** The legacy GeoJSON "crs" member's name, when the file has one. */
  crsName?: string;
}

/** Thrown inside the scanner when the text is outside what it reads; turned into null. */
const FAIL = new Error('not a FeatureCollection the flat line scanner reads');

/** 10^0 … 10^22: exactly representable doubles. */
const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

const SPACE = 0x20, TAB = 0x09, LF = 0x0a, CR = 0x0d;
const QUOTE = 0x22, BACKSLASH = 0x5c, COMMA = 0x2c, COLON = 0x3a;
const LBRACKET = 0x5b, RBRACKET = 0x5d, LBRACE = 0x7b, RBRACE = 0x7d;
const MINUS = 0x2d, PLUS = 0x2b, DOT = 0x2e, ZERO = 0x30, NINE = 0x39, LOWER_E = 0x65, UPPER_E = 0x45;

/**
 * Reads a GeoJSON text (BOM already stripped) holding a FeatureCollection of LineString and
 * MultiLineString features into flat arrays; null for anything else.
 */
export function scanGeoJsonLines(text: string): FlatLineLayer | null {
  try {
    return new LineScanner(text).collection();
  } catch (e) {
    if (e === FAIL) return null;
    throw e;
  }
}

class LineScanner {
  private pos = 0;
  private readonly s: string;
  private readonly end: number;
  private readonly featureLines = new GrowU32(1024);
  private readonly lines = new GrowU32(1024);
  private xy = new Float64Array(1 << 14);
  private nv = 0;
  private readonly properties: Record<string, unknown>[] = [];
  private readonly fields = new Set<string>();

  constructor(text: string) {
    this.s = text;
    this.end = text.length;
    this.featureLines.push(0);
    this.lines.push(0);
  }

  collection(): FlatLineLayer {
    this.ws();
    this.expect(LBRACE);
    let sawType = false, sawFeatures = false, sawCrs = false;
    let crsName: string | undefined;
    if (this.peekWs() !== RBRACE) {
      for (;;) {
        const k = this.key();
        if (k === 'type') {
          if (sawType) throw FAIL;
          sawType = true;
          if (this.parsedValue() !== 'FeatureCollection') throw FAIL;
        } else if (k === 'features') {
          if (sawFeatures) throw FAIL;
          sawFeatures = true;
          this.features();
        } else if (k === 'crs') {
          if (sawCrs) throw FAIL;
          sawCrs = true;
          crsName = crsNameOf(this.parsedValue());
        } else this.parsedValue();
        if (!this.comma(RBRACE)) break;
      }
    }
    this.pos++;
    this.ws();
    if (this.pos !== this.end || !sawType || !sawFeatures) throw FAIL;
    const layer: FlatLineLayer = {
      length: this.properties.length,
      featureLines: this.featureLines.trimmed(),
      lineOffsets: this.lines.trimmed(),
      xy: this.xy.slice(0, 2 * this.nv),
      properties: this.properties,
      fields: [...this.fields],
    };
    if (crsName !== undefined) layer.crsName = crsName;
    return layer;
  }

  private features(): void {
    this.ws();
    this.expect(LBRACKET);
    if (this.peekWs() === RBRACKET) { this.pos++; return; }
    do this.feature(); while (this.comma(RBRACKET));
    this.pos++;
  }

  private feature(): void {
    this.ws();
    this.expect(LBRACE);
    let sawType = false, sawId = false, sawGeom = false, sawProps = false;
    let props: Record<string, unknown> | null = null;
    let id: unknown;
    if (this.peekWs() !== RBRACE) {
      for (;;) {
        const k = this.key();
        if (k === 'type') {
          if (sawType) throw FAIL;
          sawType = true;
          this.word('Feature');
        } else if (k === 'geometry') {
          if (sawGeom) throw FAIL;
          sawGeom = true;
          this.geometry();
        } else if (k === 'properties') {
          if (sawProps) throw FAIL;
          sawProps = true;
          props = this.propertiesValue();
        } else if (k === 'id') {
          if (sawId) throw FAIL;
          sawId = true;
          id = this.parsedValue();
        } else this.parsedValue();
        if (!this.comma(RBRACE)) break;
      }
    }
    this.pos++;
    // A feature without a line (no geometry member) is the general reader's to report.
    if (!sawType || !sawGeom) throw FAIL;
    if (props === null) props = {};
    for (const k of Object.keys(props)) this.fields.add(k);
    if (id !== undefined && props.id === undefined) {
      props = { id, ...props };
      this.fields.add('id');
    }
    this.properties.push(props);
    this.featureLines.push(this.lines.n - 1);
  }

  /**
   * A feature's properties value: null, or the object JSON.parse makes of it. An object whose
   * names have no escapes (and none is `__proto__`, which an assignment would not make an own
   * property) and whose values are strings without escapes, true, false or null is read in place;
   * any other object (a number, a nested value, an escape) is JSON.parse of its span. Anything but
   * an object or null fails the scan.
   */
  private propertiesValue(): Record<string, unknown> | null {
    this.ws();
    const s = this.s;
    const start = this.pos;
    const c0 = s.charCodeAt(start);
    if (c0 === 0x6e && s.startsWith('null', start)) { this.pos = start + 4; return null; }
    if (c0 !== LBRACE) throw FAIL;
    const o: Record<string, unknown> = {};
    let i = skipWs(s, start + 1);
    if (s.charCodeAt(i) !== RBRACE) {
      for (;;) {
        if (s.charCodeAt(i) !== QUOTE) throw FAIL;
        const e = this.plainStringEnd(i + 1);
        if (e < 0) return this.parsedObject(start);
        const k = s.slice(i + 1, e);
        if (k === '__proto__') return this.parsedObject(start);
        i = skipWs(s, e + 1);
        if (s.charCodeAt(i) !== COLON) throw FAIL;
        i = skipWs(s, i + 1);
        const c = s.charCodeAt(i);
        if (c === QUOTE) {
          const v = this.plainStringEnd(i + 1);
          if (v < 0) return this.parsedObject(start);
          o[k] = s.slice(i + 1, v); // a repeated name: the last value, as JSON.parse keeps
          i = v + 1;
        } else if (c === 0x74 && s.startsWith('true', i)) { o[k] = true; i += 4; }
        else if (c === 0x66 && s.startsWith('false', i)) { o[k] = false; i += 5; }
        else if (c === 0x6e && s.startsWith('null', i)) { o[k] = null; i += 4; }
        else return this.parsedObject(start);
        i = skipWs(s, i);
        const d = s.charCodeAt(i);
        if (d === COMMA) { i = skipWs(s, i + 1); continue; }
        if (d !== RBRACE) throw FAIL;
        break;
      }
    }
    this.pos = i + 1;
    return o;
  }

  /** The object at `start`, JSON.parse of its span. */
  private parsedObject(start: number): Record<string, unknown> {
    this.pos = start;
    const v = this.parsedValue();
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw FAIL;
    return v as Record<string, unknown>;
  }

  /** The closing quote's index of the string whose text starts at `a`, or −1 when it has an escape or a control character, or no end. */
  private plainStringEnd(a: number): number {
    const s = this.s;
    for (let i = a; i < this.end; i++) {
      const c = s.charCodeAt(i);
      if (c === QUOTE) return i;
      if (c === BACKSLASH || c < 0x20) return -1;
    }
    return -1;
  }

  /** A LineString or MultiLineString object (null and anything else fail the scan). */
  private geometry(): void {
    this.ws();
    this.expect(LBRACE);
    let type = 0, depth = 0;
    if (this.peekWs() !== RBRACE) {
      for (;;) {
        const k = this.key();
        if (k === 'type') {
          if (type) throw FAIL;
          this.ws();
          const p = this.pos;
          if (this.s.startsWith('"LineString"', p)) { this.pos = p + 12; type = 2; }
          else if (this.s.startsWith('"MultiLineString"', p)) { this.pos = p + 17; type = 3; }
          else throw FAIL;
        } else if (k === 'coordinates') {
          if (depth) throw FAIL;
          depth = this.coordinates();
        } else this.parsedValue();
        if (!this.comma(RBRACE)) break;
      }
    }
    this.pos++;
    if (!type || depth !== type) throw FAIL;
  }

  /** LineString (depth 2) or MultiLineString (depth 3) coordinates: the lines appended; returns the depth. */
  private coordinates(): number {
    this.ws();
    const s = this.s;
    let i = this.pos, depth = 0;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === LBRACKET) depth++;
      else if (c !== SPACE && c !== LF && c !== CR && c !== TAB) break;
      i++;
    }
    if (depth === 2) this.pos = this.lineAt(this.pos);
    else if (depth === 3) {
      i = skipWs(s, this.pos + 1);
      for (;;) {
        i = skipWs(s, this.lineAt(i));
        const c = s.charCodeAt(i);
        if (c === COMMA) { i = skipWs(s, i + 1); continue; }
        if (c !== RBRACKET) throw FAIL;
        break;
      }
      this.pos = i + 1;
    } else throw FAIL;
    return depth;
  }

  /** The line whose opening bracket is at `i`: at least two [x, y] positions appended; returns the index after its closing bracket. */
  private lineAt(i: number): number {
    const s = this.s;
    if (s.charCodeAt(i) !== LBRACKET) throw FAIL;
    const first = this.nv;
    for (;;) {
      i = skipWs(s, i + 1);
      if (s.charCodeAt(i) !== LBRACKET) throw FAIL;
      if (2 * this.nv === this.xy.length) {
        this.pos = i;
        this.growXy();
      }
      const xy = this.xy, at = 2 * this.nv;
      i = skipWs(s, this.numberInto(skipWs(s, i + 1), xy, at));
      if (s.charCodeAt(i) !== COMMA) throw FAIL;
      i = skipWs(s, this.numberInto(skipWs(s, i + 1), xy, at + 1));
      if (s.charCodeAt(i) !== RBRACKET) throw FAIL;
      this.nv++;
      i = skipWs(s, i + 1);
      const c = s.charCodeAt(i);
      if (c === COMMA) continue;
      if (c !== RBRACKET) throw FAIL;
      break;
    }
    if (this.nv - first < 2) throw FAIL;
    this.lines.push(this.nv);
    return i + 1;
  }

  /** Room for more vertices: to the count the text read so far predicts for the whole (plus a tenth), at least double. */
  private growXy(): void {
    const n = this.xy.length;
    const predicted = Math.ceil((1.1 * n * this.end) / Math.max(this.pos, 1));
    const most = n + 2 * Math.ceil((this.end - this.pos) / 6) + 2;
    const len = Math.max(2 * n, Math.min(predicted, most));
    const b = new Float64Array(len + (len & 1));
    b.set(this.xy);
    this.xy = b;
  }

  /**
   * The JSON number at `i` written to out[at]; returns the index after it. The text is checked
   * against JSON's number grammar. With at most 15 significant digits and no exponent the mantissa
   * and 10^k are exact doubles, so one division rounds correctly (Clinger's fast path) and gives
   * JSON.parse's double; any other number is Number() of its text (the same correctly rounded
   * value JSON.parse gives).
   */
  private numberInto(i: number, out: Float64Array, at: number): number {
    const s = this.s;
    const start = i;
    let c = s.charCodeAt(i);
    const neg = c === MINUS;
    if (neg) c = s.charCodeAt(++i);
    let m = 0, digits = 0, frac = 0;
    if (c === ZERO) {
      c = s.charCodeAt(++i);
      if (c >= ZERO && c <= NINE) throw FAIL; // a leading zero
      digits = 1;
    } else if (c > ZERO && c <= NINE) {
      do { m = m * 10 + (c - ZERO); digits++; c = s.charCodeAt(++i); } while (c >= ZERO && c <= NINE);
    } else throw FAIL;
    if (c === DOT) {
      c = s.charCodeAt(++i);
      if (!(c >= ZERO && c <= NINE)) throw FAIL;
      do { m = m * 10 + (c - ZERO); digits++; frac++; c = s.charCodeAt(++i); } while (c >= ZERO && c <= NINE);
    }
    let exponent = false;
    if (c === LOWER_E || c === UPPER_E) {
      exponent = true;
      c = s.charCodeAt(++i);
      if (c === MINUS || c === PLUS) c = s.charCodeAt(++i);
      if (!(c >= ZERO && c <= NINE)) throw FAIL;
      do c = s.charCodeAt(++i); while (c >= ZERO && c <= NINE);
    }
    // digits counts a lone leading zero too: a mantissa of at most 15 digits is below 10^15 < 2^53.
    if (!exponent && digits <= 15) {
      const v = frac === 0 ? m : m / POW10[frac];
      out[at] = neg ? -v : v;
    } else out[at] = Number(s.slice(start, i));
    return i;
  }

  /** An object key without escapes (the scan fails otherwise), through its colon. */
  private key(): string {
    const s = this.s;
    let i = skipWs(s, this.pos);
    if (s.charCodeAt(i) !== QUOTE) throw FAIL;
    const a = i + 1;
    for (i = a; ; i++) {
      if (i >= this.end) throw FAIL;
      const c = s.charCodeAt(i);
      if (c === QUOTE) break;
      if (c === BACKSLASH || c < 0x20) throw FAIL;
    }
    const k = s.slice(a, i);
    i = skipWs(s, i + 1);
    if (s.charCodeAt(i) !== COLON) throw FAIL;
    this.pos = i + 1;
    return k;
  }

  /** A string value that must be exactly `w` (no escapes). */
  private word(w: string): void {
    this.ws();
    const s = this.s;
    const p = this.pos;
    if (s.charCodeAt(p) !== QUOTE || !s.startsWith(w, p + 1) || s.charCodeAt(p + 1 + w.length) !== QUOTE) throw FAIL;
    this.pos = p + w.length + 2;
  }

  /** Any JSON value, parsed (and so validated) by JSON.parse of its span. */
  private parsedValue(): unknown {
    this.ws();
    const a = this.pos;
    const text = this.s.slice(a, this.valueEnd());
    try {
      return JSON.parse(text);
    } catch {
      throw FAIL;
    }
  }

  /** The end of the JSON value at the cursor, found by bracket and string matching only; the cursor moves there. */
  private valueEnd(): number {
    const s = this.s;
    const a = this.pos;
    let i = a, depth = 0;
    for (; i < this.end; i++) {
      const c = s.charCodeAt(i);
      if (c === QUOTE) {
        for (i++; ; i++) {
          if (i >= this.end) throw FAIL;
          const d = s.charCodeAt(i);
          if (d === QUOTE) break;
          if (d === BACKSLASH) i++;
        }
        if (depth === 0) { i++; break; }
      } else if (c === LBRACE || c === LBRACKET) depth++;
      else if (c === RBRACE || c === RBRACKET) {
        if (depth === 0) break;
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
    const c = this.s.charCodeAt(this.pos);
    if (c === COMMA) { this.pos++; return true; }
    if (c === close) return false;
    throw FAIL;
  }

  private peekWs(): number {
    this.ws();
    return this.s.charCodeAt(this.pos);
  }

  private expect(c: number): void {
    if (this.s.charCodeAt(this.pos) !== c) throw FAIL;
    this.pos++;
  }

  private ws(): void {
    this.pos = skipWs(this.s, this.pos);
  }
}

/** The index of the first non-whitespace character at or after `i`. */
function skipWs(s: string, i: number): number {
  let c = s.charCodeAt(i);
  if (c > SPACE) return i;
  while (c === SPACE || c === LF || c === CR || c === TAB) c = s.charCodeAt(++i);
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
