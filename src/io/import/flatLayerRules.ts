// readLayer's layer-wide decisions over a layer read flat (readResidentialFlat, readRoadsFlat): the
// CRS its coordinates are in (declared, given, or guessed from them) and the field mapping. Null
// where readLayer would report a problem instead (an unknown CRS, coordinates that do not fit it,
// a mapped field the file does not have): the caller then reads the layer with readLayer.
import type { FieldMap, ImportProblem, LayerKind, RawLayer } from './types';
import type { ReadLayerOptions } from './readLayer';
import { resolveCrs, type CrsResolution } from '../crs/resolveCrs';
import type { CoordStats } from '../crs/suggestCrs';
import { CrsError } from '../crs/parseCrs';
import { detectFieldMap } from '../fields/fieldNames';

export interface FlatLayerRules {
  crs: CrsResolution;
  fieldMap: FieldMap;
  /** The CRS warning, if any, as readLayer gives it (the first file named). */
  problems: ImportProblem[];
}

/** The field mapping, or null when a field the options map is not in the file. */
export function flatFieldMap(kind: LayerKind, fields: string[], options: ReadLayerOptions): FieldMap | null {
  const fieldMap = detectFieldMap(kind, fields, options.fieldMap);
  for (const src of Object.values(options.fieldMap ?? {})) if (src && !fields.includes(src)) return null;
  return fieldMap;
}

/** The CRS decision over the layer's coordinates (flat x, y, or their range already gathered) and
 *  its warning as a problem; null on a CRS error. */
export function flatCrsRules(coords: Float64Array | CoordStats, declaredCrs: RawLayer['declaredCrs'], names: string[], options: ReadLayerOptions): Omit<FlatLayerRules, 'fieldMap'> | null {
  let crs: CrsResolution;
  try {
    crs = resolveCrs(coords instanceof Float64Array ? { declaredCrs, xy: coords } : { declaredCrs, stats: coords }, names, options);
  } catch (e) {
    if (e instanceof CrsError) return null;
    throw e;
  }
  if (crs.error) return null;
  const problems: ImportProblem[] = [];
  if (crs.warning) problems.push({ file: names[0], field: 'geometry', message: crs.warning, severity: 'warning' });
  return { crs, problems };
}

export function flatLayerRules(kind: LayerKind, xy: Float64Array, fields: string[], declaredCrs: RawLayer['declaredCrs'], names: string[], options: ReadLayerOptions): FlatLayerRules | null {
  const rules = flatCrsRules(xy, declaredCrs, names, options);
  if (!rules) return null;
  const fieldMap = flatFieldMap(kind, fields, options);
  return fieldMap && { ...rules, fieldMap };
}
