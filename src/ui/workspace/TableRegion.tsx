// The community table, connected to the store: the audit's rows, the filters (view choices) and
// the selection shared with the map (a pick in the table zooms the map to it).
import { CommunityTable } from '../table/CommunityTable';
import type { Action, AppState } from '../state/appState';
import { useSelector, useStore } from '../state/store';

const selectResult = (s: AppState) => s.audit.result;
const selectTotal = (s: AppState) => s.project?.layers.communities.length ?? 0;
const selectFilters = (s: AppState) => s.ui.filters;
const selectSort = (s: AppState) => s.ui.tableSort;
const selectSelected = (s: AppState) => s.selection.community;

export function TableRegion() {
  const { dispatch } = useStore<AppState, Action>();
  const result = useSelector(selectResult);
  const total = useSelector(selectTotal);
  const filters = useSelector(selectFilters);
  const sort = useSelector(selectSort);
  const selected = useSelector(selectSelected);
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
      />
    </section>
  );
}
