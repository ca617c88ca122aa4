// deck.gl layers of the walking-network view: the service-area bands of a selected facility (or
// a whole category), nested and drawn largest first in distinct colours, the reachable network of
// each band, the straight-line circles of the same distances for comparison, and the selected
// facility's handle (where it is, or where it is being moved to).
import { PathLayer, PolygonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Position, Ring } from '../../engine/types';
import type { BandsResult } from '../../planning/whatIf/networkSession';

export type RGB = [number, number, number];

/** Okabe–Ito colours, smallest band first (5 → bluish green, 10 → orange, 15 → sky blue, then more). */
export const BAND_COLORS: RGB[] = [
  [0, 158, 115],
  [230, 159, 0],
  [86, 180, 233],
  [204, 121, 167],
  [213, 94, 0],
];

export const bandColor = (i: number): RGB => BAND_COLORS[i % BAND_COLORS.length];

export const NETWORK_LAYER_IDS = {
  area: (tier: string) => `network-band-area-${tier}`,
  lines: (tier: string) => `network-band-lines-${tier}`,
  circles: 'network-straight-circles',
  handle: 'network-facility-handle',
} as const;

interface BandPart {
  polygon: Ring[];
}

export interface NetworkLayerInput {
  bands: BandsResult | null;
  /** Where the selected facility is drawn (its pending position while being moved). */
  handle: Position | null;
  /** Draw the straight-line circles (single facility only). */
  circles: boolean;
}

/** The layers, bottom to top: band areas (largest first), band networks (largest first), circles, handle. */
export function networkLayers({ bands, handle, circles }: NetworkLayerInput): Layer[] {
  const out: Layer[] = [];
  if (bands && bands.bands.length) {
    const order = bands.bands.map((b, i) => ({ b, i })).sort((x, y) => y.b.distance_m - x.b.distance_m);
    for (const { b, i } of order) {
      const c = bandColor(i);
      out.push(new PolygonLayer<BandPart>({
        id: NETWORK_LAYER_IDS.area(b.tier),
        data: b.area.map((polygon) => ({ polygon })),
        getPolygon: (d) => d.polygon,
        getFillColor: [c[0], c[1], c[2], 70],
        getLineColor: [c[0], c[1], c[2], 230],
        lineWidthMinPixels: 1.5,
        stroked: true,
        filled: true,
        pickable: true,
      }));
    }
    for (const { b, i } of order) {
      const c = bandColor(i);
      out.push(new PathLayer<Position[]>({
        id: NETWORK_LAYER_IDS.lines(b.tier),
        data: b.lines,
        getPath: (l) => l,
        getColor: [Math.round(c[0] * 0.7), Math.round(c[1] * 0.7), Math.round(c[2] * 0.7), 255],
        widthUnits: 'pixels',
        getWidth: 3,
        widthMinPixels: 2,
        capRounded: true,
        jointRounded: true,
      }));
    }
    if (circles && bands.sources.length === 1) {
      const centre = handle ?? bands.sources[0];
      out.push(new ScatterplotLayer<{ radius: number }>({
        id: NETWORK_LAYER_IDS.circles,
        data: bands.bands.map((b) => ({ radius: b.distance_m })),
        getPosition: () => centre,
        getRadius: (d) => d.radius,
        radiusUnits: 'meters',
        stroked: true,
        filled: false,
        getLineColor: [60, 60, 60, 200],
        lineWidthMinPixels: 1.5,
        updateTriggers: { getPosition: centre },
      }));
    }
  }
  if (handle) {
    out.push(new ScatterplotLayer<Position>({
      id: NETWORK_LAYER_IDS.handle,
      data: [handle],
      getPosition: (p) => p,
      getRadius: 9,
      radiusUnits: 'pixels',
      stroked: true,
      filled: true,
      getFillColor: [255, 214, 0, 255],
      getLineColor: [20, 20, 20, 255],
      lineWidthMinPixels: 2.5,
      pickable: true,
    }));
  }
  return out;
}
