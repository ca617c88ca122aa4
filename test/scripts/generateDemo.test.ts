// The demo district generator: byte-identical regeneration, a gap-free and overlap-free tiling,
// counts in the ranges of the brief, a network whose lines meet only at shared vertices, and the
// river crossed only on bridges. Areas are checked with turf (geodesic) and overlaps with
// clipper (integer arithmetic): methods independent of the generator's own shoelace sums.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import ClipperLib from 'clipper-lib';
import type { FeatureCollection } from 'geojson';
import { FACILITY_CATEGORIES } from '../../src/engine/types';
import type { Community, Facility, GreenSpace, MultiPolygonCoords, Position, RoadLine } from '../../src/engine/types';
import { communitiesFromGeoJSON, facilitiesFromGeoJSON, greenFromGeoJSON, roadsFromGeoJSON, toMultiPolygon } from '../../src/io/canonical';
import { readFlatGeobuf } from '../../src/io/flatgeobuf';
import { parseDemoArgs, writeDemo } from '../../scripts/generateDemo';
import { OUTLINE } from '../../scripts/demo/layout';
import { toLocal, toLonLat } from '../../scripts/demo/project';
import type { DemoMeta } from '../../scripts/demo/generate';
import { auditDataset } from '../../src/engine/audit';
import { getPreset } from '../../src/engine/presets';

const dirA = mkdtempSync(join(tmpdir(), 'demo-a-'));
const dirB = mkdtempSync(join(tmpdir(), 'demo-b-'));
const quiet = (): void => {};

let communities: Community[], facilities: Facility[], green: GreenSpace[], roads: RoadLine[], water: FeatureCollection, meta: DemoMeta, residential: FeatureCollection;

const read = async (name: string): Promise<FeatureCollection> => (await readFlatGeobuf(new Uint8Array(readFileSync(join(dirA, name))))).collection;

beforeAll(async () => {
  await writeDemo({ seed: 7, out: dirA, ifMissing: false }, quiet);
  await writeDemo({ seed: 7, out: dirB, ifMissing: false }, quiet);
  communities = communitiesFromGeoJSON(await read('communities.fgb'));
  facilities = facilitiesFromGeoJSON(await read('facilities.fgb'));
  green = greenFromGeoJSON(await read('green.fgb'));
  roads = roadsFromGeoJSON(await read('roads.fgb'));
  water = await read('water.fgb');
  residential = await read('residential.fgb');
  meta = JSON.parse(readFileSync(join(dirA, 'meta.json'), 'utf8'));
}, 120_000);

const geodesicArea = (g: MultiPolygonCoords): number => turf.area(turf.multiPolygon(g));

