// OSM PBF (.osm.pbf): a sequence of [4-byte big-endian length][BlobHeader][Blob] file blocks;
// blobs hold zlib-compressed HeaderBlock / PrimitiveBlock messages (string table, granularity,
// lat/lon offsets, DenseNodes, Ways, Relations). https://wiki.openstreetmap.org/wiki/PBF_Format
import { PbfReader } from 'pbf';
import { unzlibSync } from 'fflate';
import { OsmModelBuilder, type OsmMember, type OsmModel, type OsmType, type Tags } from './model';
import { checkpoint, type ChunkControl } from './progress';

/** Features this reader understands (HeaderBlock.required_features). */
const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes', 'Sort.Type_then_ID', 'Sort.Geographic']);
const MAX_HEADER = 64 * 1024;
const MAX_BLOB = 32 * 1024 * 1024;
/** Bytes of input between progress reports / cancellation checks. */
const CHUNK_BYTES = 1 << 20;
const MEMBER_TYPES: OsmType[] = ['node', 'way', 'relation'];

interface BlobHeader {
  type: string;
  datasize: number;
}
interface Blob {
  raw?: Uint8Array;
  rawSize?: number;
  zlib?: Uint8Array;
  other?: string;
}

export async function parseOsmPbf(bytes: Uint8Array, fileName: string, ctl: ChunkControl = {}): Promise<OsmModel> {
  const builder = new OsmModelBuilder();
  let pos = 0;
  let blobIndex = 0;
  let sawHeader = false;
  let nextCheck = CHUNK_BYTES;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  while (pos < bytes.length) {
    const start = pos;
    const fail = (msg: string): never => {
      throw new Error(`${fileName}: malformed OSM PBF at byte offset ${start} (block #${blobIndex}): ${msg}`);
    };
    if (pos + 4 > bytes.length) fail('file ends inside a block length (truncated file?)');
    const headerLen = view.getUint32(pos);
    pos += 4;
    if (headerLen === 0 || headerLen > MAX_HEADER) fail(`implausible BlobHeader length ${headerLen} (not an OSM PBF file?)`);
    if (pos + headerLen > bytes.length) fail('file ends inside a BlobHeader (truncated file?)');
    let header: BlobHeader;
    try {
      header = new PbfReader(bytes.subarray(pos, pos + headerLen)).readFields(readBlobHeader, { type: '', datasize: -1 });
    } catch (e) {
      return fail(`cannot decode BlobHeader: ${(e as Error).message}`);
    }
    pos += headerLen;
    if (!header.type || header.datasize < 0 || header.datasize > MAX_BLOB) fail(`invalid BlobHeader (type ${JSON.stringify(header.type)}, datasize ${header.datasize}; not an OSM PBF file?)`);
    if (pos + header.datasize > bytes.length) fail(`file ends inside a ${header.type} blob (truncated file?)`);
    const blobBytes = bytes.subarray(pos, pos + header.datasize);
    pos += header.datasize;

    if (header.type === 'OSMHeader' || header.type === 'OSMData') {
      try {
        const data = unpackBlob(blobBytes);
        if (header.type === 'OSMHeader') {
          const features = new PbfReader(data).readFields(readHeaderBlock, [] as string[]);
          const unsupported = features.filter((f) => !SUPPORTED_FEATURES.has(f));
          if (unsupported.length) fail(`unsupported required feature(s): ${unsupported.join(', ')}`);
          sawHeader = true;
        } else {
          if (!sawHeader) fail('OSMData block before the OSMHeader block');
          readPrimitiveBlock(data, builder);
        }
      } catch (e) {
        const msg = (e as Error).message;
        if (msg.startsWith(`${fileName}:`)) throw e;
        fail(`${header.type} blob: ${msg}`);
      }
    }
    blobIndex++;
    if (pos >= nextCheck) {
      nextCheck = pos + CHUNK_BYTES;
      await checkpoint(ctl, fileName, pos, bytes.length);
    }
  }
  if (!sawHeader) throw new Error(`${fileName}: not an OSM PBF file (no OSMHeader block)`);
  await checkpoint(ctl, fileName, bytes.length, bytes.length);
  return builder.finish();
}

function readBlobHeader(tag: number, h: BlobHeader, pbf: PbfReader): void {
  if (tag === 1) h.type = pbf.readString();
  else if (tag === 3) h.datasize = pbf.readVarint();
}

/** The format's limit on one blob's uncompressed size. */
const MAX_BLOB_BYTES = 32 * 1024 * 1024;

