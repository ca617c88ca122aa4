// The residential layer as flat typed arrays gives the same projected store, the same coverage
// basis and the same audit as the same layer as objects; hand-computed areas for the flat form.
import { describe, expect, it, vi } from 'vitest';
import { auditDataset, prepareAudit } from '../../src/engine/audit';
import { defaultPreset } from '../../src/engine/presets';
import { createLocalProjection } from '../../src/engine/geo/localProjection';
import { projectResidential } from '../../src/engine/residentialLayer';
import { PolygonStoreBuilder, type PolygonStore } from '../../src/engine/residentialPieces';
import { packedFlatbush } from '../../src/engine/geo/packedFlatbush';
import type { DataWarning, Dataset, Position, ResidentialLand, Ring } from '../../src/engine/types';
import { mulberry32 } from '../../bench/lib/random';
import { community, facility, flatOf, green, ll, rect, ring, TEST_CENTER } from './helpers';


type P = [number, number];
/** A random closed ring around (cx, cy): a rotated rectangle, a star, a bowtie or a many-sided polygon. */
function randomRing(rand: () => number, cx: number, cy: number): P[] {
  const kind = rand();
  const a = rand() * Math.PI, s = 5 + 40 * rand();
  const rot = ([x, y]: P): P => [cx + x * Math.cos(a) - y * Math.sin(a), cy + x * Math.sin(a) + y * Math.cos(a)];
  if (kind < 0.4) return ([[-s, -s / 2], [s, -s / 2], [s, s / 2], [-s, s / 2]] as P[]).map(rot);
  const polygon = (n: number, radius: () => number): P[] => Array.from({ length: n }, (_, i) => { const t = (2 * Math.PI * i) / n, r = radius(); return rot([r * Math.cos(t), r * Math.sin(t)]); });
  if (kind < 0.6) return polygon(5 + Math.floor(10 * rand()), () => s * (0.5 + rand()));
  if (kind < 0.7) return ([[-s, -s], [s, s], [s, -s], [-s, s]] as P[]).map(rot); // crosses itself
  return polygon(60 + Math.floor(20 * rand()), () => s); // beyond the fast path from 65 vertices
}

function randomLayer(seed: number, n: number): ResidentialLand[] {
  const rand = mulberry32(seed);
  const land: ResidentialLand[] = [];
  for (let i = 0; i < n; i++) {
    const cx = (rand() - 0.5) * 1800, cy = (rand() - 0.5) * 1800;
    const pts = randomRing(rand, cx, cy);
    if (rand() < 0.3) pts.reverse(); // clockwise
    let outer: Ring = ring(pts);
    const kind = rand();
    if (kind < 0.05) outer = outer.slice(0, -1); // not closed
    else if (kind < 0.1) outer = [...outer.slice(0, 2), outer[1], ...outer.slice(2)]; // a repeated vertex
    else if (kind < 0.12) outer = outer.map((p, k) => (k === 1 ? [NaN, p[1]] as Position : p));
    let geometry: Ring[][] = [[outer]];
    const shape = rand();
    if (shape < 0.1) geometry = [[outer, rect(cx - 2, cy - 2, cx + 2, cy + 2).reverse()]]; // a hole
    else if (shape < 0.2) geometry = [[outer], [rect(cx + 60, cy, cx + 70, cy + 10)]]; // two parts
    else if (shape < 0.22) geometry = [];
    const h = rand();
    const r: ResidentialLand = { id: h < 0.02 && i > 0 ? land[i - 1].id : `R${i}`, geometry };
    if (h < 0.85) r.households = Math.round(200 * rand());
    else if (h < 0.9) r.households = null;
    else if (h < 0.93) r.households = -3;
    if (rand() < 0.1) r.householdsEstimated = true;
    land.push(r);
  }
  return land;
}

