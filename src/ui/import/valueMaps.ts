// The dialog's value choices (ImportOptions.categoryMap / settingMap / kindMap): which map a layer
// uses, which attribute values need a choice (those the built-in synonyms do not know), the
// vocabulary offered, and the map sent with the read (only the layer's own, only when not empty).
import type { ImportOptions, LayerKind } from '../../io/import/types';
import type { LayerInspection } from '../../io/import/inspectLayer';
import { FACILITY_CATEGORIES } from '../../engine/types';
import { categoryOf, greenKindOf, settingOf } from '../../io/fields/categoryValues';

export type ValueMaps = Pick<ImportOptions, 'categoryMap' | 'settingMap' | 'kindMap'>;
export type ValueMapKey = keyof ValueMaps;

/** The value map of a layer and the field it reads (communities: setting, facilities: category, green: kind). */
export const VALUE_MAP_OF: Record<LayerKind, { key: ValueMapKey; field: string } | undefined> = {
  communities: { key: 'settingMap', field: 'setting' },
  facilities: { key: 'categoryMap', field: 'category' },
  green: { key: 'kindMap', field: 'kind' },
  roads: undefined,
  residential: undefined,
  candidates: undefined,
};

/** The vocabulary a map may choose from. */
export const VALUE_CHOICES: { [K in ValueMapKey]: readonly NonNullable<ValueMaps[K]>[string][] } = {
  categoryMap: FACILITY_CATEGORIES,
  settingMap: ['urban', 'rural'],
  kindMap: ['park', 'green'],
};

const KNOWN: Record<ValueMapKey, (v: unknown) => string | undefined> = { categoryMap: categoryOf, settingMap: settingOf, kindMap: greenKindOf };

/** Every distinct value of `field` with its feature count (all features when the field has few
 *  distinct values, else the samples only, without counts), most first: each gets a choice. */
export function distinctValues(inspection: LayerInspection, field: string | undefined): { value: string; count?: number }[] {
  if (!field) return [];
  const counts = inspection.valueCounts[field];
  const all: { value: string; count?: number }[] = counts
    ? Object.entries(counts).map(([value, count]) => ({ value, count }))
    : [...new Set((inspection.samples[field] ?? []).map((v) => String(v).trim()))].filter((v) => v !== '').map((value) => ({ value }));
  return all.sort((a, b) => (b.count ?? 0) - (a.count ?? 0) || a.value.localeCompare(b.value));
}

/** What the built-in synonyms make of a value without a choice (undefined: not recognised). */
export function autoValue(key: ValueMapKey, value: unknown): string | undefined {
  return KNOWN[key](value);
}

/** Every distinct value of `field` the built-in synonyms do not know, with its feature count (all
 *  features when the field has few distinct values, else the samples only, without counts), most first. */
export function unknownValues(inspection: LayerInspection, field: string | undefined, key: ValueMapKey): { value: string; count?: number }[] {
  return distinctValues(inspection, field).filter((v) => !KNOWN[key](v.value));
}

/** The user's choice for a raw value in a map (trimmed, own keys only). */
export function chosenValue(map: Record<string, string> | undefined, value: unknown): string | undefined {
  if (!map) return undefined;
  const k = String(value).trim();
  return Object.prototype.hasOwnProperty.call(map, k) ? map[k] : undefined;
}

/** The map to send with a read of `kind`, or {} when the layer has none or it is empty. */
export function valueMapFor(kind: LayerKind, maps: ValueMaps): ValueMaps {
  const of = VALUE_MAP_OF[kind];
  const m = of ? maps[of.key] : undefined;
  return of && m && Object.keys(m).length > 0 ? { [of.key]: m } : {};
}
