// Colour palettes. Status and metric scales are colour-blind safe: Okabe–Ito blue/vermillion for
// pass/fail and ColorBrewer PuOr (diverging around the standard) for metric values.
import type { FacilityCategory } from '../../engine/types';

export type RGBA = [number, number, number, number];

export const PASS: RGBA = [0, 114, 178, 110];
export const FAIL: RGBA = [213, 94, 0, 170];
export const PENDING: RGBA = [150, 150, 150, 90];
export const NODATA: RGBA = [170, 170, 170, 110];
export const SELECTED_LINE: RGBA = [255, 214, 0, 255];

/** PuOr, orange side = below the standard (worse), purple side = at or above it. */
export const BELOW: RGBA[] = [
  [179, 88, 6, 200],
  [224, 130, 20, 185],
  [253, 184, 99, 170],
];
export const ABOVE: RGBA[] = [
  [178, 171, 210, 150],
  [128, 115, 172, 165],
  [84, 39, 136, 180],
];

export const CATEGORY_COLORS: Record<FacilityCategory, RGBA> = {
  community_service: [230, 25, 75, 255],
  elderly_care: [145, 30, 180, 255],
  kindergarten: [245, 130, 48, 255],
  health_station: [0, 130, 200, 255],
  health_center: [0, 70, 140, 255],
  supermarket: [60, 180, 75, 255],
  activity_venue: [240, 50, 230, 255],
  primary_school: [128, 0, 0, 255],
  middle_school: [170, 110, 40, 255],
  culture_center: [0, 128, 128, 255],
  sports_venue: [128, 128, 0, 255],
  police: [0, 0, 117, 255],
  emergency_shelter: [100, 100, 100, 255],
  parcel_locker: [160, 160, 160, 255],
};

export const toCss = (c: RGBA, alpha?: number) => `rgba(${c[0]},${c[1]},${c[2]},${alpha ?? c[3] / 255})`;