function unpackBlob(bytes: Uint8Array): Uint8Array {
  const blob = new PbfReader(bytes).readFields(readBlob, {} as Blob);
  if (blob.raw) return blob.raw;
  if (blob.zlib) {
    // A blob inflates to at most 32 MiB (OSM PBF format: "the uncompressed size of a blob"); the
    // output buffer is sized from the declared size plus one byte, so a lying blob cannot grow further.
    const declared = blob.rawSize ?? MAX_BLOB_BYTES;
    if (declared > MAX_BLOB_BYTES) throw new Error(`a blob declares ${declared} bytes uncompressed: 解压后超过 32 MB (more than the format's 32 MB once decompressed)`);
    const out = unzlibSync(blob.zlib, { out: new Uint8Array(declared + 1) });
    if (blob.rawSize !== undefined && out.length !== blob.rawSize) throw new Error(`zlib data inflates to ${out.length > blob.rawSize ? `more than ${blob.rawSize}` : out.length} bytes, header says ${blob.rawSize}`);
    if (out.length > MAX_BLOB_BYTES) throw new Error('a blob inflates to more than 32 MB: 解压后超过 32 MB');
    return out;
  }
  throw new Error(blob.other ? `${blob.other} compression is not supported (re-export with zlib, e.g. osmium cat -f pbf,pbf_compression=zlib)` : 'empty blob');
}

function readBlob(tag: number, b: Blob, pbf: PbfReader): void {
  if (tag === 1) b.raw = pbf.readBytes();
  else if (tag === 2) b.rawSize = pbf.readVarint();
  else if (tag === 3) b.zlib = pbf.readBytes();
  else if (tag === 4) b.other = 'LZMA';
  else if (tag === 5) b.other = 'bzip2';
  else if (tag === 6) b.other = 'LZ4';
  else if (tag === 7) b.other = 'ZSTD';
}

function readHeaderBlock(tag: number, features: string[], pbf: PbfReader): void {
  if (tag === 4) features.push(pbf.readString());
}

interface Block {
  strings: string[];
  groups: Array<{ start: number; end: number }>;
  granularity: number;
  latOffset: number;
  lonOffset: number;
}

function readPrimitiveBlock(data: Uint8Array, builder: OsmModelBuilder): void {
  const pbf = new PbfReader(data);
  // Groups are read after the whole block so that granularity/offsets (which may follow them) are known.
  const block = pbf.readFields(
    (tag: number, b: Block, p: PbfReader) => {
      if (tag === 1) p.readMessage(readStringTable, b.strings);
      else if (tag === 2) {
        const len = p.readVarint();
        b.groups.push({ start: p.pos, end: p.pos + len });
        p.pos += len;
      } else if (tag === 17) b.granularity = p.readVarint();
      else if (tag === 19) b.latOffset = p.readVarint(true);
      else if (tag === 20) b.lonOffset = p.readVarint(true);
    },
    { strings: [], groups: [], granularity: 100, latOffset: 0, lonOffset: 0 } as Block,
  );
  for (const g of block.groups) {
    pbf.pos = g.start;
    pbf.readFields((tag, _r: null, p) => {
      if (tag === 1) readNode(p, block, builder);
      else if (tag === 2) readDenseNodes(p, block, builder);
      else if (tag === 3) readWay(p, block, builder);
      else if (tag === 4) readRelation(p, block, builder);
    }, null, g.end);
  }
}

function readStringTable(tag: number, strings: string[], pbf: PbfReader): void {
  if (tag === 1) strings.push(pbf.readString());
}

const str = (b: Block, i: number): string => {
  const s = b.strings[i];
  if (s === undefined) throw new Error(`string index ${i} outside the string table (${b.strings.length} entries)`);
  return s;
};

function tagsOf(b: Block, keys: number[], vals: number[], what: string): Tags {
  if (keys.length !== vals.length) throw new Error(`${what}: ${keys.length} keys but ${vals.length} values`);
  const tags: Tags = {};
  try {
    for (let i = 0; i < keys.length; i++) tags[str(b, keys[i])] = str(b, vals[i]);
  } catch (e) {
    throw new Error(`${what}: ${(e as Error).message}`, { cause: e });
  }
  return tags;
}

function checkCoord(lon: number, lat: number, id: number): void {
  if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) throw new Error(`node ${id} has coordinates out of range (lat ${lat}, lon ${lon})`);
}

