// Range search into a reused buffer: the same ids as a brute-force scan (second method), in
// kdbush's own order, across calls that grow the buffers.
import { describe, expect, it } from 'vitest';
import KDBush from 'kdbush';
import { kdHoldsBox, kdPointsNear, kdRange, kdRangeIds } from '../../../src/engine/geo/kdRange';
import { mulberry32 } from '../../../bench/lib/random';

describe('kdRange', () => {
  it('finds exactly the points in the box, in kdbush order', () => {
    const rand = mulberry32(5);
    const pts: [number, number][] = [];
    for (let i = 0; i < 5000; i++) pts.push([rand() * 1000, rand() * 1000]);
    const index = new KDBush(pts.length);
    for (const [x, y] of pts) index.add(x, y);
    index.finish();
    for (let t = 0; t < 50; t++) {
      const x0 = rand() * 1000, y0 = rand() * 1000, w = rand() * (t < 5 ? 1000 : 200), h = rand() * 200;
      const n = kdRange(index, x0, y0, x0 + w, y0 + h);
      const got = Array.from(kdRangeIds().subarray(0, n));
      const brute = pts.flatMap(([x, y], i) => (x >= x0 && x <= x0 + w && y >= y0 && y <= y0 + h ? [i] : []));
      expect([...got].sort((a, b) => a - b)).toEqual(brute);
      expect(got).toEqual(index.range(x0, y0, x0 + w, y0 + h));
    }
  });
});

describe('kdPointsNear', () => {
  it('appends the coordinates of exactly the points within d of the box, after what is already there', () => {
    const rand = mulberry32(11);
    const pts: [number, number][] = [];
    for (let i = 0; i < 3000; i++) pts.push([rand() * 2000, rand() * 2000]);
    const index = new KDBush(pts.length);
    for (const [x, y] of pts) index.add(x, y);
    index.finish();
    for (let t = 0; t < 40; t++) {
      const x0 = rand() * 2000, y0 = rand() * 2000, x1 = x0 + rand() * 400, y1 = y0 + rand() * 400, d = rand() * 600;
      const start = 2 * Math.floor(rand() * 50);
      const before = Array.from({ length: start }, (_, i) => i + 0.5);
      kdPointsNear.buffer().set(before.slice(0, Math.min(start, kdPointsNear.buffer().length)));
      const end = kdPointsNear(index, x0, y0, x1, y1, d, start);
      const buf = kdPointsNear.buffer();
      // Distance to the box by the nearest point of the box (second method).
      const brute = pts.filter(([x, y]) => Math.hypot(x - Math.min(Math.max(x, x0), x1), y - Math.min(Math.max(y, y0), y1)) <= d);
      const got: [number, number][] = [];
      for (let i = start; i < end; i += 2) got.push([buf[i], buf[i + 1]]);
      const key = (p: [number, number]) => `${p[0]},${p[1]}`;
      expect(got.map(key).sort()).toEqual(brute.map(key).sort());
      if (start <= 512) expect(Array.from(buf.subarray(0, start))).toEqual(before);
    }
  });
});

describe('kdHoldsBox', () => {
  const indexOf = (pts: [number, number][]) => {
    const index = new KDBush(pts.length);
    for (const [x, y] of pts) index.add(x, y);
    index.finish();
    return index;
  };

  it('by hand: (3, 4) holds the box 0..6 × 0..8 at d = 5 (its farther sides 3 and 4 away), not at 4.999; no point holds a box wider than 2d', () => {
    const index = indexOf([[3, 4], [100, 100], [-50, 7]]);
    expect(kdHoldsBox(index, 0, 0, 6, 8, 5)).toBe(true);
    expect(kdHoldsBox(index, 0, 0, 6, 8, 4.999)).toBe(false);
    // Without (3, 4): (−50, 7) is 56 and 7 from the farther sides (x = 6, y = 0), 56.44 m; (100, 100)
    // is 100 and 100 from them, 141.42 m.
    const far = indexOf([[100, 100], [-50, 7]]);
    expect(kdHoldsBox(far, 0, 0, 6, 8, 56.45)).toBe(true);
    expect(kdHoldsBox(far, 0, 0, 6, 8, 56.43)).toBe(false);
    expect(kdHoldsBox(indexOf([[100, 100]]), 0, 0, 6, 8, 141.43)).toBe(true);
    expect(kdHoldsBox(indexOf([[100, 100]]), 0, 0, 6, 8, 141.42)).toBe(false);
    expect(kdHoldsBox(indexOf([[0, 0]]), -10, -1, 10, 1, 9.9)).toBe(false);
    expect(kdHoldsBox(indexOf([]), 0, 0, 1, 1, 10)).toBe(false);
  });

  it('is true exactly when some point has every corner of the box within d (brute force over the points), across a tree deeper than a leaf', () => {
    const rand = mulberry32(23);
    const pts: [number, number][] = [];
    for (let i = 0; i < 4000; i++) pts.push([Math.round(rand() * 4000), Math.round(rand() * 4000)]);
    const index = indexOf(pts);
    let held = 0;
    for (let t = 0; t < 400; t++) {
      const x0 = Math.round(rand() * 4000), y0 = Math.round(rand() * 4000), w = Math.round(rand() * 300), h = Math.round(rand() * 300);
      // Integer coordinates; some distances exactly a point's farthest-corner distance (a
      // Pythagorean d² on the boundary), others random.
      let d = 40 + rand() * 300;
      if (t % 4 === 0) {
        const [px, py] = pts[Math.floor(rand() * pts.length)];
        d = Math.hypot(Math.max(px - x0, x0 + w - px), Math.max(py - y0, y0 + h - py));
      }
      const brute = pts.some(([x, y]) => Math.hypot(Math.max(x - x0, x0 + w - x), Math.max(y - y0, y0 + h - y)) <= d);
      expect(kdHoldsBox(index, x0, y0, x0 + w, y0 + h, d), `box ${x0},${y0} +${w},${h} d ${d}`).toBe(brute);
      if (brute) held++;
    }
    expect(held).toBeGreaterThan(50);
    expect(held).toBeLessThan(350);
  });
});
