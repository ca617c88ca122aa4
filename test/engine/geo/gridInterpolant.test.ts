import { describe, expect, it } from 'vitest';
import { CELLS_PER_DEGREE, HALF_CELLS, MAX_LATITUDE, createGridInterpolant, type ForwardTo } from '../../../src/engine/geo/gridInterpolant';
import proj4 from 'proj4';
import { mulberry32 } from '../../../bench/lib/random';

/** An exact mapping that counts its calls. */
function counted(f: ForwardTo): { f: ForwardTo; calls: () => number } {
  let n = 0;
  return { f: (lon, lat, out, at) => { n++; f(lon, lat, out, at); }, calls: () => n };
}

/** proj4's transverse Mercator centred on `center`, as the exact mapping. */
function tmerc(center: [number, number]): ForwardTo {
  const conv = proj4('EPSG:4326', `+proj=tmerc +lat_0=${center[1]} +lon_0=${center[0]} +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs`);
  return (lon, lat, out, at) => {
    const [x, y] = conv.forward([lon, lat]);
    out[at] = x; out[at + 1] = y;
  };
}

const W = HALF_CELLS / CELLS_PER_DEGREE; // the window's half-width in degrees

describe('gridInterpolant', () => {
  it('reproduces a mapping that is cubic in lon and in lat (the interpolant is exact on it)', () => {
    // x, y bicubic in (lon − 100, lat − 30), evaluated directly: a second method for the same
    // numbers, so only rounding separates them (relative 1e-12 of the ~100 km values).
    const px = (d: number, e: number) => 1e5 * d + 3e3 * d * d * e - 40 * d * d * d + 7 * e * e * e * d * d;
    const py = (d: number, e: number) => 1.1e5 * e - 2e3 * d * d + 55 * e * e * e + 9 * d * d * d * e * e;
    const g = createGridInterpolant([100, 30], (lon, lat, out, at) => { out[at] = px(lon - 100, lat - 30); out[at + 1] = py(lon - 100, lat - 30); });
    const rand = mulberry32(3);
    const out = new Float64Array(2);
    let worst = 0;
    for (let k = 0; k < 20_000; k++) {
      const lon = 100 + (rand() - 0.5) * 2 * W, lat = 30 + (rand() - 0.5) * 2 * W;
      g.forwardTo(lon, lat, out, 0);
      worst = Math.max(worst, Math.abs(out[0] - px(lon - 100, lat - 30)), Math.abs(out[1] - py(lon - 100, lat - 30)));
    }
    expect(worst).toBeLessThan(1e-7);
  });

  it('builds a cell once: further points in it never call the exact mapping', () => {
    const exact = counted(tmerc([118.8, 32.05]));
    const g = createGridInterpolant([118.8, 32.05], exact.f);
    const out = new Float64Array(2);
    g.forwardTo(118.801, 32.051, out, 0);
    expect(exact.calls()).toBe(16); // 4 × 4 nodes
    const rand = mulberry32(4);
    for (let k = 0; k < 1000; k++) g.forwardTo(118.8 + rand() / CELLS_PER_DEGREE, 32.05 + rand() / CELLS_PER_DEGREE, out, 0);
    expect(exact.calls()).toBe(16);
  });

  it('gives the same doubles for a point whatever was mapped before, in any order, by forwardTo or forwardMany', () => {
    const center: [number, number] = [113.27, 23.13];
    const exact = tmerc(center);
    const rand = mulberry32(5);
    const n = 20_000;
    const pts = new Float64Array(2 * n);
    for (let k = 0; k < n; k++) {
      // A city's spread, with some points on cell edges and corners.
      const edge = k % 5 === 0;
      pts[2 * k] = edge ? center[0] + Math.round((rand() - 0.5) * 40) / CELLS_PER_DEGREE : center[0] + (rand() - 0.5) * 1.2;
      pts[2 * k + 1] = edge && k % 10 === 0 ? center[1] + Math.round((rand() - 0.5) * 40) / CELLS_PER_DEGREE : center[1] + (rand() - 0.5) * 1.2;
    }
    // Fresh interpolant per point (nothing mapped before) as the reference.
    const fresh = new Float64Array(2 * n);
    for (let k = 0; k < n; k += 37) createGridInterpolant(center, exact).forwardTo(pts[2 * k], pts[2 * k + 1], fresh, 2 * k);
    // One interpolant warmed on other points, then all points in reverse order.
    const warmed = createGridInterpolant(center, exact);
    const scratch = new Float64Array(2);
    for (let k = 0; k < 5000; k++) warmed.forwardTo(center[0] + (rand() - 0.5) * 3, center[1] + (rand() - 0.5) * 3, scratch, 0);
    const reversed = new Float64Array(2 * n);
    for (let k = n - 1; k >= 0; k--) warmed.forwardTo(pts[2 * k], pts[2 * k + 1], reversed, 2 * k);
    // Another, in order, in bulk.
    const bulk = new Float64Array(2 * n + 2);
    createGridInterpolant(center, exact).forwardMany(pts, 0, n, bulk, 2);
    const differing: number[] = [];
    for (let k = 0; k < n; k++) {
      const a = reversed[2 * k], b = reversed[2 * k + 1];
      if (!Object.is(a, bulk[2 * k + 2]) || !Object.is(b, bulk[2 * k + 3])) differing.push(k);
      if (k % 37 === 0 && (!Object.is(a, fresh[2 * k]) || !Object.is(b, fresh[2 * k + 1]))) differing.push(k);
    }
    expect(differing).toEqual([]);
  });

  it('maps points outside the window, beyond the latitude limit and non-finite with the exact mapping, bit for bit', () => {
    const exact = tmerc([118.8, 32.05]);
    const probe = (center: [number, number], lon: number, lat: number) => {
      const spy = counted(exact);
      const out = new Float64Array(2), want = new Float64Array(2);
      createGridInterpolant(center, spy.f).forwardTo(lon, lat, out, 0);
      exact(lon, lat, want, 0);
      return { calls: spy.calls(), same: Object.is(out[0], want[0]) && Object.is(out[1], want[1]) };
    };
    // Just outside each side of the window (the window is [−W, W) around the centre).
    for (const [dl, dp] of [[W, 0], [-W - 1e-9, 0], [0, W], [0, -W - 1e-9], [3, -5], [-30, 10]]) {
      expect(probe([118.8, 32.05], 118.8 + dl, 32.05 + dp)).toEqual({ calls: 1, same: true });
    }
    // Just inside: interpolated (16 node evaluations, then the polynomial).
    expect(probe([118.8, 32.05], 118.8 - W, 32.05 + W - 1e-9).calls).toBe(16);
    // A cell reaching beyond the latitude limit, though within the window.
    expect(probe([20, MAX_LATITUDE - 0.5], 20.1, MAX_LATITUDE + 0.01)).toEqual({ calls: 1, same: true });
    expect(probe([20, -MAX_LATITUDE + 0.5], 20.1, -MAX_LATITUDE - 0.01)).toEqual({ calls: 1, same: true });
    // Non-finite input reaches the exact mapping (which decides what to do with it).
    const seen: number[][] = [];
    const g = createGridInterpolant([118.8, 32.05], (lon, lat, out, at) => { seen.push([lon, lat]); out[at] = -1; out[at + 1] = -2; });
    const out = new Float64Array(2);
    for (const [lon, lat] of [[NaN, 32], [118.8, NaN], [Infinity, 32], [118.8, -Infinity]]) g.forwardTo(lon, lat, out, 0);
    expect(seen).toEqual([[NaN, 32], [118.8, NaN], [Infinity, 32], [118.8, -Infinity]]);
    expect([...out]).toEqual([-1, -2]);
  });

  it('forwardMany gives points in built cells, in cells never interpolated, outside the window and non-finite the doubles forwardTo gives', () => {
    const center: [number, number] = [20, MAX_LATITUDE - 0.5];
    const tm = tmerc(center);
    // proj4 throws on non-finite input; this mapping marks it instead.
    const exact: ForwardTo = (lon, lat, out, at) => {
      if (Number.isFinite(lon) && Number.isFinite(lat)) tm(lon, lat, out, at);
      else { out[at] = -1; out[at + 1] = -2; }
    };
    const rand = mulberry32(6);
    const n = 4000;
    const pts = new Float64Array(2 * n);
    for (let k = 0; k < n; k++) {
      // Mostly a few cells near the centre (built by the first points in them, then evaluated in
      // bulk), mixed with cells reaching beyond the latitude limit, points outside the window and
      // non-finite coordinates.
      const kind = k % 7;
      let lon = center[0] + (rand() - 0.5) * 0.1, lat = center[1] + (rand() - 0.5) * 0.1;
      if (kind === 3) lat = MAX_LATITUDE + rand() * 0.4;
      else if (kind === 4) lon = center[0] + W + rand();
      else if (kind === 5) lat = k % 2 ? NaN : -Infinity;
      pts[2 * k] = lon; pts[2 * k + 1] = lat;
    }
    const one = new Float64Array(2 * n), want = new Float64Array(2 * n);
    const byPoint = createGridInterpolant(center, exact);
    for (let k = 0; k < n; k++) byPoint.forwardTo(pts[2 * k], pts[2 * k + 1], one, 2 * k);
    for (let k = 0; k < n; k++) if (k % 7 >= 3 && k % 7 <= 5) exact(pts[2 * k], pts[2 * k + 1], want, 2 * k);
    const bulk = new Float64Array(2 * n);
    const many = createGridInterpolant(center, exact);
    // In three calls, the second starting inside a run of built cells.
    many.forwardMany(pts, 0, 1000, bulk, 0);
    many.forwardMany(pts, 1000, 2501, bulk, 2000);
    many.forwardMany(pts, 2501, n, bulk, 5002);
    const differing: number[] = [];
    for (let k = 0; k < n; k++) {
      if (!Object.is(bulk[2 * k], one[2 * k]) || !Object.is(bulk[2 * k + 1], one[2 * k + 1])) differing.push(k);
      if (k % 7 >= 3 && k % 7 <= 5 && (!Object.is(bulk[2 * k], want[2 * k]) || !Object.is(bulk[2 * k + 1], want[2 * k + 1]))) differing.push(-k);
    }
    expect(differing).toEqual([]);
  });
});
