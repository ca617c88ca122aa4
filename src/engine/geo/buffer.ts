// Polygon buffer (offset with round joins) for "within d metres of a polygon" (distance 0
// inside), e.g. 300 m of green space (STANDARDS.md §3 greenCoverage). Arcs are inscribed, so the
// buffer never claims a point farther than d; the area deficit is below 0.1 % of the arc part.
// Shares (areas only) use the exact buffer-union area instead (bufferUnionArea.ts).
import type { MetricRings } from '../reach/reachProvider';
import { fromPaths, offsetPaths, toPaths } from './clip';
import { sagittaTolerance } from './circle';

export function bufferRings(rings: MetricRings, distance: number): MetricRings {
  if (!rings.length) return [];
  if (distance <= 0) return rings;
  return fromPaths(offsetPaths(toPaths(rings), distance, sagittaTolerance(distance)));
}
