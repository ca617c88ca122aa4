// The community table as CSV: the rows the table shows (filter and sort) or all of them, with the
// table's own columns, labels and rounding (table/columns.ts), in the UI's language.
import type { AuditResult, RulePreset } from '../../engine/types';
import type { Translate } from '../../text/ruleText';
import type { TableFilters, TableSort } from '../state/uiChoices';
import { DEFAULT_UI } from '../state/uiChoices';
import { tableExport } from './columns';
import { downloadText, toCsv } from './csv';
import { visibleRows } from './filterRows';

export type ExportScope = 'shown' | 'all';

export interface TableExportInput {
  result: AuditResult;
  preset?: RulePreset;
  filters: TableFilters;
  sort: TableSort;
  t: Translate;
  lang: 'zh' | 'en';
}

/** `shown`: the table's rows in its order; `all`: every community, in the table's order. */
export function tableCsv(input: TableExportInput, scope: ExportScope): string {
  const filters = scope === 'shown' ? input.filters : DEFAULT_UI.filters;
  const rows = visibleRows(input.result, filters, input.sort);
  const { header, cells } = tableExport(rows, input.t, input.lang, input.preset);
  return toCsv(header, cells);
}

export function exportTableCsv(input: TableExportInput, scope: ExportScope): void {
  downloadText(`lifecircle-${input.result.preset}${scope === 'shown' ? '-filtered' : ''}.csv`, tableCsv(input, scope));
}
