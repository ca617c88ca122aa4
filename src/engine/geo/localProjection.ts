// One local transverse Mercator on the WGS84 ellipsoid centred on the dataset, so that distances
// and areas are true metres (audit-cli.md: "true metres ... or an equivalent local projection").
// Scale error of a tmerc grows with the square of the distance x from the central meridian:
// k − 1 ≈ x² / (2R²) — 3e-6 at 10 km, 1.2e-5 at 22 km, 5e-5 at 45 km (areas twice that), i.e.
// negligible within a city. CGCS2000 and WGS84 ellipsoids differ by < 0.1 mm (STANDARDS.md §4).
//
// The exact mapping is proj4's `+proj=tmerc` (its "extended" transverse Mercator: Poder/Engsager,
// the Krüger series to n⁶ evaluated by Clenshaw summation, proj4/lib/projections/etmerc.js), with
// the coefficients proj4 computes for the definition, repeated step for step on plain numbers
// without proj4's per-point objects, sanity checks and datum dispatch (a WGS84 → WGS84 datum step
// is the identity): the same doubles as proj4; a non-finite input still goes through proj4 (which
// rejects it). `inverse` is that exact mapping. `forward` and `forwardTo` interpolate it within
// ±2° of the centre (gridInterpolant.ts: per-cell bicubics, |Δx|, |Δy| ≤ 1e-8 m against proj4,
// a deterministic function of the point and the centre) and are exact beyond.
import proj4 from 'proj4';
import type { Position } from '../types';
import type { XY } from '../reach/reachProvider';
import { createGridInterpolant } from './gridInterpolant';

export interface LocalProjection {
  /** Centre [lon, lat] in degrees: the origin (0, 0) of the metric plane. */
  readonly center: Position;
  /** The proj4 definition string. */
  readonly definition: string;
  /** lon/lat → metres: within 1e-8 m of proj4 (interpolated near the centre, exact beyond). */
  forward(p: Position): XY;
  /** forward without an array per point: writes x, y to out[at], out[at + 1] (the same doubles). */
  forwardTo(lon: number, lat: number, out: Float64Array, at: number): void;
  /** forwardTo for vertices v0 … v1 − 1 of a flat lon/lat array, written from out[at] on. */
  forwardMany(src: Float64Array, v0: number, v1: number, out: Float64Array, at: number): void;
  /** metres → lon/lat: proj4's doubles. */
  inverse(xy: XY): Position;
}

/** proj4's degree ↔ radian factors (proj4/lib/constants/values.js), so that results match its own. */
const D2R = 0.017453292519943295;
const R2D = 57.29577951308232;
/** proj4's bound for wrapping a longitude (slightly above π) and the full turn. */
const SPI = 3.14159265359;
const TWO_PI = Math.PI * 2;
/** Beyond this |northing-normalised easting| proj4's etmerc returns Infinity. */
const CE_MAX = 2.623395162778;

/** The fields of proj4's initialised etmerc that the mapping reads. */
interface EtmercParams {
  a: number;
  x0: number;
  y0: number;
  long0: number;
  over?: boolean;
  Qn: number;
  Zb: number;
  cbg: number[];
  cgb: number[];
  utg: number[];
  gtu: number[];
  projName?: string;
  approx?: boolean;
  to_meter?: number;
  from_greenwich?: number;
  datum_type?: number;
}

