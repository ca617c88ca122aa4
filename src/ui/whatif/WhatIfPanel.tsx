// The what-if panel (plain props): the scenario picker and its list actions, adding a proposed
// facility (armed, then a click on the map, then category and floor area), editing or deleting the
// selected facility, undo/redo, the current scenario's edit list with a revert per edit, and what
// the last edit changed (communities whose status changed, figures before → after, households
// newly within reach per tier and category, the re-audit's time).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FACILITY_CATEGORIES, type Facility, type FacilityCategory, type Position } from '../../engine/types';
import type { Edit, Scenario } from '../../planning/scenario';
import type { LastChange } from '../state/appState';
import type { AuditChanges } from '../../planning/auditChanges';
import { BASE_ID } from '../state/scenarioState';
import { formatNumber } from '../../text/format';
import { registerWhatIfStrings } from './whatIfStrings';
import { scenarioLabel } from './scenarioLabel';
import { registerCompareStrings } from '../compare/compareStrings';
import { ChangesTable, figureName, figureText } from '../compare/ChangesTable';
import './whatIf.css';

export interface WhatIfPanelProps {
  scenarios: Scenario[];
  currentId: string;
  edits: Edit[];
  canUndo: boolean;
  canRedo: boolean;
  error: string | null;
  adding: { at: Position | null } | null;
  selected: { index: number; facility: Facility } | null;
  lastChange: LastChange | null;
  onSwitch: (id: string) => void;
  onCreate: () => void;
  onDuplicate: () => void;
  onRename: (name: string) => void;
  onDelete: () => void;
  onArmAdd: (on: boolean) => void;
  onAdd: (category: FacilityCategory, floorArea: number | null) => void;
  onChange: (id: string, category: FacilityCategory, floorArea: number | null) => void;
  onRemove: (id: string) => void;
  onUndo: () => void;
  onRedo: () => void;
  onRevert: (index: number) => void;
  onDismissError: () => void;
  /** The scenario compared with (BASE_ID: the base data) and the changes from it to the current one. */
  compare: { otherId: string; changes: AuditChanges | null } | null;
  onCompareWith: (otherId: string | null) => void;
  /** Opens the side-by-side comparison map (with the base data when nothing is compared yet). */
  onOpenComparison: () => void;
}

/** The compare picker's "no comparison" value (scenario ids start with "s-", the base is ""). */
const NONE = '-';
const parseArea = (s: string): number | null => (s.trim() === '' ? null : Number(s));
const areaValid = (s: string) => s.trim() === '' || (Number.isFinite(Number(s)) && Number(s) >= 0);

function editLabel(e: Edit, t: (k: string, o?: Record<string, unknown>) => string): string {
  switch (e.type) {
    case 'addFacility': return t('whatIf.edit.addFacility', { id: e.facility.id, category: t(`category.${e.facility.category}`) });
    case 'moveFacility': case 'deleteFacility': case 'changeFacility': case 'deleteGreen': return t(`whatIf.edit.${e.type}`, { id: e.id });
    case 'addGreen': return t('whatIf.edit.addGreen', { id: e.green.id });
    case 'setHouseholds': return t('whatIf.edit.setHouseholds', { id: e.communityId });
    case 'addResidential': return t('whatIf.edit.addResidential', { id: e.development.id });
  }
}

