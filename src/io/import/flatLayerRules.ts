// readLayer's layer-wide decisions over a layer read flat (readResidentialFlat, readRoadsFlat): the
// CRS its coordinates are in (declared, given, or guessed from them) and the field mapping. Null
// where readLayer would report a problem instead (an unknown CRS, coordinates that do not fit it,
// a mapped field the file does not have): the caller then reads the layer with readLayer.
import type { FieldMap, ImportProblem, LayerKind, RawLayer } from './types';
import type { ReadLayerOptions } from './readLayer';
import { resolveCrs, type CrsResolution } from '../crs/resolveCrs';
import { CrsError } from '../crs/parseCrs';
import { detectFieldMap } from '../fields/fieldNames';

export interface FlatLayerRules {
  crs: CrsResolution;
  fieldMap: FieldMap;
  /** The CRS warning, if any, as readLayer gives it (the first file named). */
  problems: ImportProblem[];
}

export function flatLayerRules(kind: LayerKind, xy: Float64Array, fields: string[], declaredCrs: RawLayer['declaredCrs'], names: string[], options: ReadLayerOptions): FlatLayerRules | null {
  let crs: CrsResolution;
  try {
    crs = resolveCrs({ declaredCrs, xy }, names, options);
  } catch (e) {
    if (e instanceof CrsError) return null;
    throw e;
  }
  if (crs.error) return null;
  const fieldMap = detectFieldMap(kind, fields, options.fieldMap);
  for (const src of Object.values(options.fieldMap ?? {})) if (src && !fields.includes(src)) return null;
  const problems: ImportProblem[] = [];
  if (crs.warning) problems.push({ file: names[0], field: 'geometry', message: crs.warning, severity: 'warning' });
  return { crs, fieldMap, problems };
}
