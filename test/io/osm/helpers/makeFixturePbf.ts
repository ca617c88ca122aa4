// Writes test/fixtures/osm/<name>.osm.pbf from test/fixtures/osm/<name>.osm (run once, commit both):
//   npx tsx test/io/osm/helpers/makeFixturePbf.ts tiny-compound
import { readFileSync, writeFileSync } from 'node:fs';
import { plainOsmFromXml } from './plainOsmXml';
import { writeOsmPbf } from './pbfWriter';

const name = process.argv[2] ?? 'tiny-compound';
const dir = new URL('../../../fixtures/osm/', import.meta.url);
const data = plainOsmFromXml(readFileSync(new URL(`${name}.osm`, dir), 'utf8'));
// Nodes over two blocks, with a non-default granularity and offsets, to exercise the decoder.
const bytes = writeOsmPbf(data, { granularity: 100, latOffset: 32_000_000_000, lonOffset: 118_000_000_000, nodesPerBlock: 20 });
writeFileSync(new URL(`${name}.osm.pbf`, dir), bytes);
console.log(`${name}.osm.pbf: ${bytes.length} bytes, ${data.nodes.length} nodes, ${data.ways.length} ways, ${data.relations.length} relations`);