const preset = defaultPreset();
const communities = [
  community('A', [[rect(-900, -900, 0, 0)]]), community('B', [[rect(0, -900, 900, 0)]]),
  community('C', [[rect(-900, 0, 0, 900)]]), community('D', [[rect(-50, -50, 900, 900), rect(200, 200, 400, 400).reverse()]]),
];
const facilities = [facility('K1', 'kindergarten', -300, -300), facility('K2', 'kindergarten', 500, 500), facility('E1', 'elderly_care', 100, -600)];
const greens = [green('G', [[rect(-100, -100, 100, 100)]])];

describe('projectResidential: the flat layer as the objects', () => {
  it('by hand: a clockwise 100 × 40 m rectangle is one counter-clockwise ring of 4000 m²; a ring with a hole is 4000 − 100 m²', () => {
    const proj = createLocalProjection(TEST_CENTER);
    const flat = flatOf([
      { id: 'cw', households: 40, geometry: [[rect(0, 0, 100, 40).reverse()]] },
      { id: 'holed', geometry: [[rect(200, 0, 300, 40), rect(210, 10, 220, 20).reverse()]] },
    ]);
    const warnings: DataWarning[] = [];
    const f = projectResidential(flat, proj, warnings);
    expect(f.store.count).toBe(2);
    expect(f.store.area[0]).toBeCloseTo(4000, 3);
    expect(f.store.area[1]).toBeCloseTo(3900, 3);
    expect(Array.from(f.store.ringStart)).toEqual([0, 8, 16, 24]);
    // Clockwise input (0,0) (0,40) (100,40) (100,0) reversed: (100,0) (100,40) (0,40) (0,0).
    expect(f.store.xy[0] - f.store.xy[4]).toBeCloseTo(100, 3);
    expect(f.store.xy[3] - f.store.xy[1]).toBeCloseTo(40, 3);
    expect(f.households[0]).toBe(40);
    expect(f.households[1]).toBeNaN();
    expect(f.missing).toBe(1);
    expect(warnings.map((w) => [w.code, w.feature])).toEqual([['missing_households', 'holed']]);
  });

  for (const seed of [1, 2, 3, 4]) {
    it(`seed ${seed}: 400 random features (fast path, holes, parts, bowties, long, unclosed, NaN, no geometry): the same store and warnings`, () => {
      const land = randomLayer(seed, 400);
      const proj = createLocalProjection(TEST_CENTER);
      const wn: DataWarning[] = [], wf: DataWarning[] = [];
      const a = projectResidential(land, proj, wn);
      const b = projectResidential(flatOf(land), proj, wf);
      expect(a.store.count).toBeGreaterThan(300);
      expect(wn.some((w) => w.code === 'invalid_geometry')).toBe(true);
      expect(b.store).toEqual(a.store);
      expect(Array.from(b.households)).toEqual(Array.from(a.households));
      expect(Array.from(b.estimated)).toEqual(Array.from(a.estimated));
      expect(b.missing).toBe(a.missing);
      expect(wf).toEqual(wn);
    });
  }
});

