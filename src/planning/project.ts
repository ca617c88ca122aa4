// The project: the base data of a plan (every loaded layer) and the user's presets, as one plain
// serialisable value. All changes go through the pure updaters below (kepler.gl style), so
// replacing a layer from the import dialog is one call: replaceLayer(project, kind, features).
import type { PresentationView } from './presentation';
import type { CandidateSite, Community, Facility, GreenSpace, I18nText, MultiPolygonCoords, ResidentialLand, RoadLine, RulePreset } from '../engine/types';

export interface WaterBody {
  id: string;
  name?: string;
  kind: string;
  geometry: MultiPolygonCoords;
}

export interface ProjectLayers {
  communities: Community[];
  facilities: Facility[];
  green: GreenSpace[];
  roads: RoadLine[];
  water: WaterBody[];
  /** Residential land (coverage is then measured over it); absent in projects saved before it existed. */
  residential?: ResidentialLand[];
  /** Candidate sites for proposals (建议选址: vacant parcels as points); absent in projects saved before it existed. */
  candidates?: CandidateSite[];
}
export type LayerKind = keyof ProjectLayers;

export interface Project {
  version: 1;
  /** Where the data came from, shown in the header. */
  dataset: { source: 'demo' | 'sample' | 'import'; name: I18nText };
  layers: ProjectLayers;
  /** Bumped on every layer change: the map rebuilds its layer data only when this moves. */
  layerVersion: number;
  /** Presets saved by the user (built-ins are not stored). */
  customPresets: RulePreset[];
  activePresetId: string;
  /** The presentation the planner prepared (planning/presentation.ts); absent: the default sequence. */
  presentation?: PresentationView[];
}

export function emptyLayers(): ProjectLayers {
  return { communities: [], facilities: [], green: [], roads: [], water: [], residential: [] };
}

export function newProject(dataset: Project['dataset'], layers: ProjectLayers, activePresetId: string): Project {
  return { version: 1, dataset, layers, layerVersion: 1, customPresets: [], activePresetId };
}

/** Replaces one layer; the rest of the project is untouched (the import dialog's single step). */
export function replaceLayer<K extends LayerKind>(p: Project, kind: K, features: ProjectLayers[K], source: Project['dataset'] = { ...p.dataset, source: 'import' }): Project {
  return { ...p, dataset: source, layers: { ...p.layers, [kind]: features }, layerVersion: p.layerVersion + 1 };
}

export function setActivePreset(p: Project, id: string): Project {
  return p.activePresetId === id ? p : { ...p, activePresetId: id };
}

/** Adds or replaces (same id) a user preset and makes it active. */
export function saveCustomPreset(p: Project, preset: RulePreset): Project {
  const others = p.customPresets.filter((q) => q.id !== preset.id);
  return { ...p, customPresets: [...others, preset], activePresetId: preset.id };
}

export function deleteCustomPreset(p: Project, id: string, fallbackId: string): Project {
  return { ...p, customPresets: p.customPresets.filter((q) => q.id !== id), activePresetId: p.activePresetId === id ? fallbackId : p.activePresetId };
}

/** A unique id for a user preset from its display name. */
export function customPresetId(name: string, taken: string[]): string {
  const base = 'custom-' + (name.trim().toLowerCase().replace(/[^a-z0-9\u4e00-\u9fff]+/g, '-').replace(/^-|-$/g, '') || 'preset');
  let id = base;
  for (let k = 2; taken.includes(id); k++) id = `${base}-${k}`;
  return id;
}
