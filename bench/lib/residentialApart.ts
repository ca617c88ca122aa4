// The synthetic city's residential layer with its footprints kept apart, as real footprints are:
// the city places its building footprints at random, so about half of them overlap another, while
// in OpenStreetMap's buildings of Monaco 0.09 % do, of Nanjing Xuanwu 3.8 % and of Beijing Haidian
// none (intersection area over 0.01 m²; bench/overlapShare.ts measures it). Each footprint that
// overlaps one kept before it is moved to the nearest free place on a spiral about where it was
// (8 directions, 6 m further each turn, up to 72 m), else shrunk about its centre (to 0.8 of its
// size, up to 12 times); in the first 30k footprints 0.01 % still overlap one (overlapShare.ts).
// Two footprints are apart when they do not meet on the centimetre grid (geo/convexRingsMeet.ts).
// The same features, ids, vertex counts and households, so a run on this layer does the same
// reading and projecting as on the original. Written once beside the layer it is made from.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { convexRingsMeet } from '../../src/engine/geo/convexRingsMeet';

type Ring = [number, number][];

/** Metres from (lon0, lat0), kx, ky metres per degree (equirectangular: enough to tell overlaps apart). */
function metric(ring: number[][], lon0: number, lat0: number, kx: number, ky: number): Ring {
  return ring.map(([x, y]) => [(x - lon0) * kx, (y - lat0) * ky]);
}

/** The counter-clockwise footprint ring on the centimetre grid, flat (convexRingsMeet's input). */
function onGrid(r: Ring): Float64Array {
  return Float64Array.from(r.flatMap(([x, y]) => [Math.round(100 * x), Math.round(100 * y)]));
}

/** Two convex rings (flat, on the grid) meet: cross, touch or one holds the other. */
function meet(a: Float64Array, b: Float64Array): boolean {
  const f = new Float64Array(a.length + b.length);
  f.set(a); f.set(b, a.length);
  return convexRingsMeet(f, 0, a.length >> 1, a.length, b.length >> 1);
}

const CELL = 100; // m: the grid the kept footprints are found by

/**
 * `residential-apart.geojson` beside `residential` (a cityFiles residential layer: one convex ring
 * per feature, closed).
 */
export function residentialApart(residential: string): string {
  const out = join(dirname(residential), 'residential-apart.geojson');
  if (existsSync(out)) return out;
  const fc = JSON.parse(readFileSync(residential, 'utf8')) as { features: { geometry: { coordinates: number[][][][] } }[] };
  // Metres from the first vertex: the layer's grid coordinates stay within convexRingsMeet's ±2^25.
  const [lon0, lat0] = fc.features[0].geometry.coordinates[0][0][0];
  const ky = 110_540, kx = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  const grid = new Map<string, Float64Array[]>();
  const cells = (r: Ring): string[] => {
    const xs = r.map((p) => p[0]), ys = r.map((p) => p[1]);
    const keys: string[] = [];
    for (let i = Math.floor(Math.min(...xs) / CELL); i <= Math.floor(Math.max(...xs) / CELL); i++) {
      for (let j = Math.floor(Math.min(...ys) / CELL); j <= Math.floor(Math.max(...ys) / CELL); j++) keys.push(`${i},${j}`);
    }
    return keys;
  };
  const overlapsKept = (r: Ring) => {
    const g = onGrid(r);
    return cells(r).some((k) => (grid.get(k) ?? []).some((q) => meet(g, q)));
  };
  for (const f of fc.features) {
    const ring = f.geometry.coordinates[0][0];
    const at = metric(ring.slice(0, -1), lon0, lat0, kx, ky);
    let m = at;
    const cx = m.reduce((s, p) => s + p[0], 0) / m.length, cy = m.reduce((s, p) => s + p[1], 0) / m.length;
    let moved = false;
    // Moved to the nearest free place on a spiral (8 directions, 6 m further each turn), else shrunk.
    for (let turn = 1; turn <= 12 && overlapsKept(m); turn++) {
      for (let k = 0; k < 8; k++) {
        const dx = 6 * turn * Math.cos((k * Math.PI) / 4), dy = 6 * turn * Math.sin((k * Math.PI) / 4);
        m = at.map(([x, y]) => [x + dx, y + dy]);
        moved = true;
        if (!overlapsKept(m)) break;
      }
    }
    for (let step = 0, scale = 1; step < 12 && overlapsKept(m); step++) {
      scale *= 0.8;
      m = at.map(([x, y]) => [cx + (x - cx) * scale, cy + (y - cy) * scale]);
    }
    if (moved) {
      const lonLat = m.map(([x, y]) => [lon0 + x / kx, lat0 + y / ky]);
      f.geometry.coordinates[0][0] = [...lonLat, lonLat[0]];
    }
    const g = onGrid(m);
    for (const k of cells(m)) {
      const list = grid.get(k);
      if (list) list.push(g); else grid.set(k, [g]);
    }
  }
  writeFileSync(out, JSON.stringify(fc));
  return out;
}
