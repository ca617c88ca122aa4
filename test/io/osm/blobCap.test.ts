// OSM PBF blobs inflate to at most the format's 32 MB: a blob that declares more is refused before
// inflating, and one that inflates past what it declares is stopped at its declared size plus one
// byte (the output buffer), whatever its zlib stream holds.
import { describe, expect, it } from 'vitest';
import { PbfWriter } from 'pbf';
import { zlibSync } from 'fflate';
import { parseOsmPbf } from '../../../src/io/osm/pbfParser';

/** One OSMHeader block: BlobHeader { type, datasize } and Blob { raw_size, zlib_data } (fileformat.proto). */
function pbfWithHeaderBlob(rawSize: number, zlibData: Uint8Array): Uint8Array {
  const blob = new PbfWriter();
  blob.writeVarintField(2, rawSize);
  blob.writeBytesField(3, zlibData);
  const blobBytes = blob.finish();
  const header = new PbfWriter();
  header.writeStringField(1, 'OSMHeader');
  header.writeVarintField(3, blobBytes.length);
  const headerBytes = header.finish();
  const out = new Uint8Array(4 + headerBytes.length + blobBytes.length);
  new DataView(out.buffer).setUint32(0, headerBytes.length);
  out.set(headerBytes, 4);
  out.set(blobBytes, 4 + headerBytes.length);
  return out;
}

describe('OSM PBF blob cap', () => {
  it('a blob declaring 40 MB is refused before inflating, saying so', async () => {
    const bytes = pbfWithHeaderBlob(40 * 1024 * 1024, zlibSync(new Uint8Array(1000)));
    await expect(parseOsmPbf(bytes, 'bomb.osm.pbf')).rejects.toThrow(/bomb\.osm\.pbf: .*解压后超过 32 MB/);
  });

  it('a blob inflating past its declared size is stopped and named', async () => {
    const bytes = pbfWithHeaderBlob(1000, zlibSync(new Uint8Array(8 * 1024 * 1024)));
    await expect(parseOsmPbf(bytes, 'liar.osm.pbf')).rejects.toThrow(/liar\.osm\.pbf: .*zlib data inflates to more than 1000 bytes, header says 1000/);
  });
});
