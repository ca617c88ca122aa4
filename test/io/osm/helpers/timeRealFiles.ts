// Times parse and layer build for the real OSM files (median of 3 runs):
//   npx tsx test/io/osm/helpers/timeRealFiles.ts
import { existsSync, readFileSync } from 'node:fs';
import { buildOsmLayers, parseOsm } from '../../../../src/io/osm';

const REAL = new URL('../../../../../shared/data/real/', import.meta.url);
if (!existsSync(REAL)) {
  console.log(`skipped: ${REAL.pathname} is absent`);
  process.exit(0);
}
const median = (a: number[]) => a.slice().sort((x, y) => x - y)[Math.floor(a.length / 2)];
for (const f of ['beijing-haidian/haidian.osm', 'nanjing-xuanwu/xuanwu.osm', 'monaco/monaco.osm.pbf']) {
  const bytes = new Uint8Array(readFileSync(new URL(f, REAL)));
  const parse: number[] = [];
  const build: number[] = [];
  let summary = '';
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    const model = await parseOsm(bytes, f);
    const t1 = performance.now();
    const l = buildOsmLayers(model, f);
    const t2 = performance.now();
    parse.push(t1 - t0);
    build.push(t2 - t1);
    summary = `${l.communities.length} communities, ${l.facilities.length} facilities, ${l.green.length} green, ${l.roads.length} road lines`;
  }
  const mb = (bytes.length / 1e6).toFixed(2);
  console.log(`${f} (${mb} MB): parse ${median(parse).toFixed(0)} ms, layers ${median(build).toFixed(0)} ms, total ${(median(parse) + median(build)).toFixed(0)} ms; ${summary}`);
}
