// The network bench's part C communities and its source prefilter, shared by network.bench.ts
// and shareDiscrepancy.ts so both measure the same city the same way.
import type { BBox, PreparedCommunity, ReachSource, XY } from '../../src/engine/reach/reachProvider';

/** Square communities on a grid of `block` m over [0, extent]², each inset 10 m from its block. */
export function blockCommunities(extent: number, block: number): PreparedCommunity[] {
  const out: PreparedCommunity[] = [];
  for (let x = 0; x + block <= extent; x += block)
    for (let y = 0; y + block <= extent; y += block) {
      const b: BBox = [x + 10, y + 10, x + block - 10, y + block - 10];
      out.push({ index: out.length, id: `c${out.length}`, rings: [[[b[0], b[1]], [b[2], b[1]], [b[2], b[3]], [b[0], b[3]]]], area_m2: (block - 20) ** 2, bbox: b });
    }
  return out;
}

/** The point sources within straight distance d of the community's box (the walk cannot be shorter). */
export function prefilter(sources: ReachSource[], c: PreparedCommunity, d: number): ReachSource[] {
  return sources.filter((s) => {
    const [x, y] = (s as { xy: XY }).xy;
    return Math.hypot(Math.max(0, c.bbox[0] - x, x - c.bbox[2]), Math.max(0, c.bbox[1] - y, y - c.bbox[3])) <= d;
  });
}
