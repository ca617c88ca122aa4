// The audit's walking graph on the command line: built from flat road lines it is the graph of the
// same lines as objects (buildRoadGraph, each vertex through forward), and it survives the copy to
// an audit thread (structured clone of its packed form) with every array and every index query intact.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRoadGraph, roadLinesFlat, type RoadGraph } from '../../../src/engine/network/graph';
import { createLocalProjection } from '../../../src/engine/geo/localProjection';
import type { RoadLine } from '../../../src/engine/types';
import { packRoadGraph, unpackRoadGraph, walkingGraph } from '../../../scripts/lib/walkingGraph';

const FX = join(__dirname, '..', '..', 'fixtures', 'io', 'base', 'roads.geojson');
const roads: RoadLine[] = (JSON.parse(readFileSync(FX, 'utf8')) as { features: { properties: { id: string }; geometry: { coordinates: [number, number][] } }[] })
  .features.map((f) => ({ id: f.properties.id, coordinates: f.geometry.coordinates }));
const projection = createLocalProjection([104.062, 30.66]);

/** Every array of a graph (not its index), as plain lists. */
const arrays = (g: RoadGraph) => Object.fromEntries(Object.entries(g).filter(([k]) => k !== 'edgeIndex').map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v]));
/** The index's answers to boxes over the whole network, in order. */
const queries = (g: RoadGraph) => [[-1e9, -1e9, 1e9, 1e9], [-200, -200, 200, 200], [0, 0, 50, 800], [300, -100, 310, 100]].map(([a, b, c, d]) => g.edgeIndex.search(a, b, c, d));

describe('walkingGraph', () => {
  it('is the graph of the same lines as objects', () => {
    const flat = walkingGraph(roadLinesFlat(roads), projection);
    const objects = buildRoadGraph(roads, projection);
    expect(flat.edgeCount).toBeGreaterThan(100);
    expect(arrays(flat)).toEqual(arrays(objects));
    expect(queries(flat)).toEqual(queries(objects));
  });

  it('packed, copied as postMessage copies and unpacked: the same arrays and the same index answers', () => {
    const g = walkingGraph(roadLinesFlat(roads), projection);
    const back = unpackRoadGraph(structuredClone(packRoadGraph(g)));
    expect(arrays(back)).toEqual(arrays(g));
    const q = queries(g);
    expect(q.some((r) => r.length > 0 && r.length < g.edgeCount)).toBe(true);
    expect(queries(back)).toEqual(q);
  });
});
