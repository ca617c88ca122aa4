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

  it('returns the same doubles as proj4 on random centres and points, near and far', () => {
    const rand = mulberry32(13);
    let compared = 0;
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
        if (!same(local.forward(p), expected)) differing.push(`forward ${center} ${p}`);
        local.forwardTo(p[0], p[1], into, 3);
        if (!same([into[3], into[4]], expected)) differing.push(`forwardTo ${center} ${p}`);
        const xy: [number, number] = [(rand() - 0.5) * [2e3, 1e5, 1e6, 2e7][k % 4], (rand() - 0.5) * [2e3, 1e5, 1e6, 2e7][(k >> 2) % 4]];
        if (!same(local.inverse(xy), ref.inverse([xy[0], xy[1]]))) differing.push(`inverse ${center} ${xy}`);
        compared++;
      }
    }
    expect(differing).toEqual([]);
    expect(compared).toBe(20_000);
  });

  it('rejects a non-finite point as proj4 does', () => {
    expect(() => proj.forward([NaN, 23])).toThrow();
    expect(() => proj.inverse([0, Infinity])).toThrow();
  });
});

