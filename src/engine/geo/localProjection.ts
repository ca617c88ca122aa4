// One local transverse Mercator on the WGS84 ellipsoid centred on the dataset, so that distances
// and areas are true metres (audit-cli.md: "true metres ... or an equivalent local projection").
// Scale error of a tmerc grows with the square of the distance x from the central meridian:
// k − 1 ≈ x² / (2R²) — 3e-6 at 10 km, 1.2e-5 at 22 km, 5e-5 at 45 km (areas twice that), i.e.
// negligible within a city. CGCS2000 and WGS84 ellipsoids differ by < 0.1 mm (STANDARDS.md §4).
//
// The mapping is proj4's `+proj=tmerc` (its "extended" transverse Mercator: Poder/Engsager, the
// Krüger series to n⁶ evaluated by Clenshaw summation, proj4/lib/projections/etmerc.js), with the
// coefficients proj4 computes for the definition, on plain numbers, without proj4's per-point
// objects, sanity checks and datum dispatch (a WGS84 → WGS84 datum step is the identity); a
// non-finite input still goes through proj4 (which rejects it). The inverse repeats proj4's
// arithmetic step for step (the same doubles). The forward evaluates the same series with fewer
// transcendental calls (exact identities, and Taylor series near the centre): within 1e-6 m of
// proj4 everywhere proj4 is finite (measured ≤ 3.1e-9 m; only the rounding of the last bits
// differs), Infinity where proj4 gives Infinity.
import proj4 from 'proj4';
import type { Position } from '../types';
import type { XY } from '../reach/reachProvider';

export interface LocalProjection {
  /** Centre [lon, lat] in degrees: the origin (0, 0) of the metric plane. */
  readonly center: Position;
  /** The proj4 definition string. */
  readonly definition: string;
  forward(p: Position): XY;
  /** forward without an array per point: writes x, y to out[at], out[at + 1] (the same doubles). */
  forwardTo(lon: number, lat: number, out: Float64Array, at: number): void;
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
  lat0?: number;
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
  return {
    center: [lon0, lat0],
    definition,
    // Both mappings read only [0] and [1] of their argument (no copy of it per point).
    forward: (p: Position) => (Number.isFinite(p[0]) && Number.isFinite(p[1]) ? m.forward(p) : viaProj4.forward(p)),
    forwardTo: (lon: number, lat: number, out: Float64Array, at: number) => {
      if (Number.isFinite(lon) && Number.isFinite(lat)) { m.forwardTo(lon, lat, out, at); return; }
      const xy = viaProj4.forward([lon, lat]);
      out[at] = xy[0]; out[at + 1] = xy[1];
    },
    inverse: (xy: XY) => (Number.isFinite(xy[0]) && Number.isFinite(xy[1]) ? m.inverse(xy) : viaProj4.inverse(xy)),
  };
}

