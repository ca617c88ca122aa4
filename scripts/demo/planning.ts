// Planning distances of the generator. Reach is planned in straight-line metres shortened by a
// detour allowance, so that facilities, parks and green placed to serve a community also serve
// it along the walking network (audit --mode network), not only in straight-line mode.
// Tier distances: national-2022 preset (STANDARDS.md §1, §3): 300/500/1000 m, green 300 m, park 500 m.

/** Walking distance ≈ straight-line distance × this, on the demo's block grain (planning allowance). */
export const PLAN_DETOUR = 1.3;

export const PLAN_RADIUS = {
  tier5: 300 / PLAN_DETOUR,
  tier10: 500 / PLAN_DETOUR,
  tier15: 1000 / PLAN_DETOUR,
  green: 300 / PLAN_DETOUR,
  park: 500 / PLAN_DETOUR,
} as const;
