// Dropping discs that add nothing to a union of equal discs inside a window, exactly. The exact
// disc-union area (discUnionArea.ts) compares every circle with every other, O(k²) for k discs:
// with thousands of facilities around one community that was the quadratic step of dense audits.
// Most of those discs lie wholly inside the others. A disc is dropped when every cell of a grid
// laid over its part of the window lies inside one other disc still kept (a square lies inside a
// disc when its four corners do: a disc is convex). Discs are examined one after another and only
// kept discs vouch for a cell, so the union inside the window never changes: whatever a dropped
// disc covered is covered by discs that remain. A disc that cannot be shown covered is kept.

/** Cell side as a fraction of the radius: 25 cells per disc at most, each fitting well inside one. */
const CELL = 0.5;

/**
 * The centres ([x0, y0, …]) of discs of radius r that are needed for the union inside the window
 * [minX, minY, maxX, maxY]; the others lie inside the kept discs there.
 */
export function keptDiscs(centers: ArrayLike<number>, r: number, window: readonly [number, number, number, number]): number[] {
  const k = centers.length >> 1;
  const grid = new Map<string, number[]>();
  const keyOf = (x: number, y: number) => `${Math.floor(x / r)},${Math.floor(y / r)}`;
  for (let i = 0; i < k; i++) {
    const key = keyOf(centers[2 * i], centers[2 * i + 1]);
    const list = grid.get(key);
    if (list) list.push(i); else grid.set(key, [i]);
  }
  const alive = new Uint8Array(k).fill(1);
  // The same centre twice (facilities in one building) is one disc.
  const seen = new Set<string>();
  for (let i = 0; i < k; i++) {
    const key = `${centers[2 * i]},${centers[2 * i + 1]}`;
    if (seen.has(key)) alive[i] = 0; else seen.add(key);
  }
  const r2 = r * r;
  const s = CELL * r;
  const within = (j: number, x: number, y: number) => {
    const dx = x - centers[2 * j], dy = y - centers[2 * j + 1];
    return dx * dx + dy * dy <= r2;
  };
  /** Some kept disc other than i holds the square [x, x+s] × [y, y+s]. */
  const cellCovered = (i: number, x: number, y: number): boolean => {
    const gx = Math.floor((x + s / 2) / r), gy = Math.floor((y + s / 2) / r);
    for (let a = gx - 1; a <= gx + 1; a++) for (let b = gy - 1; b <= gy + 1; b++) {
      const list = grid.get(`${a},${b}`);
      if (!list) continue;
      for (const j of list) {
        if (j === i || !alive[j]) continue;
        if (within(j, x, y) && within(j, x + s, y) && within(j, x, y + s) && within(j, x + s, y + s)) return true;
      }
    }
    return false;
  };
  for (let i = 0; i < k; i++) {
    if (!alive[i]) continue;
    const cx = centers[2 * i], cy = centers[2 * i + 1];
    const x0 = Math.max(cx - r, window[0]), y0 = Math.max(cy - r, window[1]);
    const x1 = Math.min(cx + r, window[2]), y1 = Math.min(cy + r, window[3]);
    if (x0 >= x1 || y0 >= y1) { alive[i] = 0; continue; } // nothing of it inside the window
    let covered = true;
    for (let x = x0; covered && x < x1; x += s) {
      for (let y = y0; y < y1; y += s) {
        // Cells that miss the disc need no cover (nearest point of the cell farther than r).
        const nx = Math.max(x, Math.min(cx, x + s)) - cx, ny = Math.max(y, Math.min(cy, y + s)) - cy;
        if (nx * nx + ny * ny > r2) continue;
        if (!cellCovered(i, x, y)) { covered = false; break; }
      }
    }
    if (covered) alive[i] = 0;
  }
  const out: number[] = [];
  for (let i = 0; i < k; i++) if (alive[i]) out.push(centers[2 * i], centers[2 * i + 1]);
  return out;
}
