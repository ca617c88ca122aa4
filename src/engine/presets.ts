// Built-in rule presets (data, not code: presets/*.json, each rule citing its documents, see
// citation.ts and presets/documents.json) and validation of user-edited presets with named field
// paths in the errors. schemaVersion 1 is the only version; a preset without schemaVersion is read
// as version 1, a newer version is refused by name. Presets saved before citations existed carry a
// free-text `source` instead of `cite`: still valid, their text is shown as given.
import type { FacilityCategory, RulePreset } from './types';
import { FACILITY_CATEGORIES, INDICATOR_IDS } from './types';
import { citedDocument } from './citation';
import national from './presets/national-2022.json';
import yanan from './presets/yanan-2016.json';
import nanjing from './presets/nanjing-2010.json';
import meishan from './presets/meishan-2025.json';
import chongqing from './presets/chongqing-2020.json';
import actionPlan from './presets/action-plan-002.json';
// Distances beyond what a local projection measures correctly are refused (plausibility.ts).
import { MAX_COMPUTABLE_DISTANCE_M } from './plausibility';

export const PRESET_SCHEMA_VERSION = 1;
export const DEFAULT_PRESET_ID = 'national-2022';

let builtIn: RulePreset[] | null = null;
/** Built-ins, validated once on first use (a broken JSON file fails loudly, naming the field). */
function builtIns(): RulePreset[] {
  if (!builtIn) {
    builtIn = [national, yanan, nanjing, meishan, chongqing, actionPlan].map((p) => {
      const r = validatePreset(p);
      if ('errors' in r) throw new Error(`built-in preset ${(p as { id?: string }).id}: ${r.errors.join('; ')}`);
      return r.preset;
    });
  }
  return builtIn;
}

/** The built-in presets (deep copies: callers may edit them freely). */
export function listPresets(): RulePreset[] {
  return builtIns().map((p) => structuredClone(p));
}

/** A built-in preset by id (a deep copy), or undefined. */
export function getPreset(id: string): RulePreset | undefined {
  const p = builtIns().find((q) => q.id === id);
  return p ? structuredClone(p) : undefined;
}

export function defaultPreset(): RulePreset {
  return getPreset(DEFAULT_PRESET_ID) as RulePreset;
}

// ----------------------------------------------------------------------------------------------

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const CATS = new Set<string>(FACILITY_CATEGORIES);
const INDICATOR_SET = new Set<string>(INDICATOR_IDS);

class Checker {
  errors: string[] = [];
  obj(v: unknown, path: string): Obj | null {
    if (isObj(v)) return v;
    this.errors.push(`${path}: must be an object`);
    return null;
  }
  str(o: Obj, k: string, path: string, optional = false): void {
    const v = o[k];
    if (v === undefined && optional) return;
    if (typeof v !== 'string' || !v.trim()) this.errors.push(`${path}.${k}: must be a non-empty string`);
  }
  num(o: Obj, k: string, path: string, opts: { min?: number; max?: number; optional?: boolean; exclusiveMin?: boolean } = {}): void {
    const v = o[k];
    if (v === undefined && opts.optional) return;
    if (typeof v !== 'number' || !Number.isFinite(v)) { this.errors.push(`${path}.${k}: must be a number`); return; }
    if (opts.min !== undefined && (opts.exclusiveMin ? v <= opts.min : v < opts.min)) this.errors.push(`${path}.${k}: must be ${opts.exclusiveMin ? '>' : '≥'} ${opts.min} (is ${v})`);
    if (opts.max !== undefined && v > opts.max) this.errors.push(`${path}.${k}: must be ≤ ${opts.max} (is ${v})`);
  }
  bool(o: Obj, k: string, path: string): void {
    if (typeof o[k] !== 'boolean') this.errors.push(`${path}.${k}: must be true or false`);
  }
  text(o: Obj, k: string, path: string, optional = false): void {
    const v = o[k];
    if (v === undefined && optional) return;
    const t = this.obj(v, `${path}.${k}`);
    if (t) { this.str(t, 'zh', `${path}.${k}`); this.str(t, 'en', `${path}.${k}`); }
  }
  /** A rule's citation lines (types.ts Citation): each a document of the registry or a default. */
  citations(v: unknown, path: string, known: (doc: string) => boolean): void {
    if (v === undefined) return;
    if (!Array.isArray(v)) { this.errors.push(`${path}: must be a list of citations`); return; }
    v.forEach((e, i) => {
      const p = `${path}[${i}]`;
      const o = this.obj(e, p);
      if (!o) return;
      this.text(o, 'label', p, true);
      this.text(o, 'clause', p, true);
      this.text(o, 'note', p, true);
      this.text(o, 'sentence', p, true);
      this.str(o, 'quote', p, true);
      if (o.figures !== undefined) this.obj(o.figures, `${p}.figures`);
      for (const k of ['default', 'fallback']) if (o[k] !== undefined) this.bool(o, k, p);
      if (o.doc !== undefined) {
        this.str(o, 'doc', p);
        if (typeof o.doc === 'string' && !known(o.doc)) this.errors.push(`${p}.doc: unknown document "${o.doc}" (not in preset.documents nor the built-in registry)`);
      }
      if ((o.doc === undefined) === (o.default !== true)) this.errors.push(`${p}: needs either doc (a document) or default: true (a tool default), not both`);
      if (o.fallback === true && o.doc === undefined) this.errors.push(`${p}.fallback: only a document citation can be a fallback`);
    });
  }
  categories(v: unknown, path: string): void {
    if (!Array.isArray(v)) { this.errors.push(`${path}: must be a list of facility categories`); return; }
    v.forEach((c, i) => { if (typeof c !== 'string' || !CATS.has(c)) this.errors.push(`${path}[${i}]: unknown facility category "${String(c)}"`); });
  }
}

