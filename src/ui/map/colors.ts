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

/** Facility categories avoid the blue/orange hues of pass/fail so a dot never reads as a status. */
export const CATEGORY_COLORS: Record<FacilityCategory, RGBA> = {
  community_service: [106, 61, 154, 255],
  elderly_care: [190, 90, 200, 255],
  kindergarten: [235, 200, 20, 255],
  health_station: [0, 150, 136, 255],
  health_center: [0, 90, 80, 255],
  supermarket: [77, 175, 74, 255],
  activity_venue: [231, 41, 138, 255],
  primary_school: [70, 70, 70, 255],
  middle_school: [120, 85, 40, 255],
  culture_center: [160, 130, 60, 255],
  sports_venue: [27, 120, 90, 255],
  police: [20, 20, 80, 255],
  emergency_shelter: [120, 120, 120, 255],
  parcel_locker: [175, 175, 175, 255],
};

export const toCss = (c: RGBA, alpha?: number) => `rgba(${c[0]},${c[1]},${c[2]},${alpha ?? c[3] / 255})`;
