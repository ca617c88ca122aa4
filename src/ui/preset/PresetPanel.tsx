// Preset picker and editor: pick a built-in preset, edit thresholds and tier distances (directly
// or as walking speed × minutes), detour factor, persons per household, optional rules; undo/redo;
// save under a new name (stored with the project). The active preset's values stay visible.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleId, RulePreset } from '../../engine/types';
import { presetDocuments, ruleCitation } from '../../engine/citation';
import type { Project } from '../../planning/project';
import { customPresetId } from '../../planning/project';
import { applyWalkingSpeed, getIn, setIn } from '../state/presetHistory';
import { builtinPresets, checkPreset } from '../state/presetCatalog';

interface Props {
  project: Project;
  /** The active preset differs from its saved values. */
  modified: boolean;
  canUndo: boolean;
  canRedo: boolean;
  preset: RulePreset;
  onPick: (id: string) => void;
  onEdit: (next: RulePreset) => void;
  onUndo: () => void;
  onRedo: () => void;
  onRevert: () => void;
  onSave: (p: RulePreset) => void;
  onDelete: (id: string) => void;
}

type FieldKind = 'share' | 'm2' | 'm' | 'm2perPerson' | 'm2per1000' | 'households' | 'm2per100';
const RULE_FIELDS: Record<RuleId, [string, FieldKind][]> = {
  areaPer100Households: [['threshold', 'm2per100'], ['ruralThreshold', 'm2per100']],
  stationMinArea: [['urban', 'm2'], ['rural', 'm2']],
  greenCoverage: [['distance_m', 'm'], ['threshold', 'share']],
  parkCoverage: [['distance_m', 'm'], ['threshold', 'share']],
  lifeCircle: [['threshold', 'share']],
  sixOnes: [['threshold', 'share']],
  outdoorVenue: [['minArea', 'm2']],
  perCapitaPark: [['m2PerPerson', 'm2perPerson']],
  perCapitaSports: [['m2PerPerson', 'm2perPerson']],
  healthPer1000: [['m2Per1000', 'm2per1000']],
  communitySize: [['min', 'households'], ['max', 'households']],
};
const UNIT_TEXT: Record<FieldKind, { zh: string; en: string }> = {
  share: { zh: '%', en: '%' }, m2: { zh: 'm²', en: 'm²' }, m: { zh: '米', en: 'm' }, m2perPerson: { zh: 'm²/人', en: 'm²/person' },
  m2per1000: { zh: 'm²/千人', en: 'm²/1000' }, households: { zh: '户', en: 'hh' }, m2per100: { zh: 'm²/百户', en: 'm²/100 hh' },
};
const FIELD_LABEL: Record<string, string> = { threshold: 'preset.threshold', ruralThreshold: 'preset.rural', urban: 'preset.urban', rural: 'preset.rural', distance_m: 'preset.distance', minArea: 'preset.threshold', m2PerPerson: 'preset.threshold', m2Per1000: 'preset.threshold', min: 'preset.min', max: 'preset.max' };