/** Validates an unknown value (e.g. parsed user JSON) as a RulePreset. */
export function validatePreset(value: unknown): { preset: RulePreset } | { errors: string[] } {
  const c = new Checker();
  const p = c.obj(value, 'preset');
  if (!p) return { errors: c.errors };
  const version = p.schemaVersion ?? PRESET_SCHEMA_VERSION;
  if (version !== PRESET_SCHEMA_VERSION) {
    return { errors: [`preset.schemaVersion: ${String(version)} is not supported (this version of the tool reads schemaVersion ${PRESET_SCHEMA_VERSION})`] };
  }
  c.str(p, 'id', 'preset');
  c.text(p, 'name', 'preset');
  c.text(p, 'description', 'preset', true);
  c.str(p, 'source', 'preset', true);
  const documents = p.documents === undefined ? {} : c.obj(p.documents, 'preset.documents') ?? {};
  for (const [key, d] of Object.entries(documents)) {
    const path = `preset.documents.${key}`;
    const o = c.obj(d, path);
    if (!o) continue;
    c.text(o, 'title', path);
    c.text(o, 'note', path, true);
  }
  c.num(p, 'personsPerHousehold', 'preset', { min: 0, exclusiveMin: true, max: 20 });
  c.num(p, 'walkingSpeed_m_per_min', 'preset', { min: 0, exclusiveMin: true, optional: true });
  c.num(p, 'detourFactor', 'preset', { min: 1, max: 5 });
  const tiers = c.obj(p.tiers, 'preset.tiers');
  const tierKeys = tiers ? Object.keys(tiers) : [];
  if (tiers) {
    if (!tierKeys.length) c.errors.push('preset.tiers: needs at least one tier');
    for (const k of tierKeys) {
      const t = c.obj(tiers[k], `preset.tiers.${k}`);
      if (!t) continue;
      c.num(t, 'minutes', `preset.tiers.${k}`, { min: 0, exclusiveMin: true });
      c.num(t, 'distance_m', `preset.tiers.${k}`, { min: 0, exclusiveMin: true, max: MAX_COMPUTABLE_DISTANCE_M });
      c.text(t, 'level', `preset.tiers.${k}`);
    }
  }
  const req = c.obj(p.requiredByTier, 'preset.requiredByTier');
  if (req) for (const k of Object.keys(req)) {
    if (tiers && !tierKeys.includes(k)) c.errors.push(`preset.requiredByTier.${k}: no tier "${k}" in preset.tiers`);
    c.categories(req[k], `preset.requiredByTier.${k}`);
  }
  const defaults = c.obj(p.defaultFloorArea, 'preset.defaultFloorArea');
  if (defaults) for (const k of Object.keys(defaults)) {
    if (!CATS.has(k)) c.errors.push(`preset.defaultFloorArea.${k}: unknown facility category`);
    else c.num(defaults, k, 'preset.defaultFloorArea', { min: 0 });
  }
  const rules = c.obj(p.rules, 'preset.rules');
  if (rules) {
    const rule = (k: string, check: (r: Obj, path: string) => void) => {
      const path = `preset.rules.${k}`;
      const r = c.obj(rules[k], path);
      if (!r) return;
      c.bool(r, 'enabled', path);
      c.str(r, 'source', path, true);
      c.citations(r.cite, `${path}.cite`, (key) => key in documents || citedDocument({}, key) !== undefined);
      check(r, path);
    };
    const share = { min: 0, max: 1 };
    rule('areaPer100Households', (r, path) => { c.num(r, 'threshold', path, { min: 0 }); c.num(r, 'ruralThreshold', path, { min: 0, optional: true }); });
    rule('stationMinArea', (r, path) => { c.num(r, 'urban', path, { min: 0 }); c.num(r, 'rural', path, { min: 0 }); });
    rule('greenCoverage', (r, path) => { c.num(r, 'distance_m', path, { min: 0, max: MAX_COMPUTABLE_DISTANCE_M }); c.num(r, 'threshold', path, share); });
    rule('parkCoverage', (r, path) => { c.num(r, 'distance_m', path, { min: 0, max: MAX_COMPUTABLE_DISTANCE_M }); c.num(r, 'threshold', path, share); });
    rule('lifeCircle', (r, path) => c.num(r, 'threshold', path, share));
    rule('sixOnes', (r, path) => {
      c.num(r, 'threshold', path, share);
      if (typeof r.tier !== 'string' || (tiers && !tierKeys.includes(r.tier))) c.errors.push(`${path}.tier: must name one of the tiers (${tierKeys.join(', ')})`);
      if (!Array.isArray(r.groups)) { c.errors.push(`${path}.groups: must be a list`); return; }
      r.groups.forEach((g: unknown, i: number) => {
        const gp = `${path}.groups[${i}]`;
        const go = c.obj(g, gp);
        if (!go) return;
        c.str(go, 'key', gp);
        c.categories(go.categories, `${gp}.categories`);
        if (go.green !== undefined && typeof go.green !== 'boolean') c.errors.push(`${gp}.green: must be true or false`);
        c.text(go, 'label', gp);
        if (Array.isArray(go.categories) && !go.categories.length && go.green !== true) c.errors.push(`${gp}: needs categories or green: true`);
      });
    });
    rule('outdoorVenue', (r, path) => c.num(r, 'minArea', path, { min: 0 }));
    rule('perCapitaPark', (r, path) => c.num(r, 'm2PerPerson', path, { min: 0 }));
    rule('perCapitaSports', (r, path) => c.num(r, 'm2PerPerson', path, { min: 0 }));
    rule('healthPer1000', (r, path) => c.num(r, 'm2Per1000', path, { min: 0 }));
    rule('communitySize', (r, path) => {
      c.num(r, 'min', path, { min: 0 });
      c.num(r, 'max', path, { min: 0 });
      if (typeof r.min === 'number' && typeof r.max === 'number' && r.min > r.max) c.errors.push(`${path}: min (${r.min}) is larger than max (${r.max})`);
    });
  }
  if (p.indicators !== undefined) {
    const inds = c.obj(p.indicators, 'preset.indicators');
    if (inds) for (const [id, v] of Object.entries(inds)) {
      const path = `preset.indicators.${id}`;
      if (!INDICATOR_SET.has(id)) { c.errors.push(`${path}: unknown indicator (known: ${INDICATOR_IDS.join(', ')})`); continue; }
      const o = c.obj(v, path);
      if (!o) continue;
      c.text(o, 'name', path, true);
      c.text(o, 'note', path, true);
      if (o.target !== undefined) {
        const t = c.obj(o.target, `${path}.target`);
        if (t) {
          c.num(t, 'value', `${path}.target`, { min: 0 });
          if (t.bound !== 'min' && t.bound !== 'max') c.errors.push(`${path}.target.bound: must be "min" or "max"`);
          if (t.exclusive !== undefined) c.bool(t, 'exclusive', `${path}.target`);
        }
      }
      if (o.reference !== undefined) {
        const r = c.obj(o.reference, `${path}.reference`);
        if (r) { c.num(r, 'value', `${path}.reference`, { min: 0 }); c.num(r, 'year', `${path}.reference`, { optional: true }); }
      }
      c.citations(o.cite, `${path}.cite`, (key) => key in documents || citedDocument({}, key) !== undefined);
    }
  }
  if (c.errors.length) return { errors: c.errors };
  const preset = structuredClone({ ...p, schemaVersion: PRESET_SCHEMA_VERSION }) as unknown as RulePreset;
  return { preset };
}

/** Categories required anywhere in the preset (tiers and "6个1"). */
export function requiredCategories(preset: RulePreset): FacilityCategory[] {
  const s = new Set<FacilityCategory>();
  for (const cats of Object.values(preset.requiredByTier)) for (const c of cats) s.add(c);
  for (const g of preset.rules.sixOnes.groups) for (const c of g.categories) s.add(c);
  return [...s];
}
