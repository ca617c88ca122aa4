// Table filters as a pure function over audit rows: failing only, by rule, by street, by setting,
// and a search on name or id (case-insensitive, substring).
import type { AuditResult } from '../../engine/types';
import type { TableFilters, TableSort } from '../state/uiChoices';
import { sortRows, toRows, type Row } from './columns';

export type { Row } from './columns';

export function filterRows(rows: Row[], f: TableFilters): Row[] {
  const q = f.search.trim().toLowerCase();
  return rows.filter((r) => {
    if (f.failingOnly && r.status !== 'fail') return false;
    if (f.rule && !r.failures.some((x) => x.rule === f.rule)) return false;
    if (f.street && (r.street ?? '') !== f.street) return false;
    if (f.setting && r.setting !== f.setting) return false;
    if (q && !r.name.toLowerCase().includes(q) && !r.id.toLowerCase().includes(q)) return false;
    return true;
  });
}

export function streetsOf(rows: { street?: string }[]): string[] {
  return [...new Set(rows.map((r) => r.street).filter((s): s is string => !!s))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
}

/** The rows the table shows, in its order: filtered, then sorted. The export writes these. */
export function visibleRows(result: AuditResult | null, filters: TableFilters, sort: TableSort): Row[] {
  return result ? sortRows(filterRows(toRows(result.communities), filters), sort) : [];
}
