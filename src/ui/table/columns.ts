// The community table's columns, defined once: the table draws them and the CSV export writes
// them, so both show the same labels, the same rounding (shares truncated to one decimal, as
// text/format.ts does everywhere) and the same order. Pure: no React, no DOM.
import type { CommunityResult, RuleId, RulePreset } from '../../engine/types';
import { formatNumber, formatSharePercent, type Locale } from '../../text/format';
import { failureText, type Translate } from '../../text/ruleText';
import type { TableSort } from '../state/uiChoices';

export interface Row extends CommunityResult {
  /** Index in the dataset's communities (and in the audit's communities). */
  index: number;
}

export type ColumnId = 'id' | 'name' | 'street' | 'households' | 'areaPer100' | 'largestStation' | 'green' | 'park' | 'failures' | 'status';

export interface TableColumn {
  id: ColumnId;
  /** i18n key of the header label. */
  label: string;
  /** Unit appended to the label in the export, where the cells carry bare numbers ("见绿 (%)"). */
  unit?: string;
  /** The rule whose failure marks the cell. */
  rule?: RuleId;
  numeric: boolean;
  /** Grid track of the column in the table. */
  width: string;
  /** The value sorted on (numbers: missing values sort below every real one). */
  sortValue: (r: Row) => number | string;
  /** The cell as the table shows it. */
  text: (r: Row, t: Translate, lang: Locale) => string;
  /** The cell as the export writes it: the shown value, numbers without thousands separators. */
  value: (r: Row, t: Translate) => string | number | null;
}

/** A number rounded to `digits` decimals the way Intl.NumberFormat rounds it for the table. */
function rounded(v: number | null | undefined, digits: number): number | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  return Number(formatNumber(v, 'en', digits).replace(/,/g, ''));
}

/** A share 0..1 as the UI's percentage number (truncated to one decimal: 0.4729 → 47.2). */
function sharePercent(v: number): number | null {
  const s = formatSharePercent(v);
  return s === '—' ? null : Number(s);
}

const missing = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? -Infinity : v);

export const COLUMNS: readonly TableColumn[] = [
  { id: 'id', label: 'table.id', numeric: false, width: '104px', sortValue: (r) => r.id, text: (r) => r.id, value: (r) => r.id },
  { id: 'name', label: 'table.name', numeric: false, width: 'minmax(80px,1.4fr)', sortValue: (r) => r.name, text: (r) => r.name, value: (r) => r.name },
  { id: 'street', label: 'table.street', numeric: false, width: 'minmax(56px,1fr)', sortValue: (r) => r.street ?? '', text: (r) => r.street ?? '', value: (r) => r.street ?? '' },
  { id: 'households', label: 'table.households', numeric: true, width: '72px', sortValue: (r) => missing(r.households), text: (r, _t, lang) => formatNumber(r.households, lang), value: (r) => rounded(r.households, 0) },
  { id: 'areaPer100', label: 'table.areaPer100', unit: 'm²', rule: 'areaPer100Households', numeric: true, width: '80px', sortValue: (r) => missing(r.areaPer100Households_m2), text: (r, _t, lang) => formatNumber(r.areaPer100Households_m2, lang, 1), value: (r) => rounded(r.areaPer100Households_m2, 1) },
  { id: 'largestStation', label: 'table.largestStation', unit: 'm²', rule: 'stationMinArea', numeric: true, width: '72px', sortValue: (r) => missing(r.largestStation_m2), text: (r, _t, lang) => formatNumber(r.largestStation_m2, lang, 0), value: (r) => rounded(r.largestStation_m2, 0) },
  { id: 'green', label: 'table.green', unit: '%', rule: 'greenCoverage', numeric: true, width: '72px', sortValue: (r) => missing(r.greenCoverage), text: (r) => `${formatSharePercent(r.greenCoverage)}%`, value: (r) => sharePercent(r.greenCoverage) },
  { id: 'park', label: 'table.park', unit: '%', rule: 'parkCoverage', numeric: true, width: '72px', sortValue: (r) => missing(r.parkCoverage), text: (r) => `${formatSharePercent(r.parkCoverage)}%`, value: (r) => sharePercent(r.parkCoverage) },
  { id: 'failures', label: 'table.failures', numeric: true, width: '56px', sortValue: (r) => r.failures.length, text: (r) => String(r.failures.length), value: (r) => r.failures.length },
  { id: 'status', label: 'table.status', numeric: false, width: '72px', sortValue: (r) => (r.status === 'fail' ? 1 : 0), text: (r, t) => t(`status.${r.status}`), value: (r, t) => t(`status.${r.status}`) },
];

export const GRID_TEMPLATE = COLUMNS.map((c) => c.width).join(' ');

export const DEFAULT_SORT: TableSort = { id: 'failures', desc: true };

export function toRows(results: CommunityResult[]): Row[] {
  return results.map((r, index) => ({ ...r, index }));
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

/** Rows in the table's order: by the sorted column, ties in data order (a stable sort). */
export function sortRows(rows: Row[], sort: TableSort): Row[] {
  const col = COLUMNS.find((c) => c.id === sort.id) ?? COLUMNS.find((c) => c.id === DEFAULT_SORT.id)!;
  const dir = sort.desc ? -1 : 1;
  return rows
    .map((r) => ({ r, k: col.sortValue(r) }))
    .sort((a, b) => {
      const c = typeof a.k === 'number' && typeof b.k === 'number' ? (a.k === b.k ? 0 : a.k < b.k ? -1 : 1) : collator.compare(String(a.k), String(b.k));
      return c !== 0 ? c * dir : a.r.index - b.r.index;
    })
    .map((x) => x.r);
}

/** The next sort after a click on a column's header: new column → its natural direction (numbers
 *  largest first, text A→Z); the same column → the other direction. */
export function nextSort(sort: TableSort, id: ColumnId): TableSort {
  const col = COLUMNS.find((c) => c.id === id);
  if (!col) return sort;
  return sort.id === id ? { id, desc: !sort.desc } : { id, desc: col.numeric };
}

/** Header and cells of the export: the table's columns, then the failures spelled out. */
export function tableExport(rows: Row[], t: Translate, lang: Locale, preset?: RulePreset): { header: string[]; cells: (string | number | null)[][] } {
  const header = [...COLUMNS.map((c) => (c.unit ? `${t(c.label)} (${c.unit})` : t(c.label))), t('table.failureDetails')];
  const cells = rows.map((r) => [
    ...COLUMNS.map((c) => c.value(r, t)),
    r.failures.map((f) => failureText(f, t, lang, preset).line).join('; '),
  ]);
  return { header, cells };
}
