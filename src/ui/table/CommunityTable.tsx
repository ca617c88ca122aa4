// Community list: every community, sortable and filtered (filterRows.ts: visibleRows, the same
// rows the CSV export writes), virtualised (TanStack Virtual) so 10,000 rows scroll smoothly.
// Columns come from table/columns.ts, shared with the export. Selection is shared with the map.
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { AuditResult, FacilityCategory, RuleId } from '../../engine/types';
import type { TableFilters, TableSort } from '../state/uiChoices';
import { streetsOf, visibleRows } from './filterRows';
import { COLUMNS, nextSort, toRows, type ColumnId, type Row, type TableColumn } from './columns';
import { communityHouseholdsWithout } from '../residential/coverageBasis';
import { formatNumber, type Locale } from '../../text/format';
import type { Translate } from '../../text/ruleText';

const RULES: RuleId[] = ['areaPer100Households', 'stationMinArea', 'greenCoverage', 'parkCoverage', 'lifeCircle', 'sixOnes', 'outdoorVenue', 'perCapitaPark', 'perCapitaSports', 'healthPer1000', 'communitySize'];
const ROW_H = 36;

interface Props {
  result: AuditResult | null;
  total: number;
  filters: TableFilters;
  onFilters: (f: TableFilters) => void;
  sort: TableSort;
  onSort: (s: TableSort) => void;
  selected: number | null;
  onSelect: (index: number | null) => void;
  /** Households with no facility of `category` within `tier` (households × unreached share), headed `label`. */
  without?: { tier: string; category: FacilityCategory; label: string };
}

export function CommunityTable({ result, total, filters, onFilters, sort, onSort, selected, onSelect, without }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  // The households-without column (tier × category of the map's gap layer) follows households; it
  // is shown, not sorted on (sorting and the CSV use the fixed columns of columns.ts).
  const columns = useMemo((): (Omit<TableColumn, 'id'> & { id: string; sortable: boolean })[] => {
    const fixed = COLUMNS.map((c) => ({ ...c, sortable: true }));
    if (!without) return fixed;
    const extra = {
      id: 'householdsWithout', label: without.label, numeric: true, width: '72px', sortable: false,
      sortValue: (r: Row) => communityHouseholdsWithout(r, without.tier, without.category) ?? -Infinity,
      text: (r: Row, _t: Translate, l: Locale) => formatNumber(communityHouseholdsWithout(r, without.tier, without.category), l),
      value: (r: Row) => communityHouseholdsWithout(r, without.tier, without.category),
    };
    const at = fixed.findIndex((c) => c.id === 'households') + 1;
    return [...fixed.slice(0, at), extra, ...fixed.slice(at)];
  }, [without]);
  const gridTemplate = columns.map((c) => c.width).join(' ');
  const allRows = useMemo(() => (result ? toRows(result.communities) : []), [result]);
  const streets = useMemo(() => streetsOf(allRows), [allRows]);
  const sorted = useMemo(() => visibleRows(result, filters, sort), [result, filters, sort]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: sorted.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_H, overscan: 8, getItemKey: (i) => sorted[i].id + ':' + sorted[i].index });

  // Keep the selected row in view (selection from the map).
  const position = useMemo(() => (selected === null ? -1 : sorted.findIndex((r) => r.index === selected)), [sorted, selected]);
  useEffect(() => {
    if (position >= 0) virtualizer.scrollToIndex(position, { align: 'auto' });
  }, [position, virtualizer]);

  const onKey = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    if (sorted.length === 0) return;
    const next = position < 0 ? 0 : Math.max(0, Math.min(sorted.length - 1, position + (e.key === 'ArrowDown' ? 1 : -1)));
    onSelect(sorted[next].index);
  };

  const set = (patch: Partial<TableFilters>) => onFilters({ ...filters, ...patch });

  return (
    <div className="community-table" data-testid="community-table">
      <div className="table-toolbar">
        <h2>{t('table.title')}</h2>
        <input id="community-search" type="search" placeholder={t('table.search')} value={filters.search} onChange={(e) => set({ search: e.target.value })} aria-label={t('table.search')} />
        <label className="check"><input type="checkbox" checked={filters.failingOnly} onChange={(e) => set({ failingOnly: e.target.checked })} data-testid="failing-only" /> {t('table.failingOnly')}</label>
        <select value={filters.rule} onChange={(e) => set({ rule: e.target.value })} aria-label={t('table.allRules')}>
          <option value="">{t('table.allRules')}</option>
          {RULES.map((r) => <option key={r} value={r}>{t(`rule.${r}`)}{result?.summary.byRule[r] ? ` (${result.summary.byRule[r]})` : ''}</option>)}
        </select>
        <select value={filters.street} onChange={(e) => set({ street: e.target.value })} aria-label={t('table.allStreets')}>
          <option value="">{t('table.allStreets')}</option>
          {streets.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
        <select value={filters.setting} onChange={(e) => set({ setting: e.target.value as TableFilters['setting'] })} aria-label={t('table.allSettings')}>
          <option value="">{t('table.allSettings')}</option>
          <option value="urban">{t('setting.urban')}</option>
          <option value="rural">{t('setting.rural')}</option>
        </select>
        <span className="row-count" data-testid="row-count" data-shown={sorted.length} data-total={total}>{t('table.rows', { shown: sorted.length, total })}</span>
      </div>
      <div className="grid-head" style={{ gridTemplateColumns: gridTemplate }} role="row">
        {columns.map((c) => {
          const dir = sort.id === c.id ? (sort.desc ? 'desc' : 'asc') : null;
          return (
            <button key={c.id} role="columnheader" className={`th ${dir ? 'sorted' : ''} ${c.numeric ? 'num' : ''}`} onClick={() => { if (c.sortable) onSort(nextSort(sort, c.id as ColumnId)); }} aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'} data-col={c.id} title={t(c.label)}>
              {t(c.label)}{dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''}
            </button>
          );
        })}
      </div>
      <div className="grid-body" ref={scrollRef} tabIndex={0} onKeyDown={onKey} role="grid" aria-rowcount={sorted.length}>
        {!result && <div className="empty">{total === 0 ? t('table.emptyData') : t('status.pending') + '…'}</div>}
        {result && sorted.length === 0 && <div className="empty">{allRows.length === 0 ? t('table.emptyData') : t('table.empty')}</div>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const r = sorted[item.index];
            return (
              <div
                key={item.key}
                role="row"
                data-testid="community-row"
                data-id={r.id}
                data-status={r.status}
                className={`grid-row ${r.status} ${r.index === selected ? 'selected' : ''}`}
                style={{ gridTemplateColumns: gridTemplate, transform: `translateY(${item.start}px)`, height: ROW_H }}
                onClick={() => onSelect(r.index === selected ? null : r.index)}
              >
                {columns.map((c) => {
                  const fail = !!c.rule && r.failures.some((f) => f.rule === c.rule);
                  const text = c.text(r, t, lang);
                  return (
                    <div key={c.id} role="gridcell" className={`td td-${c.id}`} title={c.id === 'id' || c.id === 'name' ? text : undefined}>
                      {c.id === 'status' ? <span className={`badge ${r.status}`}>{text}</span> : c.rule ? <span className={fail ? 'num bad' : 'num'}>{text}</span> : text}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
