// A minimal OSM PBF writer for tests (an encoder written from the format description, separate
// from the reader under test): HeaderBlock + PrimitiveBlocks with DenseNodes or plain Nodes,
// Ways and Relations, zlib-compressed. https://wiki.openstreetmap.org/wiki/PBF_Format
import { PbfWriter } from 'pbf';
import { zlibSync } from 'fflate';

export interface PlainNode { id: number; lat: number; lon: number; tags: [string, string][] }
export interface PlainWay { id: number; refs: number[]; tags: [string, string][] }
export interface PlainRelation { id: number; members: { type: 'node' | 'way' | 'relation'; ref: number; role: string }[]; tags: [string, string][] }
export interface PlainOsm { nodes: PlainNode[]; ways: PlainWay[]; relations: PlainRelation[] }

export interface PbfWriteOptions {
  /** Nanodegrees per coordinate unit (default 100). */
  granularity?: number;
  latOffset?: number;
  lonOffset?: number;
  /** DenseNodes (default) or plain Node messages. */
  dense?: boolean;
  /** Split nodes over blocks of this many (default: all in one block). */
  nodesPerBlock?: number;
}

class StringTable {
  strings: string[] = [''];
  private index = new Map<string, number>([['', 0]]);
  id(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

const deltas = (a: number[]): number[] => a.map((v, i) => (i ? v - a[i - 1] : v));

function fileBlock(type: string, data: Uint8Array): Uint8Array {
  const blob = new PbfWriter();
  blob.writeVarintField(2, data.length);
  blob.writeBytesField(3, zlibSync(data));
  const blobBytes = blob.finish();
  const header = new PbfWriter();
  header.writeStringField(1, type);
  header.writeVarintField(3, blobBytes.length);
  const headerBytes = header.finish();
  const out = new Uint8Array(4 + headerBytes.length + blobBytes.length);
  new DataView(out.buffer).setUint32(0, headerBytes.length);
  out.set(headerBytes, 4);
  out.set(blobBytes, 4 + headerBytes.length);
  return out;
}

function primitiveBlock(o: PbfWriteOptions, fill: (st: StringTable, groups: PbfWriter[]) => void): Uint8Array {
  const st = new StringTable();
  const groups: PbfWriter[] = [];
  fill(st, groups);
  const w = new PbfWriter();
  w.writeMessage(1, (strings: string[], p) => {
    for (const s of strings) p.writeBytesField(1, new TextEncoder().encode(s));
  }, st.strings);
  for (const g of groups) w.writeBytesField(2, g.finish());
  if (o.granularity !== undefined) w.writeVarintField(17, o.granularity);
  if (o.latOffset) w.writeVarintField(19, o.latOffset);
  if (o.lonOffset) w.writeVarintField(20, o.lonOffset);
  return w.finish();
}

export function writeOsmPbf(data: PlainOsm, o: PbfWriteOptions = {}): Uint8Array {
  const gran = o.granularity ?? 100;
  const enc = (deg: number, off = 0) => Math.round((deg * 1e9 - off) / gran);
  const parts: Uint8Array[] = [];
  const hb = new PbfWriter();
  hb.writeStringField(4, 'OsmSchema-V0.6');
  hb.writeStringField(4, 'DenseNodes');
  hb.writeStringField(16, 'lifecircle-test-writer');
  parts.push(fileBlock('OSMHeader', hb.finish()));

  const per = o.nodesPerBlock ?? Math.max(1, data.nodes.length);
  for (let s = 0; s < data.nodes.length; s += per) {
    const nodes = data.nodes.slice(s, s + per);
    parts.push(fileBlock('OSMData', primitiveBlock(o, (st, groups) => {
      const g = new PbfWriter();
      if (o.dense === false) {
        for (const n of nodes) {
          g.writeMessage(1, (nn: PlainNode, p) => {
            p.writeSVarintField(1, nn.id);
            p.writePackedVarint(2, nn.tags.map(([k]) => st.id(k)));
            p.writePackedVarint(3, nn.tags.map(([, v]) => st.id(v)));
            p.writeSVarintField(8, enc(nn.lat, o.latOffset));
            p.writeSVarintField(9, enc(nn.lon, o.lonOffset));
          }, n);
        }
      } else {
        g.writeMessage(2, (ns: PlainNode[], p) => {
          p.writePackedSVarint(1, deltas(ns.map((n) => n.id)));
          p.writePackedSVarint(8, deltas(ns.map((n) => enc(n.lat, o.latOffset))));
          p.writePackedSVarint(9, deltas(ns.map((n) => enc(n.lon, o.lonOffset))));
          const kv: number[] = [];
          for (const n of ns) {
            for (const [k, v] of n.tags) kv.push(st.id(k), st.id(v));
            kv.push(0);
          }
          p.writePackedVarint(10, kv);
        }, nodes);
      }
      groups.push(g);
    })));
  }
  parts.push(fileBlock('OSMData', primitiveBlock(o, (st, groups) => {
    const g = new PbfWriter();
    for (const w of data.ways) {
      g.writeMessage(3, (ww: PlainWay, p) => {
        p.writeVarintField(1, ww.id);
        p.writePackedVarint(2, ww.tags.map(([k]) => st.id(k)));
        p.writePackedVarint(3, ww.tags.map(([, v]) => st.id(v)));
        p.writePackedSVarint(8, deltas(ww.refs));
      }, w);
    }
    groups.push(g);
    if (data.relations.length) {
      const r = new PbfWriter();
      for (const rel of data.relations) {
        r.writeMessage(4, (rr: PlainRelation, p) => {
          p.writeVarintField(1, rr.id);
          p.writePackedVarint(2, rr.tags.map(([k]) => st.id(k)));
          p.writePackedVarint(3, rr.tags.map(([, v]) => st.id(v)));
          p.writePackedVarint(8, rr.members.map((m) => st.id(m.role)));
          p.writePackedSVarint(9, deltas(rr.members.map((m) => m.ref)));
          p.writePackedVarint(10, rr.members.map((m) => ['node', 'way', 'relation'].indexOf(m.type)));
        }, rel);
      }
      groups.push(r);
    }
  })));
  const total = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
