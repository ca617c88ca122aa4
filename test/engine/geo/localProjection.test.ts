import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import { centerOf, createLocalProjection } from '../../../src/engine/geo/localProjection';
import { mulberry32 } from '../../../bench/lib/random';

// Meridian arc length on WGS84 (series in e², Snyder 1987 eq. 3-21): on the central meridian a
// transverse Mercator with k0 = 1 maps latitude to exactly this distance.
const a = 6378137, f = 1 / 298.257223563, e2 = f * (2 - f);
function meridianArc(latDeg: number): number {
  const p = (latDeg * Math.PI) / 180, e4 = e2 * e2, e6 = e4 * e2;
  return a * ((1 - e2 / 4 - (3 * e4) / 64 - (5 * e6) / 256) * p - ((3 * e2) / 8 + (3 * e4) / 32 + (45 * e6) / 1024) * Math.sin(2 * p) +
    ((15 * e4) / 256 + (45 * e6) / 1024) * Math.sin(4 * p) - ((35 * e6) / 3072) * Math.sin(6 * p));
}

describe('localProjection', () => {
  const proj = createLocalProjection([114, 23]);

  it('maps the centre to the origin', () => {
    const [x, y] = proj.forward([114, 23]);
    expect(Math.abs(x)).toBeLessThan(1e-6);
    expect(Math.abs(y)).toBeLessThan(1e-6);
  });

  it('gives true metres along the central meridian (meridian arc)', () => {
    // 0.05° north of the centre: M(23.05°) − M(23°) ≈ 5,537 m.
    const expected = meridianArc(23.05) - meridianArc(23);
    const [x, y] = proj.forward([114, 23.05]);
    expect(Math.abs(x)).toBeLessThan(1e-6);
    expect(Math.abs(y - expected)).toBeLessThan(0.01);
  });

  it('east-west distances match the parallel-circle length near the centre', () => {
    // Radius of the parallel at 23°: N cos φ, N = a / sqrt(1 − e² sin² φ). 0.01° of longitude ≈ 1,025 m.
    const p = (23 * Math.PI) / 180;
    const N = a / Math.sqrt(1 - e2 * Math.sin(p) ** 2);
    const expected = N * Math.cos(p) * ((0.01 * Math.PI) / 180);
    const [x] = proj.forward([114.01, 23]);
    // tmerc scale at 1 km from the central meridian: 1 + x²/(2R²) ≈ 1 + 1.2e-8: far below 1 mm.
    expect(Math.abs(x - expected)).toBeLessThan(0.001);
  });

  it('round-trips', () => {
    const p: [number, number] = [114.1234, 22.9876];
    const q = proj.inverse(proj.forward(p));
    expect(Math.abs(q[0] - p[0])).toBeLessThan(1e-9);
    expect(Math.abs(q[1] - p[1])).toBeLessThan(1e-9);
  });

  it('centres on the bbox of the data and rejects invalid centres', () => {
    expect(centerOf([[113, 22], [115, 24], [NaN, 3]])).toEqual([114, 23]);
    expect(() => createLocalProjection([114, 95])).toThrow(/invalid centre/);
  });

  it('forward is within 1e-8 m of proj4 near the centre and proj4 itself beyond; inverse is proj4 itself', () => {
    const rand = mulberry32(13);
    let near = 0, far = 0, worst = 0;
    const differing: string[] = [];
    const same = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
    const into = new Float64Array(6);
    for (let c = 0; c < 40; c++) {
      const center: [number, number] = [-180 + 360 * rand(), -80 + 160 * rand()];
      const local = createLocalProjection(center);
      const ref = proj4('EPSG:4326', local.definition);
      for (let k = 0; k < 500; k++) {
        const span = [0.01, 0.5, 4, 30][k % 4];
        const p: [number, number] = [center[0] + (rand() - 0.5) * span, Math.max(-89, Math.min(89, center[1] + (rand() - 0.5) * span))];
        const expected = ref.forward([p[0], p[1]]);
        const got = local.forward(p);
        local.forwardTo(p[0], p[1], into, 3);
        if (!same([into[3], into[4]], got)) differing.push(`forwardTo ≠ forward ${center} ${p}`);
        // Interpolated: within 2° of the centre in both, in a cell that stays within ±70° latitude.
        const interpolated = Math.abs(p[0] - center[0]) < 1.99 && Math.abs(p[1] - center[1]) < 1.99 && Math.abs(p[1]) < 69.9;
        const exactly = Math.abs(p[0] - center[0]) > 2 || Math.abs(p[1] - center[1]) > 2 || Math.abs(p[1]) > 70.1;
        if (interpolated) {
          near++;
          worst = Math.max(worst, Math.abs(got[0] - expected[0]), Math.abs(got[1] - expected[1]));
        } else if (exactly) {
          far++;
          if (!same(got, expected)) differing.push(`forward ${center} ${p}`);
        }
        const xy: [number, number] = [(rand() - 0.5) * [2e3, 1e5, 1e6, 2e7][k % 4], (rand() - 0.5) * [2e3, 1e5, 1e6, 2e7][(k >> 2) % 4]];
        if (!same(local.inverse(xy), ref.inverse([xy[0], xy[1]]))) differing.push(`inverse ${center} ${xy}`);
      }
    }
    expect(differing).toEqual([]);
    expect(worst).toBeLessThanOrEqual(1e-8);
    expect(near).toBeGreaterThan(9000);
    expect(far).toBeGreaterThan(5000);
  });

  it('forward stays within 1e-8 m of proj4 over 1.2M points around cities across China, on cell edges and the window edge', () => {
    // Centres from the far west to the far north-east of China; points over a city (±0.3°), the
    // whole ±2° window, exactly on the 1/32° cell edges and corners, and just inside and outside
    // the window's edge.
    const centres: [number, number][] = [[118.8, 32.05], [73.6, 39.47], [134.7, 48.3], [110.33, 18.25], [126.63, 52.97], [87.6, 43.8], [104.07, 30.67], [116.4, 39.9]];
    const rand = mulberry32(2026);
    const out = new Float64Array(2);
    let worst = 0, compared = 0;
    for (const c of centres) {
      const local = createLocalProjection(c);
      const ref = proj4('EPSG:4326', local.definition);
      const check = (lon: number, lat: number) => {
        local.forwardTo(lon, lat, out, 0);
        const e = ref.forward([lon, lat]);
        worst = Math.max(worst, Math.abs(out[0] - e[0]), Math.abs(out[1] - e[1]));
        compared++;
      };
      for (let k = 0; k < 100_000; k++) check(c[0] + (rand() - 0.5) * 0.6, c[1] + (rand() - 0.5) * 0.6);
      for (let k = 0; k < 30_000; k++) check(c[0] + (rand() - 0.5) * 4, c[1] + (rand() - 0.5) * 4);
      // Cell edges (lon, lat or both on an edge) across the window, from -64 to +64 cells.
      for (let k = 0; k < 15_000; k++) {
        const i = Math.floor(rand() * 129) - 64, j = Math.floor(rand() * 129) - 64;
        const lon = c[0] + (k % 3 === 1 ? i + rand() : i) / 32, lat = c[1] + (k % 3 === 2 ? j + rand() : j) / 32;
        check(lon, lat);
      }
      // The window's edge: ±2° and the doubles next to it, along all four sides.
      for (let k = 0; k < 5_000; k++) {
        const along = (rand() - 0.5) * 4, side = k % 4, sign = side < 2 ? -1 : 1;
        const edge = [2, 2 - 1e-12, 2 + 1e-12, 1.9999999][Math.floor(rand() * 4)] * sign;
        if (side % 2) check(c[0] + along, c[1] + edge);
        else check(c[0] + edge, c[1] + along);
      }
    }
    expect(compared).toBe(1_200_000);
    expect(worst).toBeLessThanOrEqual(1e-8);
  });

  it('forward, forwardTo and forwardMany give a point the same doubles whatever the projection mapped before', () => {
    const center: [number, number] = [121.47, 31.23];
    const rand = mulberry32(17);
    const n = 5000;
    const pts = new Float64Array(2 * n);
    for (let k = 0; k < 2 * n; k++) pts[k] = center[k & 1] + (rand() - 0.5) * 0.8;
    const first = createLocalProjection(center);
    const bulk = new Float64Array(2 * n);
    first.forwardMany(pts, 0, n, bulk, 0);
    const second = createLocalProjection(center);
    for (let k = 0; k < 3000; k++) second.forward([center[0] + (rand() - 0.5) * 3.5, center[1] + (rand() - 0.5) * 3.5]);
    const differing: number[] = [];
    for (let k = n - 1; k >= 0; k--) {
      const [x, y] = second.forward([pts[2 * k], pts[2 * k + 1]]);
      if (!Object.is(x, bulk[2 * k]) || !Object.is(y, bulk[2 * k + 1])) differing.push(k);
    }
    expect(differing).toEqual([]);
  });

  it('rejects a non-finite point as proj4 does', () => {
    expect(() => proj.forward([NaN, 23])).toThrow();
    expect(() => proj.inverse([0, Infinity])).toThrow();
    // Not numbers: rejected too, not converted (a typed array would read null as 0).
    expect(() => proj.forward([null as unknown as number, 23])).toThrow();
    expect(() => proj.forward([113, null as unknown as number])).toThrow();
  });
});