describe('generateDemo', () => {
  it('regenerates byte-identical files from the same seed', () => {
    const names = readdirSync(dirA).sort();
    expect(names).toEqual(['communities.fgb', 'facilities.fgb', 'green.fgb', 'meta.json', 'residential.fgb', 'roads.fgb', 'water.fgb']);
    for (const n of names) expect(Buffer.compare(readFileSync(join(dirA, n)), readFileSync(join(dirB, n))), n).toBe(0);
  });

  it('parses its command line', () => {
    expect(parseDemoArgs(['--seed', '42', '--out', 'x', '--if-missing'])).toEqual({ seed: 42, out: 'x', ifMissing: true });
    expect(() => parseDemoArgs(['--seed', 'abc'])).toThrow(/--seed/);
    expect(() => parseDemoArgs(['--bogus'])).toThrow(/unknown argument/);
  });

  it('--if-missing leaves an existing district alone', async () => {
    expect(await writeDemo({ seed: 8, out: dirB, ifMissing: true }, quiet)).toEqual([]);
  });

  it('is labelled synthetic and counts match the layers', () => {
    expect(meta.synthetic).toBe(true);
    expect(meta.name.zh).toContain('示范区');
    expect(meta.name.en).toMatch(/synthetic/i);
    expect(meta.seed).toBe(7);
    expect(meta.counts.communities).toBe(communities.length);
    expect(meta.counts.facilities).toBe(facilities.length);
    expect(meta.counts.households).toBe(communities.reduce((s, c) => s + (c.households ?? 0), 0));
  });

  it('has 100–150 communities with unique ids and names, plausible households, some rural', () => {
    expect(communities.length).toBeGreaterThanOrEqual(100);
    expect(communities.length).toBeLessThanOrEqual(150);
    expect(new Set(communities.map((c) => c.id)).size).toBe(communities.length);
    expect(new Set(communities.map((c) => c.name)).size).toBe(communities.length);
    for (const c of communities) {
      expect(c.households, c.id).toBeGreaterThanOrEqual(600);
      expect(c.households, c.id).toBeLessThanOrEqual(5200);
      expect(c.street, c.id).toMatch(/(街道|镇)$/);
      // Density consistent with the setting: villages sparse, urban compounds dense (households per km²).
      const density = (c.households ?? 0) / (geodesicArea(c.geometry) / 1e6);
      if (c.setting === 'rural') expect(density, c.id).toBeLessThan(3000);
      else expect(density, c.id).toBeGreaterThan(5000);
    }
    const rural = communities.filter((c) => c.setting === 'rural').length;
    expect(rural).toBeGreaterThanOrEqual(3);
    expect(communities.filter((c) => c.geometry.some((p) => p.length > 1)).length, 'with holes').toBeGreaterThan(0);
    expect(communities.filter((c) => c.geometry.length > 1).length, 'two parts').toBeGreaterThan(0);
    expect(communities.some((c) => c.resettlement)).toBe(true);
  });

  it('has 600+ facilities covering every category, with floor areas', () => {
    expect(facilities.length).toBeGreaterThanOrEqual(600);
    for (const cat of FACILITY_CATEGORIES) expect(facilities.filter((f) => f.category === cat).length, cat).toBeGreaterThan(0);
    for (const f of facilities) {
      expect(f.floorArea, f.id).toBeGreaterThan(0);
      expect(f.name, f.id).toBeTruthy();
    }
    expect(new Set(facilities.map((f) => f.id)).size).toBe(facilities.length);
  });

  it('puts every facility inside a community; some largest stations are under 300 m², most not', () => {
    const polys = communities.map((c) => turf.multiPolygon(c.geometry));
    const boxes = polys.map((p) => turf.bbox(p));
    const largest = new Map<string, number>();
    for (const f of facilities) {
      const pt = turf.point(f.position);
      const i = polys.findIndex((p, i) => f.position[0] >= boxes[i][0] && f.position[0] <= boxes[i][2] && f.position[1] >= boxes[i][1] && f.position[1] <= boxes[i][3] && turf.booleanPointInPolygon(pt, p));
      expect(i, f.id).toBeGreaterThanOrEqual(0);
      if (f.category === 'community_service') largest.set(communities[i].id, Math.max(largest.get(communities[i].id) ?? 0, f.floorArea ?? 0));
    }
    // Every community has a station; a few urban ones are below 300 m² (deliberate), most are not.
    expect(largest.size).toBe(communities.length);
    const small = communities.filter((c) => c.setting === 'urban' && (largest.get(c.id) ?? 0) < 300).length;
    expect(small).toBeGreaterThan(0);
    expect(small).toBeLessThan(communities.length / 5);
  });

  it('has parks, other green, a river and a lake', () => {
    expect(green.some((g) => g.kind === 'park')).toBe(true);
    expect(green.some((g) => g.kind === 'green')).toBe(true);
    const kinds = water.features.map((f) => f.properties?.kind).sort();
    expect(kinds).toContain('river');
    expect(kinds).toContain('lake');
  });

  it('communities, green and the river tile the district: areas add up, nothing overlaps', () => {
    const river = water.features.filter((f) => f.properties?.kind === 'river').map((f) => toMultiPolygon(f.geometry)!);
    const lakes = water.features.filter((f) => f.properties?.kind === 'lake').map((f) => toMultiPolygon(f.geometry)!);
    const pieces: MultiPolygonCoords[] = [...communities.map((c) => c.geometry), ...green.map((g) => g.geometry), ...river, ...lakes];
    // Pairwise overlap in integer centimetres (clipper), bbox-prefiltered.
    const paths = pieces.map((g) => g.flatMap((poly) => poly.map((ring) => ring.slice(0, -1).map((p) => {
      const [x, y] = toLocal(p);
      return { X: Math.round(x * 100), Y: Math.round(y * 100) };
    }))));
    const boxes = paths.map((ps) => {
      const xs = ps.flat().map((p) => p.X), ys = ps.flat().map((p) => p.Y);
      return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    });
    // District by hand: 8000 × 6000 m minus the cut north-east corner 1000 × 800 / 2 = 47,600,000 m²
    // in the local projection; pieces measured by clipper (signed: holes are clockwise, so they subtract).
    expect(OUTLINE).toEqual([[-4000, -3000], [4000, -3000], [4000, 2200], [3000, 3000], [-4000, 3000]]);
    const sum = paths.reduce((s, ps) => s + ps.reduce((t, p) => t + ClipperLib.Clipper.Area(p), 0), 0) / 1e4;
    expect(Math.abs(sum - 47_600_000)).toBeLessThan(50);
    // The geodesic areas (turf) agree with the projected ones near the projection centre.
    const geo = pieces.reduce((s, g) => s + geodesicArea(g), 0);
    expect(Math.abs(geo - 47_600_000) / 47_600_000).toBeLessThan(1e-3);
    let total = 0, worst = 0;
    for (let i = 0; i < paths.length; i++) {
      for (let j = i + 1; j < paths.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        if (a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1]) continue;
        const c = new ClipperLib.Clipper();
        c.AddPaths(paths[i], ClipperLib.PolyType.ptSubject, true);
        c.AddPaths(paths[j], ClipperLib.PolyType.ptClip, true);
        const sol: ClipperLib.Paths = [];
        c.Execute(ClipperLib.ClipType.ctIntersection, sol, ClipperLib.PolyFillType.pftEvenOdd, ClipperLib.PolyFillType.pftEvenOdd);
        const area = Math.abs(sol.reduce((s, p) => s + ClipperLib.Clipper.Area(p), 0)) / 1e4; // cm² → m²
        total += area;
        worst = Math.max(worst, area);
      }
    }
    expect(worst).toBeLessThan(0.5);
    expect(total).toBeLessThan(5);
  });

  it('stays inside the stated bbox', () => {
    const [x0, y0, x1, y1] = meta.bbox;
    const inside = (p: Position): boolean => p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1;
    for (const c of communities) for (const poly of c.geometry) for (const r of poly) for (const p of r) expect(inside(p), c.id).toBe(true);
    for (const f of facilities) expect(inside(f.position), f.id).toBe(true);
    for (const r of roads) for (const p of r.coordinates) expect(inside(p), r.id).toBe(true);
    for (const g of green) for (const poly of g.geometry) for (const r of poly) for (const p of r) expect(inside(p), g.id).toBe(true);
  });

  it('network lines meet only at shared vertices; ends are junctions or the stated dead ends', () => {
    const key = (p: Position): string => `${p[0]},${p[1]}`;
    const linesAt = new Map<string, Set<number>>();
    roads.forEach((r, i) => r.coordinates.forEach((p) => (linesAt.get(key(p)) ?? linesAt.set(key(p), new Set()).get(key(p))!).add(i)));
    let deadEnds = 0;
    roads.forEach((r, i) => {
      for (const p of [r.coordinates[0], r.coordinates[r.coordinates.length - 1]]) {
        const others = [...linesAt.get(key(p))!].filter((j) => j !== i);
        if (others.length === 0) deadEnds++;
      }
    });
    expect(deadEnds).toBe(meta.counts.deadEnds);
    expect(deadEnds).toBeGreaterThan(0);

    // No two segments cross except at a shared vertex (grid-bucketed, local metres).
    type Seg = { a: [number, number]; b: [number, number]; ka: string; kb: string; line: number };
    const segs: Seg[] = [];
    roads.forEach((r, i) => {
      for (let k = 0; k + 1 < r.coordinates.length; k++) segs.push({ a: toLocal(r.coordinates[k]), b: toLocal(r.coordinates[k + 1]), ka: key(r.coordinates[k]), kb: key(r.coordinates[k + 1]), line: i });
    });
    const cell = 200, grid = new Map<string, number[]>();
    segs.forEach((s, i) => {
      for (let gx = Math.floor(Math.min(s.a[0], s.b[0]) / cell); gx <= Math.floor(Math.max(s.a[0], s.b[0]) / cell); gx++)
        for (let gy = Math.floor(Math.min(s.a[1], s.b[1]) / cell); gy <= Math.floor(Math.max(s.a[1], s.b[1]) / cell); gy++)
          (grid.get(`${gx},${gy}`) ?? grid.set(`${gx},${gy}`, []).get(`${gx},${gy}`)!).push(i);
    });
    const cross = (p: [number, number], q: [number, number], r: [number, number]): number => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
    let bad = 0;
    const checked = new Set<string>();
    for (const list of grid.values()) {
      for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) {
        const s = segs[list[x]], t = segs[list[y]];
        if (s.ka === t.ka || s.ka === t.kb || s.kb === t.ka || s.kb === t.kb) continue; // meet at a shared vertex
        const id = `${Math.min(list[x], list[y])},${Math.max(list[x], list[y])}`;
        if (checked.has(id)) continue;
        checked.add(id);
        const d1 = cross(s.a, s.b, t.a), d2 = cross(s.a, s.b, t.b), d3 = cross(t.a, t.b, s.a), d4 = cross(t.a, t.b, s.b);
        if (d1 * d2 < 0 && d3 * d4 < 0) bad++;
      }
    }
    expect(bad).toBe(0);
  });

  it('crosses the river only on bridges, which land on both banks', () => {
    const riverFeature = water.features.find((f) => f.properties?.kind === 'river')!;
    const ring = toMultiPolygon(riverFeature.geometry)![0][0].map(toLocal);
    const inRiver = (p: [number, number]): boolean => {
      let inside = false;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i], [xj, yj] = ring[j];
        if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
      }
      return inside;
    };
    const distToRing = (p: [number, number]): number => {
      let d = Infinity;
      for (let i = 0; i + 1 < ring.length; i++) d = Math.min(d, turf.pointToLineDistance(turf.point(toLonLat(p)), turf.lineString([toLonLat(ring[i]), toLonLat(ring[i + 1])]), { units: 'meters' }));
      return d;
    };
    let bridges = 0;
    for (const r of roads) {
      const pts = r.coordinates.map(toLocal);
      const wet = pts.slice(1).some((q, k) => {
        const m: [number, number] = [(q[0] + pts[k][0]) / 2, (q[1] + pts[k][1]) / 2];
        return inRiver(m) && (r.kind === 'bridge' || distToRing(m) > 0.5);
      });
      if (r.kind === 'bridge') {
        bridges++;
        expect(wet, r.id).toBe(true);
        // Both ends sit on the banks and on other roads.
        for (const p of [r.coordinates[0], r.coordinates[r.coordinates.length - 1]]) {
          expect(distToRing(toLocal(p))).toBeLessThan(0.05);
          expect(roads.some((o) => o !== r && o.coordinates.some((q) => q[0] === p[0] && q[1] === p[1]))).toBe(true);
        }
      } else expect(wet, `${r.id} (${r.kind}) crosses water`).toBe(false);
    }
    expect(bridges).toBe(meta.counts.bridges);
    expect(bridges).toBeGreaterThanOrEqual(2);
  });

  it('fails the default preset for about a third of communities, for different reasons', () => {
    const result = auditDataset({ communities, facilities, green, roads }, getPreset('national-2022')!, { mode: 'euclidean' });
    expect(result.warnings).toEqual([]);
    const failing = result.communities.filter((c) => c.status === 'fail');
    expect(failing.length / communities.length).toBeGreaterThan(0.2);
    expect(failing.length / communities.length).toBeLessThan(0.45);
    const rules = new Set(failing.flatMap((c) => c.failures.map((f) => f.rule)));
    for (const r of ['areaPer100Households', 'stationMinArea', 'parkCoverage', 'lifeCircle', 'sixOnes'] as const) expect(rules, r).toContain(r);
    // What was built in on purpose shows up: small stations fail stationMinArea, low totals fail
    // areaPer100Households, and the rural fringe is short of the 15-minute health centre somewhere.
    const byId = new Map(result.communities.map((c) => [c.id, c]));
    for (const [id, defect] of Object.entries(meta.design.defects)) {
      const fails = byId.get(id)!.failures.map((f) => f.rule);
      if (defect === 'smallStation') expect(fails, id).toContain('stationMinArea');
      if (defect === 'lowRatio') expect(fails, id).toContain('areaPer100Households');
    }
    const rural = result.communities.filter((c) => c.setting === 'rural');
    expect(rural.some((c) => c.failures.some((f) => f.rule === 'lifeCircle' && f.category === 'health_center'))).toBe(true);
    expect(result.communities.filter((c) => c.setting === 'urban' && c.status === 'pass').length).toBeGreaterThan(communities.length / 2);
  });

  it('residential land: households add up to each community\'s, inside it; villages are a few hamlets; one community has none', () => {
    const byCommunity = new Map<string, { hh: number; n: number; area: number }>();
    const clip = (g: MultiPolygonCoords) => g.flatMap((poly) => poly.map((r) => r.map(toLocal).map(([x, y]) => ({ X: Math.round(x * 100), Y: Math.round(y * 100) }))));
    for (const f of residential.features) {
      const p = f.properties!;
      const e = byCommunity.get(p.community) ?? { hh: 0, n: 0, area: 0 };
      e.hh += p.households;
      e.n++;
      e.area += geodesicArea(toMultiPolygon(f.geometry)!);
      byCommunity.set(p.community, e);
    }
    expect(meta.counts.residentialParcels).toBe(residential.features.length);
    const gap = meta.design.noResidentialLand;
    expect(byCommunity.has(gap)).toBe(false);
    for (const c of communities) {
      if (c.id === gap) continue;
      const e = byCommunity.get(c.id)!;
      expect(e.hh, c.id).toBe(c.households);
      // Villages: 2–4 hamlets covering a small part of their land; urban: most of it (setbacks).
      const share = e.area / geodesicArea(c.geometry);
      if (c.setting === 'rural') {
        expect(e.n, c.id).toBeGreaterThanOrEqual(2);
        expect(e.n, c.id).toBeLessThanOrEqual(4);
        expect(share, c.id).toBeLessThan(0.25);
      } else expect(share, c.id).toBeGreaterThan(0.3);
    }
    // Every parcel lies inside its community (clipper difference: nothing left outside, to 1 m²).
    const byId = new Map(communities.map((c) => [c.id, c]));
    for (const f of residential.features) {
      const c = new ClipperLib.Clipper();
      c.AddPaths(clip(toMultiPolygon(f.geometry)!), ClipperLib.PolyType.ptSubject, true);
      c.AddPaths(clip(byId.get(f.properties!.community)!.geometry), ClipperLib.PolyType.ptClip, true);
      const out: ClipperLib.Paths = [];
      c.Execute(ClipperLib.ClipType.ctDifference, out, ClipperLib.PolyFillType.pftNonZero, ClipperLib.PolyFillType.pftNonZero);
      const outside = out.reduce((s, p) => s + Math.abs(ClipperLib.Clipper.Area(p)), 0) / 1e4;
      expect(outside, f.properties!.id).toBeLessThan(1);
    }
  });
});
