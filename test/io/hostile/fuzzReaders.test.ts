// Seeded fuzz of every reader: a few hundred mutated files of each format (GeoJSON, FlatGeobuf,
// Shapefile set and zip, CSV, XLSX, OSM XML and PBF). Every read ends within a time bound (in a
// worker, so a synchronous spin is caught) with features or an error naming the file (an OSM
// extract without the layer's features: a warning naming it). The longer
// run: `npm run bench -- fuzz` (bench/fuzzReaders.bench.ts).
import { describe, expect, it } from 'vitest';
import { readLayer } from '../../../src/io/import/readLayer';
import { fixtureFiles } from '../fixtureFiles';
import { fuzzCases } from './fuzzCases';
import { readWithDeadline } from './readWithDeadline';

const PER_FORMAT = 200;
const SEED = 20261202;
/** Generous for small files on a loaded 2-core machine; a reader that spins takes forever. */
const BOUND_MS = 10_000;

describe('reader fuzz', () => {
  it(`${PER_FORMAT} mutated files of each format: each read ends in ${BOUND_MS / 1000} s with features or an error naming the file`, async () => {
    const cases = fuzzCases(PER_FORMAT, SEED);
    const outcomes = await readWithDeadline(cases, BOUND_MS);
    const bad: string[] = [];
    outcomes.forEach((o, i) => {
      const c = cases[i];
      const tag = `${c.format} #${i} (${c.mutated})`;
      if ('hang' in o) return void bad.push(`${tag}: no answer within ${o.ms} ms`);
      if (o.thrown !== undefined) {
        if (!c.files.some((f) => o.thrown!.includes(f.name))) bad.push(`${tag}: threw without naming the file: ${o.thrown}`);
        return;
      }
      if (o.features > 0) return;
      // No features: an error (or, for an OSM extract without this layer, a warning) names the file.
      const said = o.errors.length ? o.errors : o.warnings;
      if (said.length === 0) return void bad.push(`${tag}: no features and no error`);
      const unnamed = said.filter((e) => !c.files.some((f) => e.includes(f.name)));
      if (unnamed.length) bad.push(`${tag}: error not naming the file: ${unnamed[0]}`);
    });
    expect(bad.slice(0, 30)).toEqual([]);
  }, 300_000);
});

describe('cases the fuzz found', () => {
  it('a Polygon whose coordinates member is misspelt is an error naming file, feature and field (it threw a TypeError)', async () => {
    const l = await readLayer(fixtureFiles('hostile/geojson-polygon-without-coordinates.geojson'), 'communities');
    const e = l.problems.filter((p) => p.severity === 'error');
    expect(e).toHaveLength(1);
    expect(e[0].file).toMatch(/geojson-polygon-without-coordinates\.geojson$/);
    expect([e[0].feature, e[0].field, e[0].message]).toEqual(['0 (id C1)', 'geometry', 'Polygon coordinates are missing or not nested 3 deep']);
    expect(l.features.map((c) => c.id)).toEqual(['C2']);
  });
});
