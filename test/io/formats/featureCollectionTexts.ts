// Seeded random GeoJSON FeatureCollection texts for the flat scanners' tests: random key orders and
// whitespace, holes, null geometries, ids, nested and escaped properties, Chinese names, and numbers
// in every JSON form (written as given, so the texts hold forms JSON.stringify never writes).

// ---- a seeded generator of FeatureCollection texts -------------------------------------------

import { mulberry32 } from '../../../bench/lib/random';

/** A number written as text exactly as given (for coordinates in every JSON form). */
export class Raw { constructor(readonly text: string) {} }

export function generator(seed: number, kind: 'polygons' | 'points' = 'polygons') {
  const rnd = mulberry32(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const WS = ['', '', '', ' ', '\n', '\t', '\r\n', '  ', '\n    '];
  const ws = () => pick(WS);
  const digits = (n: number, firstNonZero: boolean) => {
    let s = '';
    for (let i = 0; i < n; i++) s += String(i === 0 && firstNonZero ? 1 + int(9) : int(10));
    return s;
  };
  /** A JSON number text in one of many forms. */
  const numberText = (): string => {
    const sign = rnd() < 0.3 ? '-' : '';
    switch (int(12)) {
      case 0: return String((rnd() - 0.5) * 360); // shortest round trip, often 16–17 digits
      case 1: return (rnd() * 1e6 - 5e5).toExponential(int(20));
      case 2: return pick(['0', '-0', '-0.0', '0.0', '-0e5', '0E-3', '-0.000e+12']);
      case 3: return sign + String(int(1_000_000));
      case 4: return sign + String(2 ** 53 + pick([-2, -1, 0, 1, 2, 3, 5])); // near 2^53 (some not doubles)
      case 5: return sign + pick(['9007199254740993', '9007199254740992.5', '123456789012345', '1234567890123456', '999999999999999', '1000000000000000000000000']);
      case 6: {
        // Random digit strings: 1–25 significant digits, a point anywhere, an exponent often.
        const n = 1 + int(25);
        const d = digits(n, true);
        const p = int(n + 1);
        const mant = p === 0 ? `0.${'0'.repeat(int(8))}${d}` : p === n ? d : `${d.slice(0, p)}.${d.slice(p)}`;
        const e = rnd() < 0.5 ? '' : `${pick(['e', 'E'])}${pick(['', '+', '-'])}${int(30)}`;
        return sign + mant + e;
      }
      case 7: {
        // Around the fast path's limits: 14–16 significant digits, decimal exponents 20–24.
        const n = 14 + int(3);
        const d = digits(n, true);
        return `${sign}${d}e${pick(['-', ''])}${n - 1 + 20 + int(5) - (rnd() < 0.5 ? n - 1 : 0)}`;
      }
      case 8: return sign + pick(['1e-7', '5e-324', '2.2250738585072014e-308', '1.7976931348623157e308', '1e-400', '4.9406564584124654e-324', '0.1', '0.30000000000000004']);
      case 9: return sign + (113 + rnd()).toPrecision(1 + int(21)); // trailing zeros too
      case 10: return `${sign}${int(200)}.${digits(1 + int(17), false)}`;
      default: return String(Math.fround(rnd() * 100));
    }
  };
  const ring = (): Raw[][] => Array.from({ length: 1 + int(6) }, () => [new Raw(numberText()), new Raw(numberText())]);
  const polygon = () => Array.from({ length: 1 + int(3) }, ring);
  const STRINGS = ['幸福小区', 'a "quoted" \\ back\\slash', 'tab\tnew\nline', '\u0000\u001f ctrl', 'emoji 🏠', '', '\ud800 lone', 'é', '1栋-2单元'];
  const value = (depth: number): unknown => {
    switch (int(depth > 1 ? 5 : 8)) {
      case 0: return pick(STRINGS);
      case 1: return rnd() < 0.5 ? int(1000) : new Raw(numberText());
      case 2: return pick([true, false, null]);
      case 3: return new Raw('-0');
      case 4: return String(int(100));
      case 5: return Array.from({ length: int(3) }, () => value(depth + 1));
      default: return Object.fromEntries(Array.from({ length: int(3) }, () => [pick(['k', '名称', 'a"b', 'x y']), value(depth + 1)]));
    }
  };
  const KEYS = ['name', 'households', '名称', 'id', 'kind', 'nested', 'a\\b', 'area'];
  const properties = () => {
    const o: Record<string, unknown> = {};
    for (let i = int(5); i > 0; i--) o[pick(KEYS)] = value(0);
    return o;
  };
  const feature = (): Record<string, unknown> => {
    const f: Record<string, unknown> = { type: 'Feature' };
    if (kind === 'points' && rnd() < 0.05) return { type: 'Feature', properties: properties() }; // no geometry member
    const r = rnd();
    if (kind === 'points') f.geometry = r < 0.1 ? null : { type: 'Point', coordinates: [new Raw(numberText()), new Raw(numberText())] };
    else {
      f.geometry = r < 0.1 ? null
        : r < 0.5 ? { type: 'Polygon', coordinates: polygon() }
          : { type: 'MultiPolygon', coordinates: Array.from({ length: 1 + int(3) }, polygon) };
    }
    if (f.geometry && rnd() < 0.2) (f.geometry as Record<string, unknown>).bbox = [1, 2, 3, 4];
    if (rnd() < 0.9) f.properties = rnd() < 0.1 ? null : properties();
    if (rnd() < 0.4) f.id = rnd() < 0.5 ? `F-${int(1000)}` : rnd() < 0.5 ? int(1000) : new Raw(numberText());
    if (rnd() < 0.1) f.bbox = [0, 0, 1, 1];
    return f;
  };
  const shuffle = <T>(xs: T[]): T[] => {
    for (let i = xs.length - 1; i > 0; i--) { const j = int(i + 1); [xs[i], xs[j]] = [xs[j], xs[i]]; }
    return xs;
  };
  /** JSON text with shuffled keys and random whitespace between tokens. */
  const write = (v: unknown): string => {
    if (v instanceof Raw) return v.text;
    if (Array.isArray(v)) return `[${ws()}${v.map((x) => write(x)).join(`${ws()},${ws()}`)}${ws()}]`;
    if (v && typeof v === 'object') {
      const entries = shuffle(Object.entries(v));
      return `{${ws()}${entries.map(([k, x]) => `${JSON.stringify(k)}${ws()}:${ws()}${write(x)}`).join(`${ws()},${ws()}`)}${ws()}}`;
    }
    return JSON.stringify(v);
  };
  const collection = (): string => {
    const fc: Record<string, unknown> = { type: 'FeatureCollection', features: Array.from({ length: int(25) }, feature) };
    if (rnd() < 0.3) fc.name = pick(['residential', '住宅 "楼"']);
    if (rnd() < 0.3) fc.crs = { type: 'name', properties: { name: pick(['urn:ogc:def:crs:EPSG::4547', 'EPSG:4490']) } };
    if (rnd() < 0.2) fc.bbox = [113, 22, 115, 23];
    return `${ws()}${write(fc)}${ws()}`;
  };
  return { collection };
}