function readNode(pbf: PbfReader, b: Block, builder: OsmModelBuilder): void {
  const n = { id: 0, keys: [] as number[], vals: [] as number[], lat: 0, lon: 0 };
  pbf.readMessage((tag, r, p) => {
    if (tag === 1) r.id = p.readSVarint();
    else if (tag === 2) p.readPackedVarint(r.keys);
    else if (tag === 3) p.readPackedVarint(r.vals);
    else if (tag === 8) r.lat = p.readSVarint();
    else if (tag === 9) r.lon = p.readSVarint();
  }, n);
  const lat = (b.latOffset + b.granularity * n.lat) / 1e9;
  const lon = (b.lonOffset + b.granularity * n.lon) / 1e9;
  checkCoord(lon, lat, n.id);
  builder.addNode(n.id, lon, lat, tagsOf(b, n.keys, n.vals, `node ${n.id}`));
}

function readDenseNodes(pbf: PbfReader, b: Block, builder: OsmModelBuilder): void {
  const d = { ids: [] as number[], lats: [] as number[], lons: [] as number[], kv: [] as number[] };
  pbf.readMessage((tag, r, p) => {
    if (tag === 1) p.readPackedSVarint(r.ids);
    else if (tag === 8) p.readPackedSVarint(r.lats);
    else if (tag === 9) p.readPackedSVarint(r.lons);
    else if (tag === 10) p.readPackedVarint(r.kv);
  }, d);
  if (d.lats.length !== d.ids.length || d.lons.length !== d.ids.length) {
    throw new Error(`DenseNodes with ${d.ids.length} ids, ${d.lats.length} lats, ${d.lons.length} lons`);
  }
  let id = 0;
  let lat = 0;
  let lon = 0;
  let k = 0;
  for (let i = 0; i < d.ids.length; i++) {
    id += d.ids[i];
    lat += d.lats[i];
    lon += d.lons[i];
    let tags: Tags | null = null;
    if (k < d.kv.length) {
      // keys_vals: key, value, key, value, …, 0 per node (absent entirely when no node has tags).
      while (d.kv[k] !== 0) {
        if (k + 1 >= d.kv.length) throw new Error(`node ${id}: keys_vals ends inside a tag list`);
        (tags ??= {})[str(b, d.kv[k])] = str(b, d.kv[k + 1]);
        k += 2;
      }
      k++;
    }
    // Dividing the exact integer nanodegrees gives the same double as parsing the decimal in XML.
    const latDeg = (b.latOffset + b.granularity * lat) / 1e9;
    const lonDeg = (b.lonOffset + b.granularity * lon) / 1e9;
    checkCoord(lonDeg, latDeg, id);
    builder.addNode(id, lonDeg, latDeg, tags);
  }
}

function readWay(pbf: PbfReader, b: Block, builder: OsmModelBuilder): void {
  const w = { id: 0, keys: [] as number[], vals: [] as number[], refs: [] as number[] };
  pbf.readMessage((tag, r, p) => {
    if (tag === 1) r.id = p.readVarint();
    else if (tag === 2) p.readPackedVarint(r.keys);
    else if (tag === 3) p.readPackedVarint(r.vals);
    else if (tag === 8) p.readPackedSVarint(r.refs);
  }, w);
  for (let i = 1; i < w.refs.length; i++) w.refs[i] += w.refs[i - 1];
  builder.addWay(w.id, w.refs, tagsOf(b, w.keys, w.vals, `way ${w.id}`));
}

function readRelation(pbf: PbfReader, b: Block, builder: OsmModelBuilder): void {
  const r0 = { id: 0, keys: [] as number[], vals: [] as number[], roles: [] as number[], memids: [] as number[], types: [] as number[] };
  pbf.readMessage((tag, r, p) => {
    if (tag === 1) r.id = p.readVarint();
    else if (tag === 2) p.readPackedVarint(r.keys);
    else if (tag === 3) p.readPackedVarint(r.vals);
    else if (tag === 8) p.readPackedVarint(r.roles);
    else if (tag === 9) p.readPackedSVarint(r.memids);
    else if (tag === 10) p.readPackedVarint(r.types);
  }, r0);
  if (r0.roles.length !== r0.memids.length || r0.types.length !== r0.memids.length) {
    throw new Error(`relation ${r0.id}: ${r0.memids.length} member ids, ${r0.roles.length} roles, ${r0.types.length} types`);
  }
  const members: OsmMember[] = [];
  let ref = 0;
  for (let i = 0; i < r0.memids.length; i++) {
    ref += r0.memids[i];
    const type = MEMBER_TYPES[r0.types[i]];
    if (!type) throw new Error(`relation ${r0.id}: member type ${r0.types[i]}`);
    members.push({ type, ref, role: str(b, r0.roles[i]) });
  }
  builder.addRelation(r0.id, members, tagsOf(b, r0.keys, r0.vals, `relation ${r0.id}`));
}