export function createLocalProjection(center: Position): LocalProjection {
  const [lon0, lat0] = center;
  if (!Number.isFinite(lon0) || !Number.isFinite(lat0) || Math.abs(lat0) > 85 || Math.abs(lon0) > 180) {
    throw new Error(`local projection: invalid centre [${lon0}, ${lat0}]`);
  }
  const definition = `+proj=tmerc +lat_0=${lat0} +lon_0=${lon0} +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs`;
  const conv = proj4('EPSG:4326', definition);
  const viaProj4 = {
    forward: (p: Position) => conv.forward([p[0], p[1]]) as XY,
    inverse: (xy: XY) => conv.inverse([xy[0], xy[1]]) as Position,
  };
  const P = new proj4.Proj(definition) as unknown as EtmercParams;
  // Only the mapping this module repeats: anything else (a proj4 version that changes it) keeps proj4.
  const repeatable = (P.projName === 'tmerc' || P.projName === 'etmerc') && !P.approx && P.cbg?.length === 6 && P.cgb?.length === 6 && P.utg?.length === 6 && P.gtu?.length === 6 &&
    (P.to_meter === undefined || P.to_meter === 1) && !P.from_greenwich && Number.isFinite(P.Qn) && Number.isFinite(P.Zb);
  const m = repeatable ? etmerc(P) : { ...viaProj4, forwardTo: (lon: number, lat: number, out: Float64Array, at: number) => { const xy = viaProj4.forward([lon, lat]); out[at] = xy[0]; out[at + 1] = xy[1]; } };
  const exactTo = (lon: number, lat: number, out: Float64Array, at: number) => {
    if (Number.isFinite(lon) && Number.isFinite(lat)) { m.forwardTo(lon, lat, out, at); return; }
    const xy = viaProj4.forward([lon, lat]);
    out[at] = xy[0]; out[at + 1] = xy[1];
  };
  const grid = createGridInterpolant([lon0, lat0], exactTo);
  const forwardTo = grid.forwardTo, forwardMany = grid.forwardMany;
  const res = new Float64Array(2), at = new Float64Array(2);
  return {
    center: [lon0, lat0],
    definition,
    // Reads only [0] and [1] of its argument (no copy of it per point). Numbers go through
    // forwardMany (the same doubles as forwardTo) from a scratch array: passed to a call as two
    // numbers, the coordinates would each be boxed into a heap number. Anything else (which a
    // typed array would convert) goes to forwardTo as it is.
    forward: (p: Position) => {
      const lon = p[0], lat = p[1];
      if (typeof lon === 'number' && typeof lat === 'number') {
        at[0] = lon; at[1] = lat;
        forwardMany(at, 0, 1, res, 0);
      } else forwardTo(lon, lat, res, 0);
      return [res[0], res[1]];
    },
    forwardTo,
    forwardMany: grid.forwardMany,
    inverse: (xy: XY) => (Number.isFinite(xy[0]) && Number.isFinite(xy[1]) ? m.inverse(xy) : viaProj4.inverse(xy)),
  };
}

