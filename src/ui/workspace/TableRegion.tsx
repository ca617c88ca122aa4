// The community table, connected to the store: the audit's rows, the filters (view choices) and
// the selection shared with the map (a pick in the table zooms the map to it).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CommunityTable } from '../table/CommunityTable';
import { registerResidentialStrings } from '../residential/residentialStrings';
import type { Action, AppState } from '../state/appState';
import { useSelector, useStore } from '../state/store';

const selectResult = (s: AppState) => s.audit.result;
const selectTotal = (s: AppState) => s.project?.layers.communities.length ?? 0;
const selectFilters = (s: AppState) => s.ui.filters;
const selectSort = (s: AppState) => s.ui.tableSort;
const selectSelected = (s: AppState) => s.selection.community;
const selectTier = (s: AppState) => s.ui.tier;
const selectCategory = (s: AppState) => s.ui.category;
const selectPresetTiers = (s: AppState) => s.presetEdits?.present.tiers ?? null;

export function TableRegion() {
  const { dispatch } = useStore<AppState, Action>();
  const result = useSelector(selectResult);
  const total = useSelector(selectTotal);
  const filters = useSelector(selectFilters);
  const sort = useSelector(selectSort);
  const selected = useSelector(selectSelected);
  const tier = useSelector(selectTier);
  const category = useSelector(selectCategory);
  const tiers = useSelector(selectPresetTiers);
  const { t, i18n } = useTranslation();
  registerResidentialStrings();
  // Households without the chosen tier × category (the same choice as the map's gap layer).
  const without = useMemo(
    () => ({ tier, category, label: t('residentialUi.column', { minutes: tiers?.[tier]?.minutes ?? tier, category: t(`category.${category}`) }) }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [tier, category, tiers, t, i18n.language],
  );
  return (
    <section className="table-area">
      <CommunityTable
        result={result}
        total={total}
        filters={filters}
        onFilters={(f) => dispatch({ type: 'ui/changed', patch: { filters: f } })}
        sort={sort}
        onSort={(tableSort) => dispatch({ type: 'ui/changed', patch: { tableSort } })}
        selected={selected}
        onSelect={(index) => dispatch({ type: 'selection/community', index, zoom: true })}
        without={without}
      />
    </section>
  );
}
