// Real data: the Nanjing Xuanwu OSM download (/work/shared/data/real, not in the repo).
// Skipped with a message when the folder is absent.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readOsm } from '../../../src/io/osm/index';
import { buildRoadGraph, graphStats } from '../../../src/engine/network/graph';
import { facilityBands } from '../../../src/engine/network/facilityAreas';
import { createLocalProjection, centerOf } from '../../../src/engine/geo/localProjection';
import { differencePaths, toPaths } from '../../../src/engine/network/clip';
import { insideRings } from './helpers';
import ClipperLib from 'clipper-lib';

const file = resolve(process.cwd(), '../shared/data/real/nanjing-xuanwu/xuanwu.osm');
const present = existsSync(file);
if (!present) console.warn(`skipping real-data network tests: ${file} not found`);

describe.skipIf(!present)('Nanjing Xuanwu walking network (real OSM)', async () => {
  const layers = present ? await readOsm(new Uint8Array(readFileSync(file)), 'xuanwu.osm', { layers: ['roads', 'facilities'] }) : null;

  it('builds a graph whose largest component holds most edges', () => {
    const roads = layers!.roads;
    const projection = createLocalProjection(centerOf(roads.flatMap((r) => r.coordinates)));
    const g = buildRoadGraph(roads, projection);
    const s = graphStats(g);
    // README: ≈ 85 km walkable in 383 highway ways; whole ways reach beyond the core.
    expect(s.totalLength_m).toBeGreaterThan(60_000);
    expect(s.edges).toBeGreaterThan(1000);
    expect(s.largestComponentShare).toBeGreaterThan(0.8);
  });

  it("a facility's bands nest and contain its reachable network", () => {
    const roads = layers!.roads;
    const projection = createLocalProjection(centerOf(roads.flatMap((r) => r.coordinates)));
    const g = buildRoadGraph(roads, projection);
    const f = layers!.facilities.find((x) => x.category === 'kindergarten' || x.category === 'primary_school') ?? layers!.facilities[0];
    const res = facilityBands(g, { id: f.id, xy: projection.forward(f.position) }, [300, 500, 1000], { maxOffset_m: 50 });
    expect(res.join).not.toBeNull();
    const [b300, b500, b1000] = res.bands;
    expect(b300.network.length_m).toBeLessThan(b500.network.length_m);
    expect(b500.network.length_m).toBeLessThan(b1000.network.length_m);
    for (const [small, big] of [[b300, b500], [b500, b1000]]) {
      // small − big, shrunk by 1 cm (rounding of union vertices), is empty.
      const diff = differencePaths(toPaths(small.area), toPaths(big.area));
      const co = new ClipperLib.ClipperOffset();
      co.AddPaths(diff, ClipperLib.JoinType.jtMiter, ClipperLib.EndType.etClosedPolygon);
      const shrunk: ClipperLib.Paths = [];
      co.Execute(shrunk, -1);
      expect(shrunk.length).toBe(0);
    }
    // Interior points of the reachable network (midpoints of its stretches) lie in the area.
    let inside = 0;
    let total = 0;
    for (const l of b500.network.lines)
      for (let i = 0; i + 1 < l.length; i++) {
        total++;
        if (insideRings((l[i][0] + l[i + 1][0]) / 2, (l[i][1] + l[i + 1][1]) / 2, b500.area)) inside++;
      }
    // Midpoints can fall in a 0.5 m corridor where an unreached road crosses without a vertex.
    expect(inside / total).toBeGreaterThan(0.95);
  });
});
