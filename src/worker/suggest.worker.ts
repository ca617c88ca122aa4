// Proposals (建议选址) in a Web Worker of their own: one run per worker, so that cancel can stop
// it at once (the client terminates the worker). It prepares the audit of the given data (the
// current scenario), takes the given candidate points (a candidate layer, points the user drew) or
// else grid candidates over the communities outside water, and runs the planning layer's
// suggestSites (greedy, then the exact optimum for greedy's gap), reporting progress by phase.
import * as Comlink from 'comlink';
import { datasetProjection, prepareAudit } from '../engine/audit';
import { createNetworkReach } from '../engine/network/networkReach';
import type { Dataset, DistanceMode, FacilityCategory, MultiPolygonCoords, Position, RulePreset } from '../engine/types';
import { DEFAULT_GRID_M, gridCandidates, pointCandidates, suggestSites, type SuggestPhase, type SuggestResult } from '../planning/suggest';

export interface SuggestRequest {
  category: FacilityCategory;
  /** A tier of the preset (its distance) … */
  tier?: string;
  /** … or a distance in metres. */
  distance_m?: number;
  count: number;
  /** Candidate points (a candidate layer's, or drawn on the map); without them, a grid. */
  candidates?: { id: string; position: Position }[];
  grid_m?: number;
  /** Polygons excluded from the candidate grid (water). */
  exclude?: MultiPolygonCoords[];
}

const api = {
  run(data: Dataset, preset: RulePreset, mode: DistanceMode, req: SuggestRequest, onProgress?: (phase: SuggestPhase, done: number, total: number) => void): SuggestResult & { candidates: number } {
    const projection = datasetProjection(data);
    const walking = mode === 'network' && (data.roads?.length ?? 0) > 0;
    const reach = walking ? createNetworkReach(data.roads ?? [], projection) : undefined;
    const ctx = prepareAudit(data, preset, { mode: walking ? 'network' : 'euclidean', reach, projection });
    const d = req.distance_m ?? (req.tier !== undefined ? ctx.tierDistances[req.tier] : undefined);
    if (!(d !== undefined && d > 0)) throw new Error(`proposals: tier "${req.tier}" is not a tier of preset ${preset.id}, and no distance is given`);
    const candidates = req.candidates ? pointCandidates(ctx, req.candidates) : gridCandidates(ctx, req.grid_m ?? DEFAULT_GRID_M, req.exclude ?? []);
    if (!candidates.length) throw new Error(req.candidates ? 'proposals: no candidate points given' : `proposals: no grid point of ${req.grid_m ?? DEFAULT_GRID_M} m falls inside a community`);
    // With a residential layer, households are where people live (the audit's coverage basis).
    const result = suggestSites(ctx, { category: req.category, distance_m: d, count: req.count, candidates, exact: true, residential: data.residential, onProgress });
    return { ...result, candidates: candidates.length };
  },
};

export type SuggestApi = typeof api;
Comlink.expose(api);
