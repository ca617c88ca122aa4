// The synthetic city's residential layer with its footprints kept apart, as real footprints are:
// the city places its building footprints at random, so about half of them overlap another, while
// in OpenStreetMap's buildings of Monaco 0.09 % do, of Nanjing Xuanwu 3.8 % and of Beijing Haidian
// none (intersection area over 0.01 m²; bench/overlapShare.ts measures it). Each footprint that
// overlaps one kept before it is moved to the nearest free place on a spiral about where it was
// (8 directions, 6 m further each turn, up to 72 m), else shrunk about its centre (to 0.8 of its
// size, up to 12 times); in the first 30k footprints 0.01 % still overlap one (bench/overlapShare.ts). The same features, ids, vertex counts and
// households, so a run on this layer does the same reading and projecting as on the original.
// Written once beside the layer it is made from.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

type Ring = [number, number][];

/** Metres per degree near the layer (equirectangular: enough to tell overlaps apart). */
function metric(ring: number[][], kx: number, ky: number): Ring {
  return ring.map(([x, y]) => [x * kx, y * ky]);
}

/** The rings' projections on the axis (ax, ay) are apart. */
function apartOn(a: Ring, b: Ring, ax: number, ay: number): boolean {
  let a0 = Infinity, a1 = -Infinity, b0 = Infinity, b1 = -Infinity;
  for (const [x, y] of a) { const t = x * ax + y * ay; a0 = Math.min(a0, t); a1 = Math.max(a1, t); }
  for (const [x, y] of b) { const t = x * ax + y * ay; b0 = Math.min(b0, t); b1 = Math.max(b1, t); }
  return a1 <= b0 || b1 <= a0;
}

/** Two convex rings overlap (share area): no edge normal of either separates them. */
export function convexOverlap(a: Ring, b: Ring): boolean {
  for (const r of [a, b]) {
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const ex = r[i][0] - r[j][0], ey = r[i][1] - r[j][1];
      if ((ex !== 0 || ey !== 0) && apartOn(a, b, -ey, ex)) return false;
    }
  }
  return true;
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
  const lat = fc.features[0].geometry.coordinates[0][0][0][1];
  const ky = 110_540, kx = 111_320 * Math.cos((lat * Math.PI) / 180);
  const grid = new Map<string, Ring[]>();
  const cells = (r: Ring): string[] => {
    const xs = r.map((p) => p[0]), ys = r.map((p) => p[1]);
    const keys: string[] = [];
    for (let i = Math.floor(Math.min(...xs) / CELL); i <= Math.floor(Math.max(...xs) / CELL); i++) {
      for (let j = Math.floor(Math.min(...ys) / CELL); j <= Math.floor(Math.max(...ys) / CELL); j++) keys.push(`${i},${j}`);
    }
    return keys;
  };
  const overlapsKept = (r: Ring) => cells(r).some((k) => (grid.get(k) ?? []).some((q) => convexOverlap(r, q)));
  for (const f of fc.features) {
    const ring = f.geometry.coordinates[0][0];
    const at = metric(ring.slice(0, -1), kx, ky);
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
      const lonLat = m.map(([x, y]) => [x / kx, y / ky]);
      f.geometry.coordinates[0][0] = [...lonLat, lonLat[0]];
    }
    for (const k of cells(m)) {
      const list = grid.get(k);
      if (list) list.push(m); else grid.set(k, [m]);
    }
  }
  writeFileSync(out, JSON.stringify(fc));
  return out;
}
