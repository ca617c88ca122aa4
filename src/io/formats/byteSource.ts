// A file's bytes read piece by piece, for a scan that keeps only a window of them in memory
// (geojsonFlatPolygons.ts scanGeoJsonPolygonColumnsFrom): the host supplies the reads (the command
// line: scripts/lib/fileByteSource.ts over a file descriptor), so nothing here needs a file API.

export interface ByteSource {
  /** The length in bytes when the source was opened (a file's size). */
  readonly size: number;
  /**
   * Copies the bytes from offset `at` on into `into`, as many as it holds or as remain; returns the
   * count copied, 0 at the end. May copy fewer than asked before the end (the caller reads again).
   */
  read(into: Uint8Array, at: number): number;
}

/** A source over bytes already in memory (tests; a host that has the bytes). */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read(into, at) {
      const n = Math.max(0, Math.min(into.length, bytes.length - at));
      into.set(bytes.subarray(at, at + n));
      return n;
    },
  };
}