describe('the audit on a flat residential layer', () => {
  for (const seed of [5, 6]) {
    for (const withHouseholds of [true, false]) {
      it(`seed ${seed}, ${withHouseholds ? 'households' : 'area'}: the same basis, warnings and audit as the objects`, () => {
        // Households on every feature (the households basis), or on none.
        const land = randomLayer(seed, 300).map((r) => (withHouseholds ? { ...r, households: typeof r.households === 'number' && r.households >= 0 ? r.households : 7 } : { id: r.id, geometry: r.geometry }));
        const nested: Dataset = { communities, facilities, green: greens, residential: land };
        const flat: Dataset = { communities, facilities, green: greens, residentialLayer: flatOf(land) };
        const a = prepareAudit(nested, preset), b = prepareAudit(flat, preset);
        expect(a.basis.some((x) => x.kind !== 'community-area')).toBe(true);
        expect(b.weighting).toBe(withHouseholds ? 'households' : 'area');
        expect(b.weighting).toBe(a.weighting);
        expect(b.basis).toEqual(a.basis);
        expect(b.warnings).toEqual(a.warnings);
        expect(auditDataset(flat, preset)).toEqual(auditDataset(nested, preset));
      });
    }
  }

  it('duplicate ids of a flat layer are warned as for the objects', () => {
    const land: ResidentialLand[] = [{ id: 'X', households: 5, geometry: [[rect(10, 10, 20, 20)]] }, { id: 'X', households: 5, geometry: [[rect(30, 10, 40, 20)]] }];
    const w = prepareAudit({ communities, facilities, green: [], residentialLayer: flatOf(land) }, preset).warnings.filter((x) => x.code === 'duplicate_id');
    expect(w.map((x) => [x.layer, x.feature])).toEqual([['residential', 'X']]);
  });

  it('the flat layer replaces the objects when both are given', () => {
    const inside: ResidentialLand[] = [{ id: 'in', households: 10, geometry: [[rect(-600, -600, -500, -500)]] }];
    const r = auditDataset({ communities, facilities, green: [], residential: [], residentialLayer: flatOf(inside) }, preset);
    expect(r.communities[0].coverageBasis).toBe('residential-households');
    expect(r.communities[0].residentialArea_m2).toBeCloseTo(10000, 0);
  });
});

// A lon/lat sanity check of the helpers the flat form is built from (ll is proj4's inverse).
it('a copy of a flat layer without its geometry (another thread projects it) is refused, not projected as empty', () => {
  const land: ResidentialLand[] = [{ id: 'a', households: 3, geometry: [[rect(0, 0, 20, 10)]] }];
  const copy = { ...flatOf(land), geomOffsets: new Uint32Array(0), polygonOffsets: new Uint32Array(0), ringOffsets: new Uint32Array(0), xy: new Float64Array(0), geometryElsewhere: true as const };
  expect(() => projectResidential(copy, createLocalProjection(TEST_CENTER), [])).toThrow(/no geometry/);
});

it('flatOf keeps every lon/lat as given', () => {
  const f = flatOf([{ id: 'a', geometry: [[[ll(0, 0), ll(1, 0), ll(1, 1), ll(0, 0)]]] }]);
  expect(Array.from(f.xy.subarray(2, 4))).toEqual(ll(1, 0));
  expect(Array.from(f.ringOffsets)).toEqual([0, 4]);
});

/** Segments pq and rs share a point: solved for both parameters (a second method, not sign tests). */
function segmentsShare(p: P, q: P, r: P, s: P): boolean {
  const ux = q[0] - p[0], uy = q[1] - p[1], vx = s[0] - r[0], vy = s[1] - r[1];
  const den = ux * vy - uy * vx;
  if (den === 0) return false; // parallel: random vertices give none that overlap
  const t = ((r[0] - p[0]) * vy - (r[1] - p[1]) * vx) / den, u = ((r[0] - p[0]) * uy - (r[1] - p[1]) * ux) / den;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1;
}

