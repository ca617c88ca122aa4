// How "within reach" is measured, as one interface with two implementations: straight-line
// (euclideanReach.ts) and walking network (network/networkReach.ts). The audit asks only this
// interface, so network mode plugs in without touching the rules (audit-cli.md `--mode`).
import type { DataWarning, DistanceMode } from '../types';

/** Metres in the dataset's local projection (geo/localProjection.ts): [x east, y north]. */
export type XY = [number, number];
/**
 * A set of closed rings in metres, without the repeated closing vertex. Orientation carries
 * meaning: outer rings counter-clockwise (positive signed area), holes clockwise.
 */
export type MetricRings = XY[][];
export type BBox = [minX: number, minY: number, maxX: number, maxY: number];

export interface PreparedCommunity {
  /** Index into the dataset's communities array. */
  index: number;
  id: string;
  rings: MetricRings;
  area_m2: number;
  bbox: BBox;
}

export type ReachSource =
  | { kind: 'point'; id: string; xy: XY }
  | { kind: 'polygon'; id: string; rings: MetricRings; bbox: BBox };

export interface ReachProvider {
  readonly mode: DistanceMode;
  /**
   * The part of `community` within `distance` metres of any of `sources`, clipped to the
   * community (rings in metres; [] when nothing is reached). Callers pass only the sources that
   * lie within `distance` straight-line metres of the community's bbox: walking distance is
   * never shorter than straight-line distance, so the same prefilter serves both modes.
   */
  reachedPart(community: PreparedCommunity, sources: ReachSource[], distance: number): MetricRings;
  /**
   * Optional: the area (m²) of reachedPart(community, sources, distance) without building its
   * rings (the audit's share needs only this). Same value up to centimetre rounding, except that
   * straight-line discs are measured as true circles (reachedPart draws them as polygons whose area
   * is smaller by less than 0.1 %, geo/circle.ts).
   */
  reachedArea?(community: PreparedCommunity, sources: ReachSource[], distance: number): number;
  /**
   * Optional: announces a whole source set and distance before per-community calls with
   * prefiltered subsets, so a provider can compute it once. Results must not change.
   */
  prepareSources?(sources: ReachSource[], distance: number): void;
  /**
   * Optional: data warnings for the inputs this provider cannot serve (walking mode: communities
   * with no road near them, facilities that cannot join the network). The audit adds them to its own.
   */
  coverageWarnings?(communities: PreparedCommunity[], points: { id: string; xy: XY }[]): DataWarning[];
}
