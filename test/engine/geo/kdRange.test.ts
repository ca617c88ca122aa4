// Range search into a reused buffer: the same ids as a brute-force scan (second method), in
// kdbush's own order, across calls that grow the buffers.
import { describe, expect, it } from 'vitest';
import KDBush from 'kdbush';
import { kdPointsNear, kdRange, kdRangeIds } from '../../../src/engine/geo/kdRange';
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
