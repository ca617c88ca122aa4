// FlatGeobuf structure check: a valid magic number followed by a bad header used to spin forever
// inside the flatgeobuf library (its header reads past the end give features_count 0 with the
// default index node size 16, and its R-tree size loop never ends for 0 items). Every reader now
// ends quickly with an error naming the file; the readers run in a worker with a deadline, so a
// regression shows as a hang instead of stalling the test run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFlatGeobuf, packedTreeBytes } from '../../../src/io/formats/fgbStructure';
import { readFlatGeobuf, writeFlatGeobuf } from '../../../src/io/flatgeobuf';
import { readLayer } from '../../../src/io/import/readLayer';
import { readResidentialFlat } from '../../../src/io/import/readResidentialFlat';
import { FIXTURES, fixtureFiles } from '../fixtureFiles';
import { readWithDeadline } from '../hostile/readWithDeadline';

const HOSTILE = ['hostile/fgb-header-cut-at-40-bytes.fgb', 'hostile/fgb-magic-then-garbage.fgb'];

describe('FlatGeobuf header validation', () => {
  it('the first 40 bytes of a real file, and the magic followed by garbage, end with an error naming the file', async () => {
    const outcomes = await readWithDeadline(HOSTILE.map((rel) => ({ files: fixtureFiles(rel), kind: 'communities' as const })), 15_000);
    outcomes.forEach((o, i) => {
      expect('hang' in o, HOSTILE[i]).toBe(false);
      if ('hang' in o) return;
      expect(o.features).toBe(0);
      const message = o.thrown ?? o.errors.join('\n');
      expect(message).toContain(HOSTILE[i].split('/')[1]);
      expect(message).toMatch(/not a valid FlatGeobuf file \(header length \d+ does not fit in the file \((40|64) bytes\)\)/);
    });
  }, 60_000);

  it('readFlatGeobuf (the demo loader) refuses the same bytes', async () => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, HOSTILE[0])));
    await expect(readFlatGeobuf(bytes, 'cut.fgb')).rejects.toThrow(/cut\.fgb: not a valid FlatGeobuf file/);
  });

  it('a valid file passes, with its feature count; every truncation of it is refused', () => {
    const fc = JSON.parse(readFileSync(join(FIXTURES, 'base/communities.geojson'), 'utf8'));
    const bytes = writeFlatGeobuf(fc);
    expect(checkFlatGeobuf('ok.fgb', bytes).features).toBe(fc.features.length);
    for (let cut = 0; cut < bytes.length; cut += 7) expect(() => checkFlatGeobuf('cut.fgb', bytes.subarray(0, cut))).toThrow(/cut\.fgb: not a valid FlatGeobuf file/);
  });

  it('the library-written file declares no index (index_node_size 0)', () => {
    const fc = JSON.parse(readFileSync(join(FIXTURES, 'base/communities.geojson'), 'utf8'));
    const bytes = writeFlatGeobuf(fc);
    expect(checkFlatGeobuf('ok.fgb', bytes).indexNodeSize).toBe(0);
  });

  it('packed R-tree size: by hand for 1, 16, 17 and 0 items (node size 16)', () => {
    // 1 item: 1 leaf + 1 root (writers always add a level above the items) = 2 nodes; 16: 16
    // leaves + 1 root = 17 nodes; 17: 17 + 2 + 1 = 20 nodes.
    expect(packedTreeBytes(1, 16)).toBe(2 * 40);
    expect(packedTreeBytes(16, 16)).toBe(17 * 40);
    expect(packedTreeBytes(17, 16)).toBe(20 * 40);
    expect(packedTreeBytes(0, 16)).toBe(0); // the library's loop never ends here
  });

  it("one feature with ogr2ogr's spatial index (a root node above its one leaf): read, by the general reader and the flat one", async () => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'formats/ogr2ogr-one-feature-indexed.fgb')));
    const s = checkFlatGeobuf('one.fgb', bytes);
    expect(s.indexNodeSize).toBe(16);
    expect(s.features).toBe(1);
    const file = { name: 'one.fgb', bytes };
    const general = await readLayer([file], 'residential');
    expect(general.problems).toEqual([]);
    expect(general.features.map((f) => f.id)).toEqual(['a']);
    expect(readResidentialFlat([file])?.layer.ids).toEqual(['a']);
  });
});
