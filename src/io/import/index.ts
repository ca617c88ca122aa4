// Public entry of the layer import (app worker and command line).
export { readLayer, type ReadLayerOptions } from './readLayer';
export { inspectLayer, type LayerInspection } from './inspectLayer';
export type * from './types';
export { parseCrs, CrsError } from '../crs/parseCrs';
export { categoryOf, settingOf, greenKindOf } from '../fields/categoryValues';
export { detectFieldMap, schemaKey, FIELD_NAMES } from '../fields/fieldNames';
