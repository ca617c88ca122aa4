// The user's view choices (map colouring, layer toggles, tier and category, basemap, distance
// mode, table filters): kept per browser, apart from the project, and restored on reload.
import type { DistanceMode, FacilityCategory } from '../../engine/types';
import type { MetricKey } from '../map/metrics';

export type Basemap = 'offline' | 'osm' | 'tianditu';
export type CirclesMode = 'none' | 'selected' | 'category';

export interface TableFilters {
  search: string;
  failingOnly: boolean;
  /** '' = any rule. */
  rule: string;
  street: string;
  setting: '' | 'urban' | 'rural';
}

/** The community table's sort: a column of table/columns.ts and its direction. */
export interface TableSort {
  id: string;
  desc: boolean;
}

export interface UiChoices {
  lang: 'zh' | 'en';
  colorBy: MetricKey;
  /** Tier and category for the lifeCircle metric and the uncovered-area layer. */
  tier: string;
  category: FacilityCategory;
  showFacilities: boolean;
  showGreen: boolean;
  showNetwork: boolean;
  showLabels: boolean;
  showGaps: boolean;
  circles: CirclesMode;
  basemap: Basemap;
  tiandituKey: string;
  mode: DistanceMode;
  filters: TableFilters;
  tableSort: TableSort;
  /** Show the residential layer on the map. */
  showResidential: boolean;
  /** Compare the selected community's shares on the residential and the community-area basis. */
  compareBases: boolean;
}

export const DEFAULT_UI: UiChoices = {
  lang: 'zh',
  colorBy: 'status',
  tier: '5',
  category: 'kindergarten',
  showFacilities: true,
  showGreen: true,
  showNetwork: false,
  showLabels: true,
  showGaps: false,
  circles: 'selected',
  basemap: 'offline',
  tiandituKey: '',
  mode: 'euclidean',
  filters: { search: '', failingOnly: false, rule: '', street: '', setting: '' },
  tableSort: { id: 'failures', desc: true },
  showResidential: true,
  compareBases: false,
};

/** Saved choices over the defaults (older saves lack newer fields). */
export function mergeUiChoices(saved: Partial<UiChoices> | undefined): UiChoices {
  return saved ? { ...DEFAULT_UI, ...saved, filters: { ...DEFAULT_UI.filters, ...saved.filters } } : DEFAULT_UI;
}
