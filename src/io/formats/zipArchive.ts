// Zip archives (shapefile zips, XLSX workbooks) read with a cap on what decompresses: a zip bomb
// (12 MB holding a 12 GiB .dbf) is refused from the sizes the central directory declares, before
// anything inflates, and an entry whose declared size lies is cut off while it inflates, in 64 KB
// steps, as soon as the running total passes the cap.
// Layout: PKWARE APPNOTE.TXT 6.3 (4.3.12 central directory header, 4.3.14–4.3.16 zip64 end of
// central directory record and locator, 4.5.3 zip64 extended information extra field).
import { Inflate, strFromU8 } from 'fflate';

/** What an archive may decompress to in total. */
export const MAX_UNZIPPED_MB = 512;
const MB = 1024 * 1024;
const STEP = 64 * 1024;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  /** Offset of the entry's local header. */
  localOffset: number;
}

/** The error for an archive that decompresses to more than the cap, in Chinese and English. */
export function tooLargeMessage(name: string, capMb: number, detail: string): string {
  return `${name}: 解压后超过 ${capMb} MB (more than ${capMb} MB once decompressed: ${detail}); 拒绝读取，可能是压缩炸弹 (refused: possibly a zip bomb)`;
}

class ZipError extends Error {}

function findEndOfCentralDirectory(v: DataView): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  const min = Math.max(0, v.byteLength - 22 - 65535);
  for (let i = v.byteLength - 22; i >= min; i--) if (v.getUint32(i, true) === 0x06054b50) return i;
  throw new ZipError('no end of central directory record');
}

const u64 = (v: DataView, p: number): number => v.getUint32(p, true) + v.getUint32(p + 4, true) * 2 ** 32;

/** The archive's entries as its central directory declares them (nothing is inflated). */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (p: number, n: number) => {
    if (p < 0 || p + n > bytes.length) throw new ZipError(`record at ${p} runs past the end of the file`);
  };
  const eocd = findEndOfCentralDirectory(v);
  let count = v.getUint16(eocd + 10, true);
  let cdOffset = v.getUint32(eocd + 16, true);
  if ((count === 0xffff || cdOffset === 0xffffffff) && eocd >= 20 && v.getUint32(eocd - 20, true) === 0x07064b50) {
    const z = u64(v, eocd - 20 + 8);
    need(z, 56);
    if (v.getUint32(z, true) !== 0x06064b50) throw new ZipError('bad zip64 end of central directory');
    count = u64(v, z + 32);
    cdOffset = u64(v, z + 48);
  }
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    need(p, 46);
    if (v.getUint32(p, true) !== 0x02014b50) throw new ZipError(`bad central directory header at ${p}`);
    const flags = v.getUint16(p + 8, true);
    const method = v.getUint16(p + 10, true);
    let compressedSize = v.getUint32(p + 20, true);
    let declaredSize = v.getUint32(p + 24, true);
    const nameLen = v.getUint16(p + 28, true);
    const extraLen = v.getUint16(p + 30, true);
    const commentLen = v.getUint16(p + 32, true);
    let localOffset = v.getUint32(p + 42, true);
    need(p + 46, nameLen + extraLen);
    const name = strFromU8(bytes.subarray(p + 46, p + 46 + nameLen), (flags & 0x800) === 0);
    // zip64 extra: the 8-byte values present are those whose 32-bit field is 0xFFFFFFFF, in order.
    for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen;) {
      const id = v.getUint16(e, true);
      const size = v.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        if (declaredSize === 0xffffffff && q + 8 <= e + 4 + size) { declaredSize = u64(v, q); q += 8; }
        if (compressedSize === 0xffffffff && q + 8 <= e + 4 + size) { compressedSize = u64(v, q); q += 8; }
        if (localOffset === 0xffffffff && q + 8 <= e + 4 + size) localOffset = u64(v, q);
      }
      e += 4 + size;
    }
    entries.push({ name, method, compressedSize, declaredSize, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function entryData(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const p = e.localOffset;
  if (p + 30 > bytes.length || v.getUint32(p, true) !== 0x04034b50) throw new ZipError(`${e.name}: bad local header at ${p}`);
  const start = p + 30 + v.getUint16(p + 26, true) + v.getUint16(p + 28, true);
  if (start + e.compressedSize > bytes.length) throw new ZipError(`${e.name}: data runs past the end of the file`);
  return bytes.subarray(start, start + e.compressedSize);
}

export interface UnzipOptions {
  /** Only the entries this accepts are decompressed (and counted). */
  filter?: (name: string) => boolean;
  /** The cap in MB (default MAX_UNZIPPED_MB). */
  maxMb?: number;
}

/** The archive's accepted entries, decompressed; throws `${name}: …` when it is not a readable zip
 *  or when it would decompress to more than the cap. */
export function unzipCapped(name: string, bytes: Uint8Array, options: UnzipOptions = {}): Record<string, Uint8Array> {
  const capMb = options.maxMb ?? MAX_UNZIPPED_MB;
  const cap = capMb * MB;
  let entries: ZipEntry[];
  try {
    entries = listZipEntries(bytes).filter((e) => !e.name.endsWith('/') && (options.filter?.(e.name) ?? true));
  } catch (e) {
    if (e instanceof ZipError) throw new Error(`${name}: not a readable zip archive (${e.message})`, { cause: e });
    throw e;
  }
  const declared = entries.reduce((s, e) => s + e.declaredSize, 0);
  if (declared > cap) {
    const big = entries.reduce((a, b) => (b.declaredSize > a.declaredSize ? b : a));
    throw new Error(tooLargeMessage(name, capMb, `${entries.length} entries declare ${(declared / MB).toFixed(0)} MB, ${big.name} alone ${(big.declaredSize / MB).toFixed(0)} MB`));
  }
  const out: Record<string, Uint8Array> = {};
  let total = 0;
  for (const e of entries) {
    let data: Uint8Array;
    try {
      data = entryData(bytes, e);
    } catch (x) {
      if (x instanceof ZipError) throw new Error(`${name}: not a readable zip archive (${x.message})`, { cause: x });
      throw x;
    }
    if (e.method === 0) {
      total += data.length;
      if (total > cap) throw new Error(tooLargeMessage(name, capMb, `at ${e.name}`));
      out[e.name] = data.slice();
      continue;
    }
    if (e.method !== 8) throw new Error(`${name}: ${e.name}: zip compression method ${e.method} is not supported (only stored and deflate)`);
    const chunks: Uint8Array[] = [];
    let size = 0;
    const inflate = new Inflate((chunk) => {
      size += chunk.length;
      total += chunk.length;
      if (total > cap) throw new Error(tooLargeMessage(name, capMb, `${e.name} inflates past its declared ${(e.declaredSize / MB).toFixed(1)} MB`));
      chunks.push(chunk);
    });
    try {
      for (let i = 0; i < data.length; i += STEP) inflate.push(data.subarray(i, i + STEP), i + STEP >= data.length);
      if (data.length === 0) inflate.push(new Uint8Array(0), true);
    } catch (x) {
      if ((x as Error).message.includes('解压后超过')) throw x;
      throw new Error(`${name}: ${e.name}: not readable (${(x as Error).message})`, { cause: x });
    }
    if (size !== e.declaredSize) throw new Error(`${name}: ${e.name}: inflates to ${size} bytes but the archive declares ${e.declaredSize}`);
    const buf = new Uint8Array(size);
    let o = 0;
    for (const c of chunks) { buf.set(c, o); o += c.length; }
    out[e.name] = buf;
  }
  return out;
}
