// The city-wide indicators panel, connected to the store: the figures derived from the shown
// audit under the active preset, the panel's view choices, and the table's street filter (a street
// picked here lists its communities in the table).
import { CityIndicatorsPanel } from '../indicators/CityIndicatorsPanel';
import { selectCityIndicators, type Action, type AppState } from '../state/appState';
import { useSelector, useStore } from '../state/store';

const selectPanel = (s: AppState) => s.indicators;
const selectFilters = (s: AppState) => s.ui.filters;

export function IndicatorsRegion() {
  const { dispatch } = useStore<AppState, Action>();
  const indicators = useSelector(selectCityIndicators);
  const panel = useSelector(selectPanel);
  const filters = useSelector(selectFilters);
  if (!indicators) return null;
  return (
    <CityIndicatorsPanel
      indicators={indicators}
      open={panel.open}
      onToggle={() => dispatch({ type: 'indicators/toggled' })}
      indicator={panel.indicator}
      onPickIndicator={(indicator) => dispatch({ type: 'indicators/picked', indicator })}
      street={filters.street}
      onPickStreet={(street) => dispatch({ type: 'ui/changed', patch: { filters: { ...filters, street } } })}
    />
  );
}
