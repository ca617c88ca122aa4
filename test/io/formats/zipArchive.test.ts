// Decompression caps: a zip bomb is refused from the sizes its central directory declares, before
// anything inflates, and an entry that inflates past its declared size is cut off while it
// inflates. The message says what happened: "解压后超过 N MB" (more than N MB once decompressed).
import { describe, expect, it } from 'vitest';
import { deflateSync, zipSync, strToU8 } from 'fflate';
import { listZipEntries, MAX_UNZIPPED_MB, unzipCapped } from '../../../src/io/formats/zipArchive';
import { makeZip } from '../hostile/makeZip';
import { readWithDeadline } from '../hostile/readWithDeadline';

const GiB = 1024 ** 3;
const CAP = new RegExp(`解压后超过 ${MAX_UNZIPPED_MB} MB \\(more than ${MAX_UNZIPPED_MB} MB once decompressed`);

// What the bombs hold does not matter: they are refused from their declared sizes.
const zeros = deflateSync(new Uint8Array(1024 * 1024));

describe('zip bombs end quickly with a message that says what happened', () => {
  it('a shapefile zip declaring a 12 GiB .dbf in zip64 records, through the layer reader', async () => {
    const bomb = makeZip([
      { name: 'land.shp', data: new Uint8Array(100) },
      { name: 'land.dbf', data: zeros, compressed: true, declaredSize: 12 * GiB, zip64: true },
    ]);
    expect(listZipEntries(bomb)[1].declaredSize).toBe(12 * GiB); // the zip64 field is read
    const [o] = await readWithDeadline([{ files: [{ name: 'bomb.zip', bytes: bomb }], kind: 'communities' }], 20_000);
    expect('hang' in o).toBe(false);
    if ('hang' in o) return;
    const msg = o.thrown ?? o.errors.join('\n');
    expect(msg).toMatch(/bomb\.zip/);
    expect(msg).toMatch(CAP);
    expect(msg).toMatch(/land\.dbf alone 12288 MB/);
  }, 60_000);

  it('2 GB of zeros in a plain (not zip64) entry', () => {
    const bomb = makeZip([{ name: 'a.shp', data: zeros, compressed: true, declaredSize: 2 * GiB - 1 }]);
    expect(() => unzipCapped('zeros.zip', bomb)).toThrow(CAP);
  });

  it('an XLSX workbook whose sheet declares 2 GB', async () => {
    const bomb = makeZip([
      { name: 'xl/workbook.xml', data: strToU8('<workbook><sheets><sheet name="a"/></sheets></workbook>') },
      { name: 'xl/worksheets/sheet1.xml', data: zeros, compressed: true, declaredSize: 2 * GiB - 1 },
    ]);
    const [o] = await readWithDeadline([{ files: [{ name: 'bomb.xlsx', bytes: bomb }], kind: 'facilities' }], 20_000);
    if ('hang' in o) throw new Error('hang');
    const msg = o.thrown ?? o.errors.join('\n');
    expect(msg).toMatch(/bomb\.xlsx/);
    expect(msg).toMatch(CAP);
    expect(msg).not.toMatch(/worksheet is empty/);
  }, 60_000);

  it('an entry that lies about its size is cut off while it inflates, at the cap', () => {
    // 3 MB of zeros declared as 1 KB, under a 2 MB cap: refused after inflating about 2 MB, not 3.
    const liar = makeZip([{ name: 'big.dbf', data: deflateSync(new Uint8Array(3 * 1024 * 1024)), compressed: true, declaredSize: 1024 }]);
    expect(() => unzipCapped('liar.zip', liar, { maxMb: 2 })).toThrow(/liar\.zip: 解压后超过 2 MB \(more than 2 MB once decompressed: big\.dbf inflates past its declared 0\.0 MB/);
  });

  it('an entry that inflates to other than its declared size, under the cap, is an error naming it', () => {
    const liar = makeZip([{ name: 'x.dbf', data: deflateSync(new Uint8Array(100)), compressed: true, declaredSize: 10 }]);
    expect(() => unzipCapped('liar.zip', liar)).toThrow('liar.zip: x.dbf: inflates to 100 bytes but the archive declares 10');
  });

  it('an honest archive reads back byte for byte (deflated and stored entries)', () => {
    const a = strToU8('hello 社区');
    const b = new Uint8Array(70_000).map((_, i) => (i * 7) % 251);
    const z = zipSync({ 'dir/a.txt': a, 'b.bin': [b, { level: 0 }] });
    const out = unzipCapped('ok.zip', z);
    expect(out['dir/a.txt']).toEqual(a);
    expect(out['b.bin']).toEqual(b);
  });

  it('a file that is not a zip is named as such', () => {
    expect(() => unzipCapped('nope.zip', strToU8('not a zip at all'))).toThrow('nope.zip: not a readable zip archive');
  });
});