describe('projectResidential: the fast path takes exactly the rings that do not cross themselves', () => {
  it('800 random rings of 4–7 vertices (about half crossing): the store keeps the projected vertices as given iff no two edges meet', () => {
    const rand = mulberry32(11);
    const proj = createLocalProjection(TEST_CENTER);
    let simple = 0;
    for (let t = 0; t < 800; t++) {
      const n = 4 + Math.floor(rand() * 4);
      const pts: P[] = [];
      // Vertices near a circle (mostly simple) or anywhere in a 100 m box (mostly crossing).
      const round = rand() < 0.5;
      for (let i = 0; i < n; i++) {
        const a = (2 * Math.PI * i) / n + (rand() - 0.5) * 0.5;
        pts.push(round ? [50 * Math.cos(a), 50 * Math.sin(a)] : [100 * rand(), 100 * rand()]);
      }
      const f = projectResidential([{ id: 'r', geometry: [[ring(pts)]] }], proj, []);
      const xy = pts.map((p) => { const o = new Float64Array(2); const g = ll(p[0], p[1]); proj.forwardTo(g[0], g[1], o, 0); return [o[0], o[1]] as P; });
      let crosses = false;
      for (let i = 0; i < n; i++) {
        for (let j = i + 2; j < n; j++) {
          if (i === 0 && j === n - 1) continue;
          if (segmentsShare(xy[i], xy[i + 1], xy[j], xy[(j + 1) % n])) crosses = true;
        }
      }
      const s = f.store;
      const kept = s.count === 1 && s.polygonRing[1] === 1 && s.ringStart[1] === 2 * n
        && [xy, [...xy].reverse()].some((o) => o.every((p, i) => {
          // The store may start the ring at another vertex: match from where o[0] is.
          const at = Array.from({ length: n }, (_, k) => k).find((k) => s.xy[2 * k] === o[0][0] && s.xy[2 * k + 1] === o[0][1]);
          return at !== undefined && s.xy[2 * ((at + i) % n)] === p[0] && s.xy[2 * ((at + i) % n) + 1] === p[1];
        }));
      expect(kept, `ring ${t}`).toBe(!crosses);
      if (!crosses) simple++;
    }
    expect(simple).toBeGreaterThan(200);
    expect(simple).toBeLessThan(600);
  });
  it('600 random simple rings of 3–64 vertices, either way round, some vertices repeated: vertices, area and box bit for bit as the ring written vertex by vertex', () => {
    const rand = mulberry32(23);
    const proj = createLocalProjection(TEST_CENTER);
    let reversed = 0;
    for (let t = 0; t < 600; t++) {
      // A star-shaped ring (simple) of up to 64 vertices, a few far from the origin (large terms).
      const n = 3 + Math.floor(rand() * 62), cx = (rand() - 0.5) * (t % 5 === 0 ? 60000 : 2000), cy = (rand() - 0.5) * 2000;
      const pts: P[] = Array.from({ length: n }, (_, i) => { const a = (2 * Math.PI * i) / n, r = 20 + 80 * rand(); return [cx + r * Math.cos(a), cy + r * Math.sin(a)]; });
      if (rand() < 0.5) pts.reverse();
      const lonLat = pts.map(([x, y]) => ll(x, y));
      if (n < 62 && rand() < 0.3) lonLat.splice(1, 0, lonLat[1]); // a repeated vertex
      const land = [{ id: 'r', geometry: [[[...lonLat, lonLat[0]]]] }];
      // The second method: each vertex projected on its own, written with vertex() and endRing(),
      // reversed (reverseOpen) when its area comes out negative.
      const xy = lonLat.map((g) => { const o = new Float64Array(2); proj.forwardTo(g[0], g[1], o, 0); return o; });
      const write = (reverse: boolean) => {
        const b = new PolygonStoreBuilder();
        for (const o of xy) b.vertex(o[0], o[1]);
        if (reverse) b.reverseOpen();
        b.endRing();
        b.endPolygon();
        return b.finish();
      };
      let want = write(false);
      if (want.area[0] < 0) { want = write(true); reversed++; }
      for (const f of [projectResidential(land, proj, []), projectResidential(flatOf(land), proj, [])]) {
        const s = f.store;
        expect(s.count, `ring ${t}`).toBe(1);
        expect(s.ringStart[1]).toBe(want.ringStart[1]);
        for (const col of ['xy', 'area', 'bbox'] as const) {
          const got = Array.from(s[col].subarray(0, want[col].length)), exp = Array.from(want[col]);
          expect(got.every((v, k) => Object.is(v, exp[k])), `ring ${t} ${col}`).toBe(true);
        }
      }
    }
    expect(reversed).toBeGreaterThan(200);
    expect(reversed).toBeLessThan(400);
  });
  it('a repeated vertex is dropped (as the store drops it), a clockwise ring turned: by hand, 20 × 10 m', () => {
    const proj = createLocalProjection(TEST_CENTER);
    // Clockwise from (0, 0) with (0, 10) and (20, 0) written twice, closed: four vertices kept.
    const pts: P[] = [[0, 0], [0, 10], [0, 10], [20, 10], [20, 0], [20, 0], [0, 0]];
    const geometry = [[pts.map(([x, y]) => ll(x, y))]];
    for (const f of [projectResidential([{ id: 'r', geometry }], proj, []), projectResidential(flatOf([{ id: 'r', geometry }]), proj, [])]) {
      const s = f.store;
      expect(s.count).toBe(1);
      expect(s.ringStart[1]).toBe(8);
      const xy = Array.from(s.xy.subarray(0, 8), (v) => Math.round(v * 1e6) / 1e6 + 0);
      // Counter-clockwise: (20, 0), (20, 10), (0, 10), (0, 0).
      expect(xy).toEqual([20, 0, 20, 10, 0, 10, 0, 0]);
      expect(s.area[0]).toBeCloseTo(200, 6);
    }
  });
});