export function PresetPanel(p: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const [open, setOpen] = useState(false);
  const [bySpeed, setBySpeed] = useState(false);
  const [saveName, setSaveName] = useState('');
  const preset = p.preset;
  const modified = p.modified;
  const errors = useMemo(() => (modified ? checkPreset(preset) : []), [preset, modified]);
  const tiers = Object.entries(preset.tiers).sort((a, b) => a[1].minutes - b[1].minutes);
  const isCustom = p.project.customPresets.some((q) => q.id === p.project.activePresetId);

  const edit = (path: (string | number)[], value: unknown) => p.onEdit(setIn(preset, path, value));
  const num = (path: (string | number)[], kind: FieldKind) => {
    const raw = getIn(preset, path);
    const v = typeof raw === 'number' ? (kind === 'share' ? Math.round(raw * 1000) / 10 : raw) : '';
    return (
      <input
        type="number"
        className="num-input"
        value={v}
        step={kind === 'share' ? 1 : kind === 'm2per100' || kind === 'm2perPerson' ? 0.5 : 10}
        min={0}
        onChange={(e) => {
          if (e.target.value === '') return;
          const n = Number(e.target.value);
          if (Number.isFinite(n)) edit(path, kind === 'share' ? n / 100 : n);
        }}
        data-path={path.join('.')}
      />
    );
  };

  const speed = preset.walkingSpeed_m_per_min ?? 75;
  const save = () => {
    const name = saveName.trim();
    if (!name) return;
    const taken = [...builtinPresets().map((q) => q.id), ...p.project.customPresets.map((q) => q.id)];
    const id = customPresetId(name, taken);
    p.onSave({ ...preset, id, name: { zh: name, en: name } });
    setSaveName('');
  };

  return (
    <section className="preset-panel" data-testid="preset-panel">
      <div className="preset-row">
        <label className="field grow">
          <span>{t('preset.title')}</span>
          <select value={p.project.activePresetId} onChange={(e) => p.onPick(e.target.value)} data-testid="preset-select">
            <optgroup label={t('preset.builtin')}>
              {builtinPresets().map((q) => <option key={q.id} value={q.id}>{q.name[lang]}</option>)}
            </optgroup>
            {p.project.customPresets.length > 0 && (
              <optgroup label={t('preset.custom')}>
                {p.project.customPresets.map((q) => <option key={q.id} value={q.id}>{q.name[lang]}</option>)}
              </optgroup>
            )}
          </select>
        </label>
        <button onClick={() => setOpen(!open)} aria-expanded={open} data-testid="preset-edit">{open ? t('preset.hide') : t('preset.edit')}</button>
      </div>
      <div className="preset-values" data-testid="preset-values">
        {t('preset.values', {
          name: preset.name[lang],
          per100: preset.rules.areaPer100Households.threshold,
          station: preset.rules.stationMinArea.urban,
          tiers: tiers.map(([, x]) => `${x.minutes}′ ${x.distance_m} m`).join(' / '),
        })}
        {modified && <span className="modified"> · {t('preset.modified')}</span>}
      </div>
      {open && (
        <div className="preset-editor">
          <div className="editor-actions">
            <button onClick={p.onUndo} disabled={!p.canUndo} title="Ctrl+Z">↶ {t('preset.undo')}</button>
            <button onClick={p.onRedo} disabled={!p.canRedo} title="Ctrl+Shift+Z / Ctrl+Y">↷ {t('preset.redo')}</button>
            <button onClick={p.onRevert} disabled={!modified}>{t('preset.revert')}</button>
            {isCustom && <button onClick={() => p.onDelete(p.project.activePresetId)}>{t('preset.delete')}</button>}
          </div>
          {errors.length > 0 && <div className="notice error">{t('preset.invalid', { errors: errors.join('; ') })}</div>}
          <div className="editor-grid">
            <label>{t('preset.personsPerHousehold')}</label>
            <span>{num(['personsPerHousehold'], 'm2')} {lang === 'zh' ? '人/户' : 'per hh'}</span>
            <label>{t('preset.detourFactor')}</label>
            <span><input type="number" className="num-input" step={0.05} min={1} value={preset.detourFactor} onChange={(e) => e.target.value !== '' && edit(['detourFactor'], Number(e.target.value))} /></span>
            <label>{t('preset.distanceInput')}</label>
            <span className="seg">
              <label><input type="radio" checked={!bySpeed} onChange={() => setBySpeed(false)} /> {t('preset.byDistance')}</label>
              <label><input type="radio" checked={bySpeed} onChange={() => setBySpeed(true)} /> {t('preset.bySpeed')}</label>
            </span>
            {bySpeed && (
              <>
                <label>{t('preset.walkingSpeed')}</label>
                <span><input type="number" className="num-input" min={30} max={120} step={5} value={speed} onChange={(e) => e.target.value !== '' && p.onEdit(applyWalkingSpeed(preset, Number(e.target.value)))} /> {t('unit.mPerMin', { value: '' }).trim()}</span>
              </>
            )}
          </div>
          <h4>{t('preset.tiers')}</h4>
          <div className="editor-grid">
            {tiers.map(([k, tier]) => (
              <div key={k} className="contents">
                <label>{tier.level[lang]}</label>
                <span>
                  {bySpeed ? (
                    <><input type="number" className="num-input" min={1} value={tier.minutes} onChange={(e) => { const m = Number(e.target.value); if (m > 0) p.onEdit(setIn(setIn(preset, ['tiers', k, 'minutes'], m), ['tiers', k, 'distance_m'], Math.round(m * speed))); }} /> {t('preset.minutes')} = {tier.distance_m} m</>
                  ) : (
                    <>{num(['tiers', k, 'distance_m'], 'm')} {UNIT_TEXT.m[lang]}</>
                  )}
                </span>
              </div>
            ))}
          </div>
          <h4>{t('preset.rules')}</h4>
          <div className="rules-editor">
            {(Object.keys(RULE_FIELDS) as RuleId[]).map((rule) => {
              const r = preset.rules[rule] as unknown as Record<string, unknown> & { enabled: boolean };
              if (!r) return null;
              return (
                <div key={rule} className={`rule-edit ${r.enabled ? '' : 'off'}`} title={`${t('preset.source')}${lang === 'zh' ? '：' : ': '}${ruleCitation(preset, rule, lang)}`}>
                  <label className="rule-name"><input type="checkbox" checked={r.enabled} onChange={(e) => edit(['rules', rule, 'enabled'], e.target.checked)} data-rule={rule} /> {t(`rule.${rule}`)}</label>
                  <div className="rule-fields">
                    {RULE_FIELDS[rule].filter(([f]) => f in r).map(([f, kind]) => (
                      <label key={f}>{t(FIELD_LABEL[f] ?? 'preset.threshold')} {num(['rules', rule, f], kind)} {UNIT_TEXT[kind][lang]}</label>
                    ))}
                  </div>
                </div>
              );
            })}
          </div>
          <div className="save-row">
            <input type="text" placeholder={t('preset.saveName')} value={saveName} onChange={(e) => setSaveName(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && save()} />
            <button onClick={save} disabled={!saveName.trim() || errors.length > 0}>{t('preset.saveAs')}</button>
          </div>
          <div className="muted small" data-testid="preset-documents">{t('preset.source')}{lang === 'zh' ? '：' : ': '}{presetDocuments(preset, lang).join(lang === 'zh' ? '；' : '; ')}</div>
        </div>
      )}
    </section>
  );
}
