// Large GeoJSON FeatureCollections without one blocking JSON.parse: the bytes are scanned for the
// top-level "features" array (structural characters are ASCII, so UTF-8 bytes can be scanned
// directly), and the features are parsed a chunk at a time with progress and cancellation.
import { abortError } from '../import/abort';

export interface ChunkControl {
  signal?: { readonly aborted: boolean };
  onProgress?: (done: number, total: number) => void;
  /** Files from this many bytes on are parsed a chunk of features at a time (readGeoJson's
   *  default: CHUNKED_GEOJSON_BYTES); a host that needs neither progress nor cancellation while a
   *  file is parsed sets it higher and saves the scan for the chunks. */
  chunkedFromBytes?: number;
}

const Q = 0x22, BS = 0x5c, LB = 0x5b, RB = 0x5d, LC = 0x7b, RC = 0x7d, COMMA = 0x2c;

/**
 * Byte range [start, end) of the top-level "features" array's content, or undefined; with the
 * positions of the separating commas where chunks of at least `chunkBytes` end (found in the same
 * pass: the bytes are scanned once).
 */
function featuresArray(b: Uint8Array, chunkBytes: number): { start: number; end: number; cuts: number[] } | undefined {
  const key = new TextEncoder().encode('"features"');
  let depth = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === Q) {
      if (depth === 1 && key.every((k, j) => b[i + j] === k)) {
        let j = i + key.length;
        while (j < b.length && b[j] !== LB && (b[j] === 0x20 || b[j] === 0x3a || b[j] === 0x0a || b[j] === 0x0d || b[j] === 0x09)) j++;
        if (b[j] !== LB) return undefined;
        // find the matching ], noting the chunks' ends on the way
        let d = 0;
        const cuts: number[] = [];
        let from = j + 1;
        for (let k = j; k < b.length; k++) {
          const x = b[k];
          if (x === Q) {
            k++;
            while (k < b.length && b[k] !== Q) k += b[k] === BS ? 2 : 1;
          } else if (x === LB || x === LC) d++;
          else if (x === RB || x === RC) {
            d--;
            if (d === 0) return { start: j + 1, end: k, cuts };
          } else if (x === COMMA && d === 1 && k - from >= chunkBytes) {
            cuts.push(k);
            from = k;
          }
        }
        return undefined;
      }
      i++;
      while (i < b.length && b[i] !== Q) i += b[i] === BS ? 2 : 1;
    } else if (c === LC || c === LB) depth++;
    else if (c === RC || c === RB) depth--;
  }
  return undefined;
}

/** Parses a FeatureCollection in chunks of about `chunkBytes`; returns the document with its features. */
export async function parseFeatureCollectionChunked(name: string, b: Uint8Array, ctl: ChunkControl = {}, chunkBytes = 4 << 20): Promise<unknown> {
  const range = featuresArray(b, chunkBytes);
  const dec = new TextDecoder();
  if (!range) return JSON.parse(dec.decode(b));
  const head = dec.decode(b.subarray(0, range.start)) + dec.decode(b.subarray(range.end));
  const doc = JSON.parse(head) as { features: unknown[] };
  const features: unknown[] = [];
  let from = range.start;
  for (let c = 0; c <= range.cuts.length; c++) {
    const to = c < range.cuts.length ? range.cuts[c] : range.end;
    const text = dec.decode(b.subarray(from, to)).trim().replace(/^,/, '');
    if (text) {
      try {
        for (const f of JSON.parse(`[${text}]`) as unknown[]) features.push(f);
      } catch (e) {
        throw new Error(`${name}: not valid JSON in the features between bytes ${from} and ${to} (${(e as Error).message})`, { cause: e });
      }
    }
    from = to;
    if (ctl.signal?.aborted) throw abortError(name);
    ctl.onProgress?.(to, b.length);
    await new Promise((r) => setTimeout(r, 0));
  }
  doc.features = features;
  ctl.onProgress?.(b.length, b.length);
  return doc;
}
