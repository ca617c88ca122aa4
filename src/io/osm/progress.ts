// Progress reporting, cancellation and yielding between chunks of a long parse, shared by the
// XML and PBF parsers. Yielding lets a Web Worker receive the abort message between chunks.

export interface ChunkControl {
  onProgress?: (done: number, total: number) => void;
  signal?: { readonly aborted: boolean };
}

export function abortError(fileName: string): Error {
  const message = `${fileName}: OSM import cancelled`;
  return typeof DOMException === 'function' ? new DOMException(message, 'AbortError') : Object.assign(new Error(message), { name: 'AbortError' });
}

/** Report progress, give the event loop a turn, then throw if the caller aborted meanwhile. */
export async function checkpoint(ctl: ChunkControl, fileName: string, done: number, total: number): Promise<void> {
  if (ctl.signal?.aborted) throw abortError(fileName);
  ctl.onProgress?.(done, total);
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  if (ctl.signal?.aborted) throw abortError(fileName);
}
