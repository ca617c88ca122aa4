// Table filters as a pure function over audit rows: failing only, by rule, by street, by setting,
// and a search on name or id (case-insensitive, substring).
import type { CommunityResult } from '../../engine/types';
import type { TableFilters } from '../state/uiChoices';

export interface Row extends CommunityResult {
  /** Index in the dataset's communities (and in the audit's communities). */
  index: number;
}

export function toRows(results: CommunityResult[]): Row[] {
  return results.map((r, index) => ({ ...r, index }));
}

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
