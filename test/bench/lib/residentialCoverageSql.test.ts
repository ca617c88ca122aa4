// The PostGIS bench's residential SQL against shares worked out by hand: households spread over
// each footprint's whole area (a footprint half inside a community brings half its households),
// overlapping footprints counted each with its own households, and a community without residential
// land measured over its own area. Skipped when PostgreSQL with PostGIS is not installed.
import { afterAll, describe, expect, it } from 'vitest';
import { startPostgis } from '../../../bench/lib/postgis';
import { residentialCoverageSql } from '../../../bench/lib/residentialCoverageSql';

const server = startPostgis();
const box = (x0: number, y0: number, x1: number, y1: number) => `ST_GeomFromText('POLYGON((${x0} ${y0},${x1} ${y0},${x1} ${y1},${x0} ${y1},${x0} ${y0}))')`;
const point = (x: number, y: number) => `ST_MakePoint(${x}, ${y})`;

describe.skipIf('reason' in server)('residentialCoverageSql', () => {
  afterAll(() => { if (!('reason' in server)) server.stop(); });

  it('gives the households-weighted shares of the audit definition', () => {
    if ('reason' in server) return;
    server.sql([
      'CREATE TABLE tc (id text, geom geometry); CREATE TABLE tf (category text, geom geometry);',
      'CREATE TABLE tr (households float8, geom geometry); CREATE TABLE tcircles (category text, r float8);',
      // C1: 100 m square with three footprints: A (100 households) and C (40) overlapping, both
      // inside; B (50 households, 100 m²) half inside, its other half in no community.
      // C2: 100 m square without residential land.
      `INSERT INTO tc VALUES ('C1', ${box(0, 0, 100, 100)}), ('C2', ${box(400, 0, 500, 100)});`,
      `INSERT INTO tr VALUES (100, ${box(0, 0, 10, 10)}), (40, ${box(5, 0, 15, 10)}), (50, ${box(95, 0, 105, 10)});`,
      "INSERT INTO tcircles VALUES ('a', 30), ('b', 107);",
      // a: reaches A and C whole (farthest corner 15.8 m), nothing of B; and a disc wholly inside C2.
      // b: reaches B's inside half whole (farthest corner 105.1 m, under the 64-gon's inradius
      // 106.87 m), nothing of A, C or C2.
      `INSERT INTO tf VALUES ('a', ${point(0, 5)}), ('a', ${point(450, 50)}), ('b', ${point(200, 5)});`,
      residentialCoverageSql({ prefix: 't', quadSegs: 16 }),
    ].join('\n'));
    const rows = Object.fromEntries(server.sql("SELECT id || ' ' || category || '|' || share FROM tcoverage;").trim().split('\n').map((l) => {
      const [k, v] = l.split('|');
      return [k, Number(v)];
    }));
    expect(Object.keys(rows).sort()).toEqual(['C1 a', 'C1 b', 'C2 a']);
    // Households on C1's residential land: 100 + 40 + 50 × 50/100 = 165.
    expect(rows['C1 a']).toBeCloseTo(140 / 165, 9);
    expect(rows['C1 b']).toBeCloseTo(25 / 165, 9);
    // C2 on its own area: a 64-gon of circumradius 30 m (area 32 × 30² × sin(2π/64)) of 10,000 m².
    expect(rows['C2 a']).toBeCloseTo((32 * 900 * Math.sin((2 * Math.PI) / 64)) / 10_000, 9);
  });
});
