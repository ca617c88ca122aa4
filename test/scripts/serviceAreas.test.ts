import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiLineString, Polygon, MultiPolygon, Position } from 'geojson';
import { featureCollectionChunks, runServiceAreas, InputError } from '../../scripts/serviceAreas';
import { readFlatGeobuf } from '../../src/io/flatgeobuf';

const fx = (name: string) => `test/fixtures/network/${name}`;
const roads = fx('river-with-bridge.roads.geojson');
const facilities = fx('river-with-bridge.facilities.geojson');

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', ['--import', 'tsx', 'scripts/serviceAreas.ts', ...args], { cwd: process.cwd() }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const byKind = (fc: FeatureCollection, kind: string, facility: string, distance: number) =>
  fc.features.find((f) => f.properties?.kind === kind && f.properties?.facility === facility && f.properties?.distance === distance)!;

describe('service-areas command', () => {
  it('network mode: network and area per facility and distance, lengths by hand', async () => {
    // Fixture (metres, converted to lon/lat around 118.78°E 32.05°N): near bank y=0 and far bank
    // y=100, x ∈ [0, 1000], one bridge at x=500. k1 at (100, −10): connector 10.
    const { collection } = await runServiceAreas(['--facilities', facilities, '--roads', roads, '--distances', '300,600,1000', '--category', 'kindergarten']);
    expect(collection.features).toHaveLength(3 * 2);
    // 300: west 100 (to the end at x=0) + east 290 = 390.
    expect(byKind(collection, 'network', 'k1', 300).properties!.length_m).toBeCloseTo(390, 1);
    // 600: near bank 100 + 590; bridge 100 (reached at 410); far bank 90 each way from x=500.
    expect(byKind(collection, 'network', 'k1', 600).properties!.length_m).toBeCloseTo(100 + 590 + 100 + 180, 1);
    // 1000: near bank 1000; bridge 100; far bank 490 + 490 (from 510 at x=500).
    expect(byKind(collection, 'network', 'k1', 1000).properties!.length_m).toBeCloseTo(1000 + 100 + 980, 1);
    for (const d of [300, 600, 1000]) expect(['Polygon', 'MultiPolygon']).toContain(byKind(collection, 'area', 'k1', d).geometry.type);
    // Network line lengths measured independently on the ellipsoid-ish sphere (turf) agree.
    const net = byKind(collection, 'network', 'k1', 1000) as Feature<LineString | MultiLineString>;
    expect(turf.length(net, { units: 'meters' })).toBeCloseTo(2080, -1);
  });

  it('bands nest and the far bank stays outside the 300 m area', async () => {
    const { collection } = await runServiceAreas(['--facilities', facilities, '--roads', roads, '--distances', '300,600', '--category', 'kindergarten']);
    const a300 = byKind(collection, 'area', 'k1', 300) as Feature<Polygon | MultiPolygon>;
    const a600 = byKind(collection, 'area', 'k1', 600) as Feature<Polygon | MultiPolygon>;
    const ring = (a300.geometry.type === 'Polygon' ? a300.geometry.coordinates[0] : a300.geometry.coordinates[0][0]) as Position[];
    // Points just inside the 300 m area's outer ring (towards its centroid) are in the 600 m area.
    const c = turf.centroid(a300).geometry.coordinates;
    for (const p of ring) {
      const q = [p[0] + (c[0] - p[0]) * 0.01, p[1] + (c[1] - p[1]) * 0.01];
      expect(turf.booleanPointInPolygon(q, a600)).toBe(true);
    }
    // The far-bank road at x = 100 (network distance 910 m) is not in the 300 m area.
    const farBank = (JSON.parse(readFileSync(roads, 'utf8')) as FeatureCollection<LineString>).features[1].geometry.coordinates;
    const mid = [(farBank[0][0] + farBank[1][0]) / 2, (farBank[0][1] + farBank[1][1]) / 2];
    expect(turf.booleanPointInPolygon(mid, a300)).toBe(false);
  });

  it('euclidean mode writes geodesic circles only', async () => {
    const { collection } = await runServiceAreas(['--facilities', facilities, '--mode', 'euclidean', '--distances', '500']);
    expect(collection.features).toHaveLength(2);
    const f = collection.features[0] as Feature<Polygon>;
    expect(f.properties!.kind).toBe('area');
    const center = (JSON.parse(readFileSync(facilities, 'utf8')) as FeatureCollection).features[0].geometry as unknown as { coordinates: Position };
    // Every vertex 500 m from the centre: turf's spherical distance agrees within 0.5 %.
    for (const p of f.geometry.coordinates[0]) expect(turf.distance(center.coordinates, p, { units: 'meters' })).toBeCloseTo(500, -1);
    expect(turf.area(f)).toBeGreaterThan(Math.PI * 500 * 500 * 0.99);
    expect(turf.area(f)).toBeLessThan(Math.PI * 500 * 500 * 1.01);
  });

  it('bad input names the file, the feature and the field', async () => {
    await expect(runServiceAreas(['--facilities', fx('facility-with-line-geometry.geojson'), '--roads', roads, '--distances', '300'])).rejects.toThrow(
      /facility-with-line-geometry\.geojson: feature 1 \(id bad\): field geometry/,
    );
    await expect(runServiceAreas(['--facilities', facilities, '--roads', roads, '--distances', '300,abc'])).rejects.toThrow(InputError);
    await expect(runServiceAreas(['--facilities', facilities, '--distances', '300'])).rejects.toThrow(/--roads is required/);
    await expect(runServiceAreas(['--facilities', facilities, '--roads', roads, '--distances', '300', '--category', 'pizzeria'])).rejects.toThrow(/--category/);
    // Gauss-Krüger metres without a CRS: said so (a whole-layer problem), with the CRS flag to use.
    const dir = mkdtempSync(join(tmpdir(), 'sa-'));
    const metres = join(dir, 'roads-in-metres.geojson');
    writeFileSync(metres, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'r1' }, geometry: { type: 'LineString', coordinates: [[500000, 3500000], [500100, 3500000]] } }] }));
    await expect(runServiceAreas(['--facilities', facilities, '--roads', metres, '--distances', '300'])).rejects.toThrow(/roads-in-metres\.geojson: coordinates .*cannot be longitude\/latitude[\s\S]*--roads-crs EPSG:45/);
    // With the CRS named (CGCS2000 GK CM 114°E), it reads.
    await expect(runServiceAreas(['--facilities', facilities, '--roads', metres, '--distances', '300', '--roads-crs', 'EPSG:4547'])).resolves.toBeTruthy();
  });

  it('exit status 2 and nothing written on error; .fgb output readable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sa-'));
    const bad = join(dir, 'bad.geojson');
    const r = await run(['--facilities', fx('facility-with-line-geometry.geojson'), '--roads', roads, '--distances', '300', '--out', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/feature 1 \(id bad\): field geometry/);
    expect(existsSync(bad)).toBe(false);
    const good = join(dir, 'areas.fgb');
    const ok = await run(['--facilities', facilities, '--roads', roads, '--distances', '300', '--out', good]);
    expect(ok.code).toBe(0);
    const back = await readFlatGeobuf(new Uint8Array(readFileSync(good)));
    expect(back.collection.features.map((f) => f.properties?.kind).sort()).toEqual(['area', 'area', 'network', 'network']);
  }, 60_000);

  it('streams the GeoJSON feature by feature: to --out and to stdout, the same text as the whole collection serialised at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sa-stream-'));
    for (const args of [
      ['--facilities', facilities, '--roads', roads, '--distances', '300,600', '--category', 'kindergarten'],
      ['--facilities', facilities, '--mode', 'euclidean', '--distances', '300,500,1000'],
    ]) {
      // The second method: every feature in memory, serialised in one JSON.stringify (the command's output before streaming).
      const { collection } = await runServiceAreas(args);
      const whole = JSON.stringify(collection);
      const file = join(dir, `${args.includes('euclidean') ? 'euclidean' : 'network'}.geojson`);
      const toFile = await run([...args, '--out', file]);
      expect(toFile.code, toFile.stderr).toBe(0);
      expect(readFileSync(file, 'utf8')).toBe(whole);
      expect(toFile.stderr).toContain(`${collection.features.length} features\nwrote ${file}`);
      const toStdout = await run(args);
      expect(toStdout.code, toStdout.stderr).toBe(0);
      expect(toStdout.stdout).toBe(`${whole}\n`);
      const back = JSON.parse(toStdout.stdout) as FeatureCollection;
      expect(back.type).toBe('FeatureCollection');
      // Hand count: network mode 1 kindergarten × 2 distances × (network + area); euclidean 2 facilities × 3 circles.
      expect(back.features.length).toBe(args.includes('euclidean') ? 2 * 3 : 1 * 2 * 2);
    }
  }, 120_000);

  it('cuts the collection text into chunks of whole features, long features on their own, the same text as one JSON.stringify', () => {
    // Features of a few bytes and of over 64 kB (a line of 6,000 vertices), in every order: first, last, consecutive.
    const feature = (id: number, vertices: number): Feature => ({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: Array.from({ length: vertices }, (_, k) => [118.78 + k * 1.234567e-5, 32.05 + id * 1e-3]) },
      properties: { id, kind: 'network' },
    });
    const sizes = [6000, 2, 3, 6000, 6000, 2, 6000, 4, 2];
    for (const list of [[], sizes.slice(0, 1), sizes.slice(1, 3), sizes, [...sizes].reverse()]) {
      const features = list.map((v, i) => feature(i, v));
      const chunks = [...featureCollectionChunks(features)];
      // The second method: the whole collection at once.
      expect(chunks.join('')).toBe(JSON.stringify({ type: 'FeatureCollection', features }));
      // Every long feature's text is a chunk of its own.
      for (const f of features) {
        const text = JSON.stringify(f);
        if (text.length >= 1 << 16) expect(chunks).toContain(text);
      }
    }
  });
});
