// Point-in-area lookup over many areal features: a Flatbush bbox prefilter, then exact tests.
import Flatbush from 'flatbush';
import type { Position } from '../../engine/types';
import type { AreaFeature } from './areas';
import { pointInMultiPolygon } from './geometry';

export class AreaIndex<T extends { area: AreaFeature }> {
  private index: Flatbush | null = null;

  constructor(readonly items: T[]) {
    if (!items.length) return;
    this.index = new Flatbush(items.length);
    for (const it of items) this.index.add(...it.area.bbox);
    this.index.finish();
  }

  /** Items whose area contains the point. */
  containing(p: Position): T[] {
    if (!this.index) return [];
    return this.index.search(p[0], p[1], p[0], p[1]).map((i) => this.items[i]).filter((it) => pointInMultiPolygon(p, it.area.geometry));
  }

  /** The smallest item whose area contains the point. */
  smallestContaining(p: Position): T | undefined {
    let best: T | undefined;
    for (const it of this.containing(p)) if (!best || it.area.area_m2 < best.area.area_m2) best = it;
    return best;
  }

  /** Items whose bbox meets the given bbox. */
  inBox(b: [number, number, number, number]): T[] {
    if (!this.index) return [];
    return this.index.search(...b).map((i) => this.items[i]);
  }
}