/** proj4's etmerc forward and inverse (degrees ↔ metres), exact over the initialised parameters P. */
function etmerc(P: EtmercParams): { forwardTo(lon: number, lat: number, out: Float64Array, at: number): void; inverse(xy: XY): Position } {
  const { a, x0, y0, long0, Qn, Zb } = P;
  const over = !!P.over;
  const cbg = Float64Array.from(P.cbg), cgb = Float64Array.from(P.cgb), utg = Float64Array.from(P.utg), gtu = Float64Array.from(P.gtu);
  const adjustLon = (x: number) => (over || Math.abs(x) <= SPI ? x : x - Math.sign(x) * TWO_PI);
  const sinh = (x: number) => {
    const r = Math.exp(x);
    return (r - 1 / r) / 2;
  };
  const cosh = (x: number) => {
    const r = Math.exp(x);
    return (r + 1 / r) / 2;
  };
  const hypot = (x: number, y: number) => {
    x = Math.abs(x);
    y = Math.abs(y);
    const A = Math.max(x, y);
    const b = Math.min(x, y) / (A ? A : 1);
    return A * Math.sqrt(1 + Math.pow(b, 2));
  };
  const log1py = (x: number) => {
    const y = 1 + x;
    const z = y - 1;
    return z === 0 ? x : (x * Math.log(y)) / z;
  };
  const asinhy = (x: number) => {
    let y = Math.abs(x);
    y = log1py(y * (1 + y / (hypot(1, y) + 1)));
    return x < 0 ? -y : y;
  };
  // Gaussian ↔ geodetic latitude (proj4 common/gatg.js).
  const gatg = (pp: Float64Array, B: number) => {
    const cos2B = 2 * Math.cos(2 * B);
    let i = pp.length - 1;
    let h1 = pp[i];
    let h2 = 0;
    let h = 0;
    while (--i >= 0) {
      h = -h2 + cos2B * h1 + pp[i];
      h2 = h1;
      h1 = h;
    }
    return B + h * Math.sin(2 * B);
  };
  // Complex Clenshaw sum (proj4 common/clens_cmplx.js), real and imaginary parts in `out`.
  const out = new Float64Array(2);
  const clensCmplx = (pp: Float64Array, argR: number, argI: number) => {
    const sinR = Math.sin(argR);
    const cosR = Math.cos(argR);
    const sinhI = sinh(argI);
    const coshI = cosh(argI);
    let r = 2 * cosR * coshI;
    let i = -2 * sinR * sinhI;
    let j = pp.length - 1;
    let hr = pp[j];
    let hi1 = 0, hr1 = 0, hi = 0, hr2, hi2;
    while (--j >= 0) {
      hr2 = hr1;
      hi2 = hi1;
      hr1 = hr;
      hi1 = hi;
      hr = -hr2 + r * hr1 - i * hi1 + pp[j];
      hi = -hi2 + i * hr1 + r * hi1;
    }
    r = sinR * coshI;
    i = cosR * sinhI;
    out[0] = r * hr - i * hi;
    out[1] = r * hi + i * hr;
  };
  function forwardTo(lon: number, lat: number, o: Float64Array, at: number): void {
    let Ce = adjustLon(lon * D2R - long0);
    let Cn = gatg(cbg, lat * D2R);
    const sinCn = Math.sin(Cn), cosCn = Math.cos(Cn), sinCe = Math.sin(Ce), cosCe = Math.cos(Ce);
    Cn = Math.atan2(sinCn, cosCe * cosCn);
    Ce = Math.atan2(sinCe * cosCn, hypot(sinCn, cosCn * cosCe));
    Ce = asinhy(Math.tan(Ce));
    clensCmplx(gtu, 2 * Cn, 2 * Ce);
    Cn = Cn + out[0];
    Ce = Ce + out[1];
    if (Math.abs(Ce) <= CE_MAX) {
      o[at] = a * (Qn * Ce) + x0;
      o[at + 1] = a * (Qn * Cn + Zb) + y0;
    } else {
      o[at] = Infinity;
      o[at + 1] = Infinity;
    }
  }
  return {
    forwardTo,
    inverse(xy: XY): Position {
      let Ce = (xy[0] - x0) * (1 / a);
      let Cn = (xy[1] - y0) * (1 / a);
      Cn = (Cn - Zb) / Qn;
      Ce = Ce / Qn;
      if (!(Math.abs(Ce) <= CE_MAX)) return [Infinity, Infinity];
      clensCmplx(utg, 2 * Cn, 2 * Ce);
      Cn = Cn + out[0];
      Ce = Ce + out[1];
      Ce = Math.atan(sinh(Ce));
      const sinCn = Math.sin(Cn), cosCn = Math.cos(Cn), sinCe = Math.sin(Ce), cosCe = Math.cos(Ce);
      Cn = Math.atan2(sinCn * cosCe, hypot(sinCe, cosCe * cosCn));
      Ce = Math.atan2(sinCe, cosCe * cosCn);
      return [adjustLon(Ce + long0) * R2D, gatg(cgb, Cn) * R2D];
    },
  };
}

/** Centre of the lon/lat bounding box of the given positions (fallback [0, 0] when empty). */
export function centerOf(positions: Iterable<Position>): Position {
  const box = lonLatBox();
  for (const p of positions) extendLonLatBox(box, p);
  return centreOfLonLatBox(box);
}

/** An empty lon/lat box [minX, minY, maxX, maxY], for extendLonLatBox and centreOfLonLatBox. */
export function lonLatBox(): Float64Array {
  return Float64Array.of(Infinity, Infinity, -Infinity, -Infinity);
}

/** The box grown to hold p (ignored unless both coordinates are finite). */
export function extendLonLatBox(box: Float64Array, p: Position): void {
  const x = p[0], y = p[1];
  if (!Number.isFinite(x) || !Number.isFinite(y)) return;
  if (x < box[0]) box[0] = x;
  if (y < box[1]) box[1] = y;
  if (x > box[2]) box[2] = x;
  if (y > box[3]) box[3] = y;
}

/** The box's centre (centerOf's answer for the positions it holds; [0, 0] when empty). */
export function centreOfLonLatBox(box: Float64Array): Position {
  if (box[0] === Infinity) return [0, 0];
  return [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2];
}
