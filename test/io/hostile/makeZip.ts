// Test helper: a zip archive written byte by byte (PKWARE APPNOTE 4.3), so that tests can declare
// sizes the data does not have (zip bombs, lying headers) and use zip64 records.
import { deflateSync } from 'fflate';

export interface RawEntry {
  name: string;
  /** The uncompressed bytes to deflate, or already-compressed bytes with `compressed: true`. */
  data: Uint8Array;
  compressed?: boolean;
  /** The uncompressed size to declare (default: the true size). */
  declaredSize?: number;
  /** Write the sizes in a zip64 extra field. */
  zip64?: boolean;
}

function u16(n: number): number[] { return [n & 255, (n >>> 8) & 255]; }
function u32(n: number): number[] { return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255]; }
function u64(n: number): number[] { return [...u32(n % 2 ** 32), ...u32(Math.floor(n / 2 ** 32))]; }

export function makeZip(entries: RawEntry[]): Uint8Array {
  const parts: number[][] = [];
  const central: number[][] = [];
  let offset = 0;
  const enc = new TextEncoder();
  for (const e of entries) {
    const name = [...enc.encode(e.name)];
    const data = e.compressed ? e.data : deflateSync(e.data);
    const size = e.declaredSize ?? (e.compressed ? 0 : e.data.length);
    const z = e.zip64 === true;
    const extra = z ? [...u16(1), ...u16(24), ...u64(size), ...u64(data.length), ...u64(offset)] : [];
    const csize = z ? 0xffffffff : data.length;
    const usize = z ? 0xffffffff : size;
    const local = [...u32(0x04034b50), ...u16(z ? 45 : 20), ...u16(0x800), ...u16(8), ...u16(0), ...u16(0), ...u32(0), ...u32(csize), ...u32(usize), ...u16(name.length), ...u16(extra.length), ...name, ...extra];
    central.push([...u32(0x02014b50), ...u16(z ? 45 : 20), ...u16(z ? 45 : 20), ...u16(0x800), ...u16(8), ...u16(0), ...u16(0), ...u32(0), ...u32(csize), ...u32(usize), ...u16(name.length), ...u16(extra.length), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(z ? 0xffffffff : offset), ...name, ...extra]);
    parts.push(local, [...data]);
    offset += local.length + data.length;
  }
  const cd = central.flat();
  const eocd = [...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(entries.length), ...u16(entries.length), ...u32(cd.length), ...u32(offset), ...u16(0)];
  return new Uint8Array([...parts.flat(), ...cd, ...eocd]);
}