export function WhatIfPanel(p: WhatIfPanelProps) {
  registerWhatIfStrings();
  registerCompareStrings();
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const [category, setCategory] = useState<FacilityCategory>('kindergarten');
  const [area, setArea] = useState('');
  const [renaming, setRenaming] = useState<string | null>(null);
  const [edit, setEdit] = useState<{ id: string; category: FacilityCategory; area: string } | null>(null);
  const current = p.scenarios.find((s) => s.id === p.currentId);
  const sel = p.selected;
  const form = sel && edit?.id === sel.facility.id ? edit : sel ? { id: sel.facility.id, category: sel.facility.category, area: sel.facility.floorArea === null ? '' : String(sel.facility.floorArea) } : null;
  const ch = p.lastChange;
  return (
    <section className="what-if" data-testid="what-if">
      <h3>{t('whatIf.title')}</h3>
      <div className="row">
        <label>{t('whatIf.scenario')}{' '}
          <select data-testid="scenario-select" value={p.currentId} onChange={(e) => p.onSwitch(e.target.value)}>
            {p.scenarios.map((s) => <option key={s.id} value={s.id}>{scenarioLabel(s, t)}</option>)}
          </select>
        </label>
      </div>
      <div className="row actions">
        <button data-testid="scenario-new" onClick={p.onCreate}>{t('whatIf.newScenario')}</button>
        <button data-testid="scenario-duplicate" onClick={p.onDuplicate}>{t('whatIf.duplicate')}</button>
        <button data-testid="scenario-rename" onClick={() => setRenaming(current ? scenarioLabel(current, t) : '')}>{t('whatIf.rename')}</button>
        <button data-testid="scenario-delete" disabled={p.scenarios.length < 2} onClick={p.onDelete}>{t('whatIf.delete')}</button>
      </div>
      {renaming !== null && (
        <div className="row">
          <input data-testid="scenario-name" value={renaming} onChange={(e) => setRenaming(e.target.value)} onKeyDown={(e) => { if (e.key === 'Enter') { if (!current || renaming !== scenarioLabel(current, t)) p.onRename(renaming); setRenaming(null); } }} />
          <button data-testid="scenario-rename-apply" onClick={() => { p.onRename(renaming); setRenaming(null); }}>{t('whatIf.renameApply')}</button>
          <button onClick={() => setRenaming(null)}>{t('whatIf.cancel')}</button>
        </div>
      )}

      <div className="row actions">
        <button data-testid="whatif-add" className={p.adding ? 'active' : ''} onClick={() => p.onArmAdd(!p.adding)}>{t('whatIf.add')}</button>
        <button data-testid="whatif-undo" disabled={!p.canUndo} onClick={p.onUndo}>{t('whatIf.undo')}</button>
        <button data-testid="whatif-redo" disabled={!p.canRedo} onClick={p.onRedo}>{t('whatIf.redo')}</button>
      </div>
      {p.adding && !p.adding.at && <div className="muted">{t('whatIf.adding')}</div>}
      {p.adding?.at && (
        <div className="form" data-testid="whatif-add-form">
          <label>{t('whatIf.category')}{' '}
            <select data-testid="whatif-category" value={category} onChange={(e) => setCategory(e.target.value as FacilityCategory)}>
              {FACILITY_CATEGORIES.map((c) => <option key={c} value={c}>{t(`category.${c}`)}</option>)}
            </select>
          </label>
          <label>{t('whatIf.floorArea')}{' '}
            <input data-testid="whatif-area" type="number" min={0} value={area} onChange={(e) => setArea(e.target.value)} />
          </label>
          <button data-testid="whatif-add-apply" disabled={!areaValid(area)} onClick={() => p.onAdd(category, parseArea(area))}>{t('whatIf.addApply')}</button>
          <button onClick={() => p.onArmAdd(false)}>{t('whatIf.cancel')}</button>
        </div>
      )}

      {sel && form && (
        <div className="form" data-testid="whatif-selected" data-facility={sel.facility.id}>
          <div>{t('whatIf.selected', { name: sel.facility.name ?? sel.facility.id })}{sel.facility.proposed ? ` · ${t('whatIf.proposed')}` : ''}</div>
          <label>{t('whatIf.category')}{' '}
            <select data-testid="whatif-edit-category" value={form.category} onChange={(e) => setEdit({ ...form, category: e.target.value as FacilityCategory })}>
              {FACILITY_CATEGORIES.map((c) => <option key={c} value={c}>{t(`category.${c}`)}</option>)}
            </select>
          </label>
          <label>{t('whatIf.floorArea')}{' '}
            <input data-testid="whatif-edit-area" type="number" min={0} value={form.area} onChange={(e) => setEdit({ ...form, area: e.target.value })} />
          </label>
          <button data-testid="whatif-edit-apply" disabled={!areaValid(form.area)} onClick={() => { p.onChange(sel.facility.id, form.category, parseArea(form.area)); setEdit(null); }}>{t('whatIf.apply')}</button>
          <button data-testid="whatif-remove" onClick={() => p.onRemove(sel.facility.id)}>{t('whatIf.remove')}</button>
          <div className="muted">{t('whatIf.dragHint')}</div>
        </div>
      )}

      {p.error && <div className="error" data-testid="whatif-error" onClick={p.onDismissError}>{p.error}</div>}

      {ch && (
        <div className="change-list" data-testid="whatif-changes" data-affected={ch.affected} data-ms={ch.ms} data-round-trip-ms={ch.roundTripMs}>
          <h4>{t('whatIf.change.title')}</h4>
          <div className="muted">{t('whatIf.change.timing', { count: ch.affected, ms: formatNumber(ch.ms, lang, 1), roundTrip: formatNumber(ch.roundTripMs, lang, 1) })}</div>
          {ch.changes && <div data-testid="whatif-failing" data-before={ch.changes.failingBefore} data-after={ch.changes.failingAfter}>{t('whatIf.change.failing', { before: ch.changes.failingBefore, after: ch.changes.failingAfter })}</div>}
          {ch.changes && ch.changes.communities.length === 0 && <div className="muted">{t('whatIf.change.none')}</div>}
          <ul>
            {ch.changes?.communities.slice(0, 12).map((c) => (
              <li key={c.id} data-testid="whatif-change" data-community={c.id} data-status={`${c.statusBefore}>${c.statusAfter}`}>
                <strong>{c.name}</strong>{c.statusBefore !== c.statusAfter ? ` · ${t(c.statusAfter === 'pass' ? 'whatIf.change.statusPass' : 'whatIf.change.statusFail')}` : ''}
                {c.figures.slice(0, 4).map((f) => <div key={f.key} className="muted">{figureName(f.key, t)}: {figureText(f.key, f.before, lang)} → {figureText(f.key, f.after, lang)}</div>)}
              </li>
            ))}
          </ul>
          {ch.changes?.householdsWithin.map((g) => (
            <div key={`${g.tier}.${g.category}`} className="muted" data-testid="whatif-households" data-tier={g.tier} data-category={g.category} data-households={g.households}>
              {t('whatIf.change.households', { tier: t('tier.label', { minutes: g.tier.replace(/min$/, '') }), category: t(`category.${g.category}`), delta: (g.households > 0 ? '+' : '') + formatNumber(g.households, lang) })}
            </div>
          ))}
        </div>
      )}

      <div className="row">
        <label>{t('whatIf.compare.with')}{' '}
          <select data-testid="compare-select" value={p.compare ? p.compare.otherId : NONE} onChange={(e) => p.onCompareWith(e.target.value === NONE ? null : e.target.value)}>
            <option value={NONE}>{t('whatIf.compare.none')}</option>
            <option value={BASE_ID}>{t('whatIf.compare.base')}</option>
            {p.scenarios.filter((s) => s.id !== p.currentId).map((s) => <option key={s.id} value={s.id}>{scenarioLabel(s, t)}</option>)}
          </select>
        </label>
        <button data-testid="compare-open" onClick={p.onOpenComparison}>{t('compareView.open')}</button>
      </div>
      {p.compare && !p.compare.changes && <div className="muted">{t('whatIf.compare.busy')}</div>}
      {p.compare?.changes && (
        <ChangesTable
          changes={p.compare.changes}
          otherName={p.compare.otherId === BASE_ID ? t('whatIf.compare.base') : (() => { const o = p.scenarios.find((s) => s.id === p.compare!.otherId); return o ? scenarioLabel(o, t) : ''; })()}
          currentName={current ? scenarioLabel(current, t) : ''}
        />
      )}

      <details data-testid="whatif-edits">
        <summary>{t('whatIf.edits', { count: p.edits.length })}</summary>
        {p.edits.length === 0 ? <div className="muted">{t('whatIf.noEdits')}</div> : (
          <ol>
            {p.edits.map((e, k) => (
              <li key={k}>{editLabel(e, t)} <button data-testid={`whatif-revert-${k}`} onClick={() => p.onRevert(k)}>{t('whatIf.revert')}</button></li>
            ))}
          </ol>
        )}
      </details>
    </section>
  );
}
