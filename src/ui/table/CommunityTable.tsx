// Community list: every community, sortable (TanStack Table v9), filtered (filterRows.ts),
// virtualised (TanStack Virtual) so 10,000 rows scroll smoothly. Selection is shared with the map.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createColumnHelper, createSortedRowModel, rowSortingFeature, sortFn_alphanumeric, sortFn_basic, tableFeatures, useTable, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { AuditResult, RuleId } from '../../engine/types';
import type { TableFilters } from '../state/uiChoices';
import { filterRows, streetsOf, toRows, type Row } from './filterRows';
import { formatNumber, formatSharePercent } from '../../text/format';

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
});
const helper = createColumnHelper<typeof features, Row>();

const RULES: RuleId[] = ['areaPer100Households', 'stationMinArea', 'greenCoverage', 'parkCoverage', 'lifeCircle', 'sixOnes', 'outdoorVenue', 'perCapitaPark', 'perCapitaSports', 'healthPer1000', 'communitySize'];
const GRID = '84px minmax(120px,1.4fr) minmax(90px,1fr) 84px 104px 110px 76px 76px 90px 90px';
const ROW_H = 36;

interface Props {
  result: AuditResult | null;
  total: number;
  filters: TableFilters;
  onFilters: (f: TableFilters) => void;
  selected: number | null;
  onSelect: (index: number | null) => void;
}

export function CommunityTable({ result, total, filters, onFilters, selected, onSelect }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const allRows = useMemo(() => (result ? toRows(result.communities) : []), [result]);
  const rows = useMemo(() => filterRows(allRows, filters), [allRows, filters]);
  const streets = useMemo(() => streetsOf(allRows), [allRows]);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'failures', desc: true }]);

  const columns = useMemo(() => helper.columns([
    helper.accessor('id', { header: t('table.id'), sortFn: 'alphanumeric' }),
    helper.accessor('name', { header: t('table.name'), sortFn: 'alphanumeric' }),
    helper.accessor((r) => r.street ?? '', { id: 'street', header: t('table.street'), sortFn: 'alphanumeric' }),
    helper.accessor((r) => r.households ?? -1, { id: 'households', header: t('table.households'), cell: (c) => formatNumber(c.row.original.households, lang) }),
    helper.accessor((r) => r.areaPer100Households_m2 ?? -1, { id: 'areaPer100', header: t('table.areaPer100'), cell: (c) => <Num v={c.row.original.areaPer100Households_m2} digits={1} fail={c.row.original.failures.some((f) => f.rule === 'areaPer100Households')} lang={lang} /> }),
    helper.accessor('largestStation_m2', { header: t('table.largestStation'), cell: (c) => <Num v={c.row.original.largestStation_m2} digits={0} fail={c.row.original.failures.some((f) => f.rule === 'stationMinArea')} lang={lang} /> }),
    helper.accessor('greenCoverage', { header: t('table.green'), cell: (c) => <Pct v={c.row.original.greenCoverage} fail={c.row.original.failures.some((f) => f.rule === 'greenCoverage')} /> }),
    helper.accessor('parkCoverage', { header: t('table.park'), cell: (c) => <Pct v={c.row.original.parkCoverage} fail={c.row.original.failures.some((f) => f.rule === 'parkCoverage')} /> }),
    helper.accessor((r) => r.failures.length, { id: 'failures', header: t('table.failures'), sortDescFirst: true }),
    helper.accessor('status', { header: t('table.status'), cell: (c) => <span className={`badge ${c.row.original.status}`}>{t(`status.${c.row.original.status}`)}</span> }),
  ]), [t, lang]);

  const table = useTable({ features, columns, data: rows, state: { sorting }, onSortingChange: setSorting, enableMultiSort: false });
  const sorted = table.getRowModel().rows;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: sorted.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_H, overscan: 8, getItemKey: (i) => sorted[i].original.id + ':' + sorted[i].original.index });

  // Keep the selected row in view (selection from the map).
  const position = useMemo(() => (selected === null ? -1 : sorted.findIndex((r) => r.original.index === selected)), [sorted, selected]);
  useEffect(() => {
    if (position >= 0) virtualizer.scrollToIndex(position, { align: 'auto' });
  }, [position, virtualizer]);

  const onKey = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    if (sorted.length === 0) return;
    const next = position < 0 ? 0 : Math.max(0, Math.min(sorted.length - 1, position + (e.key === 'ArrowDown' ? 1 : -1)));
    onSelect(sorted[next].original.index);
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
        <span className="row-count" data-testid="row-count" data-shown={rows.length} data-total={total}>{t('table.rows', { shown: rows.length, total })}</span>
      </div>
      <div className="grid-head" style={{ gridTemplateColumns: GRID }} role="row">
        {table.getHeaderGroups()[0].headers.map((h) => {
          const dir = h.column.getIsSorted();
          return (
            <button key={h.id} role="columnheader" className={`th ${dir ? 'sorted' : ''}`} onClick={h.column.getToggleSortingHandler()} aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'} data-col={h.id}>
              <table.FlexRender header={h} />{dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''}
            </button>
          );
        })}
      </div>
      <div className="grid-body" ref={scrollRef} tabIndex={0} onKeyDown={onKey} role="grid" aria-rowcount={sorted.length}>
        {!result && <div className="empty">{total === 0 ? t('table.emptyData') : t('status.pending') + '…'}</div>}
        {result && sorted.length === 0 && <div className="empty">{allRows.length === 0 ? t('table.emptyData') : t('table.empty')}</div>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = sorted[item.index];
            const r = row.original;
            return (
              <div
                key={item.key}
                role="row"
                data-testid="community-row"
                data-id={r.id}
                data-status={r.status}
                className={`grid-row ${r.status} ${r.index === selected ? 'selected' : ''}`}
                style={{ gridTemplateColumns: GRID, transform: `translateY(${item.start}px)`, height: ROW_H }}
                onClick={() => onSelect(r.index === selected ? null : r.index)}
              >
                {row.getAllCells().map((cell) => (
                  <div key={cell.id} role="gridcell" className={`td td-${cell.column.id}`}><table.FlexRender cell={cell} /></div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function Num({ v, digits, fail, lang }: { v: number | null; digits: number; fail: boolean; lang: 'zh' | 'en' }) {
  return <span className={fail ? 'num bad' : 'num'}>{formatNumber(v, lang, digits)}</span>;
}
function Pct({ v, fail }: { v: number; fail: boolean }) {
  return <span className={fail ? 'num bad' : 'num'}>{formatSharePercent(v)}%</span>;
}