describe('projectResidential: the index over the store', () => {
  /** Buildings (8–30 m) in blocks of 12–40 on a grid of 300 m blocks, written block by block (a coherent order). */
  function blockLayer(seed: number, side: number): ResidentialLand[] {
    const rand = mulberry32(seed);
    const land: ResidentialLand[] = [];
    for (let by = 0; by < side; by++) {
      for (let bx = 0; bx < side; bx++) {
        const m = 12 + Math.floor(rand() * 29);
        for (let k = 0; k < m; k++) {
          const x = bx * 300 + rand() * 270 - 1500, y = by * 300 + rand() * 270 - 1500, w = 8 + 22 * rand(), h = 8 + 22 * rand();
          land.push({ id: `R${land.length}`, geometry: [[rect(x, y, x + w, y + h)]], households: 10 });
        }
      }
    }
    return land;
  }
  function shuffled<T>(items: T[], seed: number): T[] {
    const rand = mulberry32(seed), out = [...items];
    for (let k = out.length - 1; k > 0; k--) { const j = Math.floor(rand() * (k + 1)); [out[k], out[j]] = [out[j], out[k]]; }
    return out;
  }
  /** Each polygon's box taken from its vertices (minX, minY, maxX, maxY), not from the store's box column. */
  function boxesFromVertices(s: PolygonStore): Float64Array {
    const out = new Float64Array(4 * s.count);
    for (let p = 0; p < s.count; p++) {
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (let v = s.ringStart[s.polygonRing[p]]; v < s.ringStart[s.polygonRing[p + 1]]; v += 2) {
        x0 = Math.min(x0, s.xy[v]); x1 = Math.max(x1, s.xy[v]); y0 = Math.min(y0, s.xy[v + 1]); y1 = Math.max(y1, s.xy[v + 1]);
      }
      out.set([x0, y0, x1, y1], 4 * p);
    }
    return out;
  }
  /** The store's boxes are its vertices' and the index is byte for byte packedFlatbush's over a copy of them (storeIndex's). */
  function check(land: ResidentialLand[] | ReturnType<typeof flatOf>) {
    const r = projectResidential(land, createLocalProjection(TEST_CENTER), []);
    const boxes = boxesFromVertices(r.store);
    expect(Array.from(r.store.bbox)).toEqual(Array.from(boxes));
    const expected = packedFlatbush(boxes, r.store.count, true)!;
    expect(new Uint8Array(r.index!.data)).toEqual(new Uint8Array(expected.data));
    const rand = mulberry32(9);
    for (let q = 0; q < 50; q++) {
      const x0 = rand() * 4000 - 2000, y0 = rand() * 4000 - 2000, x1 = x0 + 400 * rand(), y1 = y0 + 400 * rand();
      const scan: number[] = [];
      for (let k = 0; k < r.store.count; k++) if (boxes[4 * k] <= x1 && boxes[4 * k + 2] >= x0 && boxes[4 * k + 1] <= y1 && boxes[4 * k + 3] >= y0) scan.push(k);
      expect(r.index!.search(x0, y0, x1, y1).sort((a, b) => a - b)).toEqual(scan);
    }
    return r;
  }

  it('a layer written block by block, as objects and flat: the boxes written into the index itself, which keeps their order', () => {
    const land = blockLayer(1, 8);
    for (const layer of [land, flatOf(land)]) {
      const r = check(layer);
      expect(r.store.count).toBe(land.length);
      expect(r.store.bbox.buffer).toBe(r.index!.data);
      expect(Array.from(r.index!._indices.subarray(0, 20))).toEqual(Array.from({ length: 20 }, (_, k) => k));
    }
  });

  it('the same buildings in random order: sorted along the Hilbert curve into an index of its own', () => {
    const r = check(flatOf(shuffled(blockLayer(2, 8), 2)));
    expect(r.store.bbox.buffer).not.toBe(r.index!.data);
  });

  it('a block layer with every tenth feature dropped (no geometry, or a line): an index of its own, the same as over the boxes', () => {
    const line = (f: ResidentialLand): Ring => { const r = f.geometry[0][0]; return [r[0], r[1], r[0]]; };
    const land = blockLayer(3, 8).map((f, k) => (k % 20 === 5 ? { ...f, geometry: [] } : k % 20 === 15 ? { ...f, geometry: [[line(f)]] } : f));
    const r = check(flatOf(land));
    expect(r.store.count).toBe(land.filter((_, k) => k % 10 !== 5).length);
    expect(r.store.bbox.buffer).not.toBe(r.index!.data);
  });

  it('a city-sized layer (34,000 buildings): its large columns and index in shared memory (bulkArrays.ts), the same store and index as in ordinary memory', () => {
    const SAB = SharedArrayBuffer;
    const bytes = (v: ArrayBufferView) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    const land = flatOf(blockLayer(5, 36));
    // check()'s comparisons, byte for byte (a deep toEqual of megabytes takes seconds).
    const project = () => {
      const r = projectResidential(land, createLocalProjection(TEST_CENTER), []);
      const boxes = boxesFromVertices(r.store);
      expect(bytes(r.store.bbox).equals(bytes(boxes))).toBe(true);
      expect(Buffer.from(r.index!.data).equals(Buffer.from(packedFlatbush(boxes, r.store.count, true)!.data))).toBe(true);
      return r;
    };
    const shared = project();
    // Vertices (2.2 MB) and the index (1.2 MB) are large; the per-ring and per-building columns (≤ 0.3 MB) are not.
    expect(shared.store.xy.buffer).toBeInstanceOf(SAB);
    expect(shared.index!.data).toBeInstanceOf(SAB);
    expect(shared.store.bbox.buffer).toBe(shared.index!.data);
    expect(shared.store.ringStart.buffer).toBeInstanceOf(ArrayBuffer);
    expect(shared.households.buffer).toBeInstanceOf(ArrayBuffer);
    vi.stubGlobal('SharedArrayBuffer', undefined);
    try {
      const plain = project();
      expect(plain.store.xy.buffer).toBeInstanceOf(ArrayBuffer);
      expect(plain.index!.data).toBeInstanceOf(ArrayBuffer);
      for (const k of ['xy', 'ringStart', 'polygonRing', 'area', 'bbox', 'weight'] as const) expect(bytes(plain.store[k]).equals(bytes(shared.store[k])), k).toBe(true);
      expect(bytes(plain.households).equals(bytes(shared.households))).toBe(true);
      expect(Buffer.from(plain.index!.data).equals(Buffer.from(shared.index!.data))).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('16 features or fewer (one node): an index of their own', () => {
    const r = check(blockLayer(4, 1).slice(0, 16));
    expect(r.store.count).toBe(16);
    expect(r.store.bbox.buffer).not.toBe(r.index!.data);
  });
});
