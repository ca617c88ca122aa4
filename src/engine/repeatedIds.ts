// The ids of a layer that are used more than once: each such id once, at its second occurrence,
// in the order of those occurrences (what a data warning lists). A residential layer has hundreds
// of thousands of ids; a JS Set over them grows by rehashing every entry several times, so string
// ids go through one open-addressing table sized up front (the position of each id's first
// occurrence, found by an FNV-1a hash of its UTF-16 code units and compared with ===). The hash is
// not seeded, so a file can be made whose ids all collide: past a probe budget linear in the ids
// the table gives way to a Set (whose hash V8 seeds), and such a file costs no more than before.

/** Collisions allowed per id on average before the table gives way to a Set (a table half full averages under one). */
const PROBES_PER_ID = 16;

/** The first repeat of every id used more than once, in the order of their second occurrences. */
export function repeatedIds<T>(ids: ArrayLike<T>): T[] {
  const n = ids.length;
  for (let i = 0; i < n; i++) if (typeof ids[i] !== 'string') return repeatedBySet(ids);
  const strings = ids as unknown as ArrayLike<string>;
  let size = 16;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(size); // position of an id's first occurrence + 1; 0 for an empty slot
  let reported: Uint8Array | null = null; // per first occurrence: its id is listed already
  const out: T[] = [];
  let probes = PROBES_PER_ID * n;
  for (let i = 0; i < n; i++) {
    const id = strings[i];
    let h = 0x811c9dc5;
    for (let c = 0; c < id.length; c++) h = Math.imul(h ^ id.charCodeAt(c), 0x01000193);
    let slot = h & mask;
    for (;;) {
      const at = table[slot];
      if (at === 0) { table[slot] = i + 1; break; }
      if (strings[at - 1] === id) {
        if (!reported) reported = new Uint8Array(n);
        if (!reported[at - 1]) { reported[at - 1] = 1; out.push(ids[i]); }
        break;
      }
      slot = (slot + 1) & mask;
      if (--probes < 0) return repeatedBySet(ids);
    }
  }
  return out;
}

/** repeatedIds for ids that are not all strings (compared as a Set compares them). */
function repeatedBySet<T>(ids: ArrayLike<T>): T[] {
  const seen = new Set<T>();
  const reported = new Set<T>();
  const out: T[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (seen.has(id) && !reported.has(id)) { reported.add(id); out.push(id); }
    seen.add(id);
  }
  return out;
}
