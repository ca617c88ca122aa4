// The walking-network what-if worker (comlink RPC): the app's second worker, next to the engine
// worker, so that service areas, side-by-side figures and facility moves never wait for a long
// audit and never block the page. All logic lives in planning/whatIf/networkSession.ts (pure, tested
// in Node); this file only exposes it.
import * as Comlink from 'comlink';
import { createNetworkSession, type BandsResult, type CompareResult, type GraphInfo, type MoveResult } from '../planning/whatIf/networkSession';
import type { Dataset, DistanceMode, FacilityCategory, Position, RulePreset } from '../engine/types';

const session = createNetworkSession();
/** Newest request id per kind: an older bands/compare request still queued is answered with null. */
const latest = { bands: 0, compare: 0 };
/** Bumped by every request: a warm-up in progress stops at its next community. */
let generation = 0;
/** A macrotask yield: queued newer requests register themselves before an older one starts. */
const yieldToMessages = () => new Promise<void>((r) => setTimeout(r, 0));

const api = {
  setDataset(d: Dataset): void {
    session.setDataset(d);
  },
  /** The same data with other facilities (a what-if facility edit): only the facilities cross the worker boundary. False when no dataset is held. */
  setFacilities(facilities: Dataset['facilities']): boolean {
    const d = session.dataset();
    if (!d) return false;
    session.setDataset({ ...d, facilities });
    return true;
  },
  graphInfo(preset: RulePreset): GraphInfo | null {
    return session.graphInfo(preset);
  },
  async compare(requestId: number, preset: RulePreset, index: number): Promise<CompareResult | null> {
    latest.compare = Math.max(latest.compare, requestId);
    generation++;
    await yieldToMessages();
    if (requestId < latest.compare) return null;
    return session.compare(preset, index);
  },
  async bands(requestId: number, preset: RulePreset, target: { facility: number; position?: Position } | { category: FacilityCategory }, options?: { tolerance_m?: number }): Promise<BandsResult | null> {
    latest.bands = Math.max(latest.bands, requestId);
    generation++;
    await yieldToMessages();
    if (requestId < latest.bands) return null;
    return session.bands(preset, target, options);
  },
  /** Warm-up one community at a time, yielding to messages; stops when any other request arrives. Returns how many were done. */
  async warm(preset: RulePreset, mode: DistanceMode, index: number): Promise<number> {
    const mine = ++generation;
    let done = 0;
    for (const c of session.warmList(preset, mode, index)) {
      await yieldToMessages();
      if (generation !== mine) break;
      session.auditOne(preset, mode, c);
      done++;
    }
    return done;
  },
  moveFacility(preset: RulePreset, mode: DistanceMode, index: number, position: Position): MoveResult {
    generation++;
    return session.moveFacility(preset, mode, index, position);
  },
};

export type NetworkApi = typeof api;
Comlink.expose(api);