/** proj4's etmerc forward and inverse (degrees ↔ metres) over the initialised parameters P. */
function etmerc(P: EtmercParams): { forward(p: Position): XY; forwardTo(lon: number, lat: number, out: Float64Array, at: number): void; inverse(xy: XY): Position } {
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
  // The forward mapping of proj4 with fewer transcendental calls, by exact identities (each value
  // below is the same real number proj4 computes; only the rounding of the last bits differs):
  // - gatg: sin 2B, cos 2B from one sin/cos pair of B, and the conformal latitude's sin/cos by the
  //   angle sum with the small correction δ = h·sin 2B (|δ| < 0.0034 rad on WGS84: the Taylor
  //   series to δ⁷ is exact to ~1e-27 relative);
  // - Cn = atan2(u, v) gives sin 2Cn = 2uv/(u²+v²), cos 2Cn = (v²−u²)/(u²+v²) without sin/cos;
  // - Ce = atan2(y, h) with h ≥ 0 gives tan Ce = y/h, so proj4's tan(atan2(…)) is one division;
  // - with t = tan Ce and Ce' = asinh t: sinh 2Ce' = 2t·√(1+t²), cosh 2Ce' = 1 + 2t² (no exp).
  // Near the centre (within SMALL rad ≈ 2.9° of its latitude and of its meridian, i.e. any city)
  // sin and cos come from their Taylor series to x¹¹ / x¹² (remainder < 1e-25 relative) and the
  // angle sum with the centre's sin/cos, instead of Math.sin / Math.cos.
  const SMALL = 0.05;
  const B0 = P.lat0 ?? 0, sB0 = Math.sin(B0), cB0 = Math.cos(B0);
  const sinSmall = (x: number, x2: number) => x * (1 - (x2 / 6) * (1 - (x2 / 20) * (1 - (x2 / 42) * (1 - (x2 / 72) * (1 - x2 / 110)))));
  const cosSmall = (x2: number) => 1 - (x2 / 2) * (1 - (x2 / 12) * (1 - (x2 / 30) * (1 - (x2 / 56) * (1 - (x2 / 90) * (1 - x2 / 132)))));
  const c0 = cbg[0], c1 = cbg[1], c2 = cbg[2], c3 = cbg[3], c4 = cbg[4], c5 = cbg[5];
  const g0 = gtu[0], g1 = gtu[1], g2 = gtu[2], g3 = gtu[3], g4 = gtu[4], g5 = gtu[5];
  function forwardTo(lon: number, lat: number, o: Float64Array, at: number): void {
    const dl = adjustLon(lon * D2R - long0);
    const B = lat * D2R;
    let sB: number, cB: number;
    const e = B - B0;
    if (Math.abs(e) < SMALL) {
      const e2 = e * e, se = sinSmall(e, e2), ce = cosSmall(e2);
      sB = sB0 * ce + cB0 * se;
      cB = cB0 * ce - sB0 * se;
    } else {
      sB = Math.sin(B);
      cB = Math.cos(B);
    }
    const sin2B = 2 * sB * cB, cos2B2 = 2 * (cB - sB) * (cB + sB);
    // Clenshaw sum of gatg (proj4 common/gatg.js) unrolled over its six coefficients.
    let h1 = c5, h2: number;
    let h = cos2B2 * h1 + c4; h2 = h1; h1 = h;
    h = -h2 + cos2B2 * h1 + c3; h2 = h1; h1 = h;
    h = -h2 + cos2B2 * h1 + c2; h2 = h1; h1 = h;
    h = -h2 + cos2B2 * h1 + c1; h2 = h1; h1 = h;
    h = -h2 + cos2B2 * h1 + c0;
    const d = h * sin2B, d2 = d * d;
    const sd = d * (1 - (d2 / 6) * (1 - (d2 / 20) * (1 - d2 / 42)));
    const cd = 1 - (d2 / 2) * (1 - (d2 / 12) * (1 - (d2 / 30) * (1 - d2 / 56)));
    const sinCn = sB * cd + cB * sd, cosCn = cB * cd - sB * sd;
    const u = sinCn;
    let v: number, r2: number, Cn: number, t: number, st: number, Ce: number;
    if (Math.abs(dl) < SMALL) {
      // Near the central meridian: sin/cos of Δλ by Taylor series (1 − cos Δλ without
      // cancellation); Cn' = atan2(u, cos Δλ·cos Cn) as Cn + atan of the small angle between
      // them, tan(Cn' − Cn) = sin Cn·cos Cn·(1 − cos Δλ) / (cos Δλ·cos² Cn + sin² Cn) (< 7e-4),
      // and asinh t (|t| ≤ |sin Δλ| < 0.05) by its series to t¹³ (remainder < 1e-19 relative).
      const dl2 = dl * dl;
      const sinCe = sinSmall(dl, dl2);
      const omc = (dl2 / 2) * (1 - (dl2 / 12) * (1 - (dl2 / 30) * (1 - (dl2 / 56) * (1 - (dl2 / 90) * (1 - dl2 / 132)))));
      const cosCe = 1 - omc;
      v = cosCe * cosCn;
      const q = (u * cosCn * omc) / (v * cosCn + u * u), q2 = q * q;
      Cn = (B + d) + q * (1 - q2 * (1 / 3 - q2 * (1 / 5 - q2 / 7)));
      r2 = u * u + v * v;
      t = (sinCe * cosCn) / Math.sqrt(r2);
      const t2 = t * t;
      st = Math.sqrt(1 + t2);
      Ce = t * (1 - (t2 / 6) * (1 - ((9 * t2) / 20) * (1 - ((25 * t2) / 42) * (1 - ((49 * t2) / 72) * (1 - ((81 * t2) / 110) * (1 - (121 * t2) / 156))))));
    } else {
      const sinCe = Math.sin(dl), cosCe = Math.cos(dl);
      v = cosCe * cosCn;
      Cn = Math.atan2(u, v);
      r2 = u * u + v * v;
      t = (sinCe * cosCn) / Math.sqrt(r2);
      st = Math.sqrt(1 + t * t);
      const at2 = Math.abs(t);
      const ace = Math.log1p(at2 + (at2 * at2) / (1 + st));
      Ce = t < 0 ? -ace : ace;
    }
    const sinR = (2 * u * v) / r2, cosR = (v - u) * (v + u) / r2;
    const sinhI = 2 * t * st, coshI = 1 + 2 * t * t;
    // Complex Clenshaw sum (proj4 common/clens_cmplx.js) unrolled over its six coefficients.
    const r = 2 * cosR * coshI, i = -2 * sinR * sinhI;
    // The first step with hr1 = g5 and zeros before it.
    let hr1 = g5, hi1 = 0, hr2: number, hi2: number;
    let hr = r * hr1 + g4, hi = i * hr1;
    hr2 = hr1; hi2 = hi1; hr1 = hr; hi1 = hi; hr = -hr2 + r * hr1 - i * hi1 + g3; hi = -hi2 + i * hr1 + r * hi1;
    hr2 = hr1; hi2 = hi1; hr1 = hr; hi1 = hi; hr = -hr2 + r * hr1 - i * hi1 + g2; hi = -hi2 + i * hr1 + r * hi1;
    hr2 = hr1; hi2 = hi1; hr1 = hr; hi1 = hi; hr = -hr2 + r * hr1 - i * hi1 + g1; hi = -hi2 + i * hr1 + r * hi1;
    hr2 = hr1; hi2 = hi1; hr1 = hr; hi1 = hi; hr = -hr2 + r * hr1 - i * hi1 + g0; hi = -hi2 + i * hr1 + r * hi1;
    const fr = sinR * coshI, fi = cosR * sinhI;
    Cn = Cn + (fr * hr - fi * hi);
    Ce = Ce + (fr * hi + fi * hr);
    if (Math.abs(Ce) <= CE_MAX) {
      o[at] = a * (Qn * Ce) + x0;
      o[at + 1] = a * (Qn * Cn + Zb) + y0;
    } else {
      o[at] = Infinity;
      o[at + 1] = Infinity;
    }
  }
  const res = new Float64Array(2);
  return {
    forward(p: Position): XY {
      forwardTo(p[0], p[1], res, 0);
      return [res[0], res[1]];
    },
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
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of positions) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  if (minX === Infinity) return [0, 0];
  return [(minX + maxX) / 2, (minY + maxY) / 2];
}
