// One group of files through the four steps: (a) target layer, (b) inspection — format, encoding
// (UTF-8 / GBK switch with a preview of the decoded names), CRS detected or suggested with the
// reason, or chosen (list, EPSG code, GCJ-02, BD-09, swap X/Y), (c) field mapping with samples and
// category values against the vocabulary (each unknown value can be given a category), (d) validation with progress and cancel, then the one
// confirm. Inspection and reading run in the import worker.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldMap, LayerKind } from '../../io/import/types';
import type { LayerInspection } from '../../io/import/inspectLayer';
import { FIELD_NAMES, REQUIRED_FIELDS, detectFieldMap } from '../../io/fields/fieldNames';
import type { Project } from '../../planning/project';
import type { ImportClient } from '../../worker/importClient';
import type { FileGroup } from './groupFiles';
import { missingShapefileParts } from './groupFiles';
import { guessLayerKind } from './guessLayer';
import { browserStore, recallChoice, rememberChoice, rememberedFieldMap, rememberedValueMaps, type RememberedChoice } from './importMemory';
import { crsChoices, normalizeCrsInput } from './crsChoices';
import { dataHint, layerCounts, withFileName } from './applyImport';
import { applyImport } from '../../planning/importPlan';
import { ImportTargetChoice, useImportTarget, type ImportedPreview } from './ImportTargetChoice';
import type { ImportSummary, OsmSummary } from '../../io/import/importSummary';
import { recordLayerMeta } from './layerMeta';
import { VALUE_CHOICES, VALUE_MAP_OF, autoValue, chosenValue, distinctValues, valueMapFor, type ValueMaps } from './valueMaps';
import { problemText } from './problemText';

const KINDS: LayerKind[] = ['communities', 'facilities', 'green', 'roads', 'residential', 'candidates'];
/** The layers an OpenStreetMap file gives (it has no candidate sites). */
const OSM_KINDS: LayerKind[] = KINDS.filter((k) => k !== 'candidates');
const isAbort = (e: unknown) => (e as Error)?.name === 'AbortError';
const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

interface Props {
  group: FileGroup<File>;
  client: () => ImportClient;
  project: Project | null;
  lang: 'zh' | 'en';
  onApply?: (update: (p: Project) => Project) => void;
  onDone: () => void;
  onCancel: () => void;
  /** More groups wait after this one: Cancel reads "Skip this group". */
  more?: boolean;
  /** Groups of files in this batch, and whether an earlier one already started a new project. */
  groups?: number;
  batchStarted?: boolean;
  /** Called once this group's layers went into the project. */
  onApplied?: () => void;
}

export function ImportFlow({ group, client, project, lang, onApply, onDone, onCancel, more, groups = 1, batchStarted = false, onApplied }: Props) {
  const { t } = useTranslation();
  const osm = group.osm;
  const file = group.label;
  const [step, setStep] = useState(0);
  const [kind, setKind] = useState<LayerKind>('facilities');
  const [kindReason, setKindReason] = useState('');
  const [osmKinds, setOsmKinds] = useState<LayerKind[]>(OSM_KINDS);
  const [encoding, setEncoding] = useState('');
  const [crs, setCrs] = useState('');
  const [swapXY, setSwapXY] = useState(false);
  const [crsText, setCrsText] = useState('');
  const [crsTextError, setCrsTextError] = useState<string | null>(null);
  const [fieldMap, setFieldMap] = useState<FieldMap>({});
  const [valueMaps, setValueMaps] = useState<ValueMaps>({});
  const [inspection, setInspection] = useState<LayerInspection | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'inspect' | 'read' | null>(osm ? null : 'inspect');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<(ImportSummary & { token: number }) | null>(null);
  const [osmResult, setOsmResult] = useState<(OsmSummary & { token: number }) | null>(null);
  const [applying, setApplying] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const remembered = useRef<RememberedChoice | undefined>(undefined);
  const kindRef = useRef<LayerKind>(kind);
  useEffect(() => { kindRef.current = kind; }, [kind]);
  const initialised = useRef(false);
  const run = useRef(0);
  const hint = useMemo(() => dataHint(project), [project]);
  const choices = useMemo(() => crsChoices(inspection?.crs.suggestions), [inspection]);
  const missing = missingShapefileParts(group);
  // What the confirm would put into the project (layers with features), and where they lie.
  const preview = useMemo<ImportedPreview | null>(() => {
    if (result && result.featureCount > 0) return { counts: { [result.kind]: result.featureCount }, extents: { [result.kind]: result.extent } };
    if (osmResult) {
      const kinds = osmKinds.filter((k) => osmResult.counts[k] > 0);
      if (kinds.length) return { counts: Object.fromEntries(kinds.map((k) => [k, osmResult.counts[k]])), extents: Object.fromEntries(kinds.map((k) => [k, osmResult.extents[k]])) };
    }
    return null;
  }, [result, osmResult, osmKinds]);
  const importTarget = useImportTarget(project, preview, batchStarted);

  // (b) Inspection, again whenever the encoding or CRS choice changes.
  useEffect(() => {
    if (osm) return;
    const id = ++run.current;
    setBusy('inspect');
    setError(null);
    client()
      .inspect(group.files, 'facilities', { encoding: encoding || undefined, crs: crs || undefined, swapXY, hint })
      .then((ins) => {
        if (id !== run.current) return;
        setInspection(ins);
        setBusy(null);
        if (initialised.current) {
          // Another encoding can rename the fields: keep the mapped ones that still exist, detect the rest.
          setFieldMap((m) => detectFieldMap(kindRef.current, ins.fields, Object.fromEntries(Object.entries(m).filter(([, src]) => ins.fields.includes(src)))));
          return;
        }
        initialised.current = true;
        const mem = recallChoice(browserStore() ?? { getItem: () => null, setItem: () => undefined }, ins.schemaKey);
        remembered.current = mem;
        if (mem) {
          setKind(mem.kind);
          setKindReason(t('importUi.guess.remembered'));
          setFieldMap(rememberedFieldMap(mem, mem.kind, ins.fields) ?? {});
          setValueMaps(rememberedValueMaps(mem));
          if (mem.encoding !== encoding) setEncoding(mem.encoding);
          if (mem.crs !== crs) setCrs(mem.crs);
          if (mem.swapXY !== swapXY) setSwapXY(mem.swapXY);
          return;
        }
        const g = guessLayerKind({ format: ins.format, geometryTypes: ins.geometryTypes, fields: ins.fields, samples: ins.samples, fileName: file });
        setKind(g.kind);
        setKindReason(t(`importUi.guess.${g.reason}`));
        setFieldMap(detectFieldMap(g.kind, ins.fields));
      })
      .catch((e: unknown) => {
        if (id !== run.current || isAbort(e)) return;
        setBusy(null);
        setInspection(null);
        setError(withFileName(String((e as Error)?.message ?? e), file));
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [encoding, crs, swapXY]);

  const chooseKind = (k: LayerKind) => {
    setKind(k);
    setKindReason('');
    setResult(null);
    if (inspection) setFieldMap(rememberedFieldMap(remembered.current, k, inspection.fields) ?? detectFieldMap(k, inspection.fields));
  };

  // (d) Validation: readLayer (or the OSM reader) in the worker, with progress and cancel.
  const validate = useCallback(() => {
    const id = ++run.current;
    setBusy('read');
    setError(null);
    setNotice(null);
    setResult(null);
    setOsmResult(null);
    setProgress({ done: 0, total: inspection?.featureCount ?? 0 });
    const onProgress = (done: number, total: number) => { if (id === run.current) setProgress({ done, total }); };
    const values = valueMapFor(kind, valueMaps);
    const job = osm
      ? client().readOsm(group.files[0], onProgress, { lang }).then((r) => { if (id === run.current) setOsmResult(r); })
      : client().read(group.files, kind, { crs: crs || undefined, encoding: encoding || undefined, swapXY, fieldMap, hint, ...values }, onProgress).then((r) => { if (id === run.current) setResult(r); });
    job
      .then(() => { if (id === run.current) { setBusy(null); setProgress(null); } })
      .catch((e: unknown) => {
        if (id !== run.current) return;
        setBusy(null);
        setProgress(null);
        if (isAbort(e)) {
          setNotice(t('importUi.cancelled'));
          setStep(osm ? 0 : 2);
        } else setError(withFileName(String((e as Error)?.message ?? e), file));
      });
  }, [client, group.files, osm, kind, crs, encoding, swapXY, fieldMap, valueMaps, hint, inspection, t, file, lang]);

  const cancelRead = () => {
    client().cancel();
  };

  const goTo = (s: number) => {
    setNotice(null);
    setStep(s);
    if (s === 3) validate();
  };

  // Confirm: move the features out of the worker, then one update of the project.
  const confirm = () => {
    if (!onApply) {
      setNotice(t('importUi.notConnected'));
      return;
    }
    const at = new Date().toISOString();
    const kinds = osm && osmResult ? osmKinds.filter((k) => osmResult.counts[k] > 0) : result ? [result.kind] : [];
    const token = osm ? osmResult?.token : result?.token;
    if (token === undefined || kinds.length === 0) return;
    setApplying(true);
    client()
      .take(token, kinds)
      .then((layers) => {
        onApply((p) => applyImport(p, layers, { target: importTarget.target, label: file }));
        onApplied?.();
        if (osm && osmResult) {
          recordLayerMeta(kinds.map((k) => ({
            kind: k, files: [file], format: 'osm', fieldMap: {}, notes: osmResult.notes, importedAt: at,
            crs: { source: 'EPSG:4326', from: 'default', note: { zh: 'OpenStreetMap 数据为 WGS84 经纬度', en: 'OpenStreetMap data is WGS84 longitude/latitude' } },
            counts: { read: osmResult.counts[k], valid: osmResult.counts[k], errors: 0, warnings: 0 },
          })), undefined, importTarget.target === 'newProject');
        } else if (result) {
          recordLayerMeta([{ kind: result.kind, files: result.files, format: result.format, crs: result.crs, encoding: result.encoding, fieldMap: result.fieldMap, counts: result.counts, notes: result.notes, importedAt: at }], undefined, importTarget.target === 'newProject');
          const store = browserStore();
          if (store) rememberChoice(store, result.schemaKey, { kind: result.kind, fieldMap: result.fieldMap, encoding, crs, swapXY, ...valueMapFor(result.kind, valueMaps), savedAt: Date.now() });
        }
        onDone();
      })
      .catch((e: unknown) => {
        setApplying(false);
        if (!isAbort(e)) setError(withFileName(String((e as Error)?.message ?? e), file));
      });
  };

  const current = project ? layerCounts(project) : null;
  const stepNames = ['layer', 'inspect', 'fields', 'validate'];
  const enabledSteps = osm ? [0, 3] : [0, 1, 2, 3];

  return (
    <div data-testid="import-flow" data-step={stepNames[step]}>
      <ol className="import-steps">
        {stepNames.map((s, i) => enabledSteps.includes(i) && <li key={s} className={i === step ? 'active' : ''}>{i + 1}. {t(`importUi.steps.${s}`)}</li>)}
      </ol>
      {missing.length > 0 && <div className="import-warn">{file}: {t('importUi.missingParts', { parts: missing.join(', ') })}</div>}
      {error && <div className="import-error" role="alert" data-testid="import-error">{t('importUi.failed', { message: problemText(error, lang) })}</div>}
      {notice && <div className="import-notice" data-testid="import-notice">{notice}</div>}
      {busy === 'inspect' && <div className="import-notice" aria-busy="true">{t('importUi.inspecting')}</div>}

      {step === 0 && (
        <section className="import-section" data-testid="import-step-layer">
          <h3>{t('importUi.steps.layer')}</h3>
          {osm ? (
            <>
              <div>{t('importUi.osmLayers')}</div>
              {OSM_KINDS.map((k) => (
                <label key={k} className="radio">
                  <input type="checkbox" checked={osmKinds.includes(k)} onChange={(e) => setOsmKinds((ks) => (e.target.checked ? [...ks, k] : ks.filter((x) => x !== k)))} /> {t(`importUi.kind.${k}`)}
                </label>
              ))}
            </>
          ) : (
            <>
              {KINDS.map((k) => (
                <label key={k} className="radio">
                  <input type="radio" name="import-kind" value={k} checked={kind === k} onChange={() => chooseKind(k)} data-testid={`import-kind-${k}`} /> {t(`importUi.kind.${k}`)}
                  {current ? <span className="import-samples"> · {t('importUi.replaces', { layer: t(`importUi.kind.${k}`), count: current[k] })}</span> : null}
                </label>
              ))}
              {kindReason && <div className="import-samples" data-testid="import-kind-reason">{kindReason}</div>}
            </>
          )}
        </section>
      )}

      {step === 1 && inspection && <InspectStep inspection={inspection} fieldMap={fieldMap} encoding={encoding} setEncoding={setEncoding} crs={crs} setCrs={setCrs} swapXY={swapXY} setSwapXY={setSwapXY} crsText={crsText} setCrsText={setCrsText} crsTextError={crsTextError} setCrsTextError={setCrsTextError} choices={choices} lang={lang} />}

      {step === 2 && inspection && <FieldStep inspection={inspection} kind={kind} fieldMap={fieldMap} setFieldMap={setFieldMap} valueMaps={valueMaps} setValueMaps={setValueMaps} />}

      {step === 3 && (
        <section className="import-section" data-testid="import-step-validate">
          <h3>{t('importUi.steps.validate')}</h3>
          {busy === 'read' && progress && (
            <div className="import-progress" role="status" data-testid="import-progress">
              <span>{t('importUi.reading', { done: progress.done, total: progress.total || '…' })}</span>
              <progress max={progress.total || 1} value={progress.done} />
              <button onClick={cancelRead} data-testid="import-cancel-read">{t('importUi.cancel')}</button>
            </div>
          )}
          {result && <ResultView result={result} lang={lang} />}
          {preview && <ImportTargetChoice project={project} imported={preview} target={importTarget.target} current={importTarget.current} onPick={importTarget.pick} batchStarted={batchStarted} groups={groups} />}
          {osmResult && (
            <div data-testid="import-osm-result">
              <div className="import-counts">
                {OSM_KINDS.map((k) => <span key={k}>{t(`importUi.kind.${k}`)} <b data-testid={`import-osm-count-${k}`}>{osmResult.counts[k]}</b></span>)}
              </div>
              {osmResult.notes.length > 0 && (
                <>
                  <h3>{t('importUi.notes')}</h3>
                  <ul className="import-samples" data-testid="import-osm-notes">{osmResult.notes.map((n, i) => <li key={i}>{n}</li>)}</ul>
                </>
              )}
            </div>
          )}
        </section>
      )}

      <div className="dialog-actions">
        <button onClick={() => { client().cancel(); onCancel(); }} data-testid="import-cancel">{t(more ? 'importUi.skip' : 'importUi.cancel')}</button>
        {step > 0 && busy !== 'read' && <button onClick={() => goTo(osm ? 0 : step - 1)} data-testid="import-back">{t('importUi.back')}</button>}
        {step < 3 && (
          <button className="primary" onClick={() => goTo(osm ? 3 : step + 1)} disabled={busy !== null || (!osm && (!inspection || !!error)) || (osm && osmKinds.length === 0) || (step === 1 && !!inspection && needsCrsConfirmation(inspection, crs))} data-testid="import-next">
            {t('importUi.next')}
          </button>
        )}
        {step === 3 && !osm && (
          <button className="primary" onClick={confirm} disabled={applying || !result || result.featureCount === 0} data-testid="import-confirm">
            {t('importUi.importValid', { count: result?.featureCount ?? 0 })}
          </button>
        )}
        {step === 3 && osm && (
          <button className="primary" onClick={confirm} disabled={applying || !osmResult || osmKinds.every((k) => osmResult.counts[k] === 0)} data-testid="import-confirm">
            {t('importUi.importLayers', { count: osmResult ? osmKinds.reduce((sum, k) => sum + osmResult.counts[k], 0) : 0 })}
          </button>
        )}
      </div>
    </div>
  );
}

interface InspectProps {
  inspection: LayerInspection;
  fieldMap: FieldMap;
  encoding: string;
  setEncoding: (v: string) => void;
  crs: string;
  setCrs: (v: string) => void;
  swapXY: boolean;
  setSwapXY: (v: boolean) => void;
  crsText: string;
  setCrsText: (v: string) => void;
  crsTextError: string | null;
  setCrsTextError: (v: string | null) => void;
  choices: ReturnType<typeof crsChoices>;
  lang: 'zh' | 'en';
}

/** The file states no CRS and the user has not chosen one: lon/lat would be assumed WGS84, which
 *  misplaces GCJ-02/BD-09 POI tables by hundreds of metres without any error. Ask first. */
const needsCrsConfirmation = (ins: LayerInspection, crs: string) => ins.crs.from === 'none' && crs === '' && !ins.crsError;

function InspectStep(p: InspectProps) {
  const { t } = useTranslation();
  const ins = p.inspection;
  const nameField = p.fieldMap.name ?? ins.fields.find((f) => /name|名称/i.test(f));
  const names = nameField ? ins.samples[nameField] ?? [] : [];
  const enc = ins.encoding;
  const unsure = enc && enc.from === 'detected' && enc.confidence < 1;
  const crsInList = p.crs === '' || p.choices.some((c) => c.value === p.crs);
  return (
    <section className="import-section" data-testid="import-step-inspect">
      <h3>{t('importUi.steps.inspect')}</h3>
      <div className="import-grid">
        <span>{t('importUi.format')}</span><b data-testid="import-format">{ins.format}</b>
        <span>{t('importUi.features')}</span><span data-testid="import-feature-count">{ins.featureCount}</span>
        <span>{t('importUi.geometry')}</span><span>{Object.entries(ins.geometryTypes).map(([k, n]) => `${k} ${n}`).join(' · ')}</span>
        {enc && (
          <>
            <span>{t('importUi.encoding')}</span>
            <span>
              <select value={p.encoding} onChange={(e) => p.setEncoding(e.target.value)} data-testid="import-encoding">
                <option value="">{t('importUi.encodingAuto', { detected: enc.encoding })}</option>
                <option value="utf-8">UTF-8</option>
                <option value="gb18030">GBK / GB18030</option>
              </select>
              {unsure && <div className="import-warn">{t('importUi.encodingUnsure', { confidence: Math.round(enc.confidence * 100) })}</div>}
            </span>
          </>
        )}
        {names.length > 0 && (
          <>
            <span>{t('importUi.preview')}</span>
            <span data-testid="import-name-preview">{names.map(show).join('、')}</span>
          </>
        )}
        {ins.coordinateFields && (
          <>
            <span>X / Y</span><span>{ins.coordinateFields.join(' / ')}</span>
          </>
        )}
        <span>{t('importUi.crsDetected')}</span>
        <span data-testid="import-crs">
          {ins.crs.note[p.lang]}
          {ins.crs.correction ? ` · ${t('importUi.correction', { correction: ins.crs.correction })}` : ''}
          {ins.crs.swapXY ? ' · X⇄Y' : ''}
        </span>
      </div>
      {ins.crsError && <div className="import-error" role="alert" data-testid="import-crs-error">{ins.crsError}</div>}
      {needsCrsConfirmation(ins, p.crs) && (
        <div className="import-error" role="alert" data-testid="import-crs-confirm">
          <div>{t('importUi.crsUnstated')}</div>
          <button onClick={() => p.setCrs('EPSG:4326')} data-testid="import-crs-wgs84">WGS84</button>{' '}
          <button onClick={() => p.setCrs('GCJ02')} data-testid="import-crs-gcj02">GCJ-02</button>{' '}
          <button onClick={() => p.setCrs('BD09')} data-testid="import-crs-bd09">BD-09</button>
        </div>
      )}
      {ins.crs.suggestions && ins.crs.suggestions.length > 0 && (
        <div data-testid="import-crs-suggestions">
          <div>{t('importUi.crsSuggestions')}</div>
          <ul>
            {ins.crs.suggestions.map((s, i) => (
              <li key={i}>
                {s.reason[p.lang]} <button onClick={() => { p.setCrs(s.crs); p.setSwapXY(!!s.swapXY); }}>{t('importUi.useSuggestion')} {s.crs}{s.swapXY ? ' (X⇄Y)' : ''}</button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="import-grid" style={{ marginTop: 8 }}>
        <span>{t('importUi.crs')}</span>
        <select value={crsInList ? p.crs : '__typed'} onChange={(e) => p.setCrs(e.target.value === '__typed' ? p.crs : e.target.value)} data-testid="import-crs-select">
          <option value="">{t('importUi.crsAuto')}</option>
          {!crsInList && <option value="__typed">{p.crs}</option>}
          {p.choices.map((c) => <option key={c.value} value={c.value}>{c.label[p.lang]}</option>)}
        </select>
        <span>{t('importUi.epsgInput')}</span>
        <span>
          <input value={p.crsText} onChange={(e) => p.setCrsText(e.target.value)} placeholder="4547 / GCJ02" size={14} data-testid="import-crs-input" />{' '}
          <button onClick={() => {
            const v = normalizeCrsInput(p.crsText);
            if (!v) p.setCrsTextError(t('importUi.epsgInvalid', { text: p.crsText }));
            else { p.setCrsTextError(null); p.setCrs(v); }
          }}>{t('importUi.epsgApply')}</button>
          {p.crsTextError && <div className="import-warn">{p.crsTextError}</div>}
        </span>
        <span />
        <label><input type="checkbox" checked={p.swapXY} onChange={(e) => p.setSwapXY(e.target.checked)} data-testid="import-swap" /> {t('importUi.swapXY')}</label>
      </div>
    </section>
  );
}

interface FieldStepProps {
  inspection: LayerInspection;
  kind: LayerKind;
  fieldMap: FieldMap;
  setFieldMap: (m: FieldMap) => void;
  valueMaps: ValueMaps;
  setValueMaps: (m: ValueMaps) => void;
}

function FieldStep({ inspection, kind, fieldMap, setFieldMap, valueMaps, setValueMaps }: FieldStepProps) {
  const { t } = useTranslation();
  const of = VALUE_MAP_OF[kind];
  const current: Record<string, string> | undefined = of ? valueMaps[of.key] : undefined;
  const isCategory = of?.key === 'categoryMap';
  // Vocabulary labels in the UI's language: categories and green kinds by the app's names, settings by the dialog's.
  const choiceLabel = (c: string) => (of?.key === 'settingMap' ? t(`importUi.setting.${c}`) : t(`category.${c}`));
  const canon = Object.keys(FIELD_NAMES[kind]);
  const required = REQUIRED_FIELDS[kind];
  // Every distinct value of the mapped field, each with its choice: automatic (the built-in
  // synonyms) or any term of the vocabulary (every facility category for facilities).
  const values = of ? distinctValues(inspection, fieldMap[of.field]) : [];
  const unrecognised = (of?.key === 'categoryMap' ? 'importUi.categoryMapSkip' : of?.key === 'settingMap' ? 'importUi.valueMapDefaultUrban' : 'importUi.valueMapDefaultGreen');
  return (
    <section className="import-section" data-testid="import-step-fields">
      <h3>{t('importUi.steps.fields')}</h3>
      <table className="import-fields">
        <thead><tr><th>{t('importUi.field')}</th><th>{t('importUi.sourceField')}</th><th>{t('importUi.samples')}</th></tr></thead>
        <tbody>
          {canon.map((c) => (
            <tr key={c}>
              <td data-testid={`import-target-${c}`}>{t(`importUi.target.${c}`)}{required.includes(c) ? <b> *{t('importUi.required')}</b> : null}</td>
              <td>
                <select value={fieldMap[c] ?? ''} data-testid={`import-field-${c}`} onChange={(e) => {
                  const next = { ...fieldMap };
                  if (e.target.value) next[c] = e.target.value;
                  else delete next[c];
                  setFieldMap(next);
                }}>
                  <option value="">{t('importUi.none')}</option>
                  {inspection.fields.map((f) => <option key={f} value={f}>{f}</option>)}
                </select>
              </td>
              <td className="import-samples">{fieldMap[c] ? (inspection.samples[fieldMap[c]] ?? []).map(show).join(' · ') : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {of && values.length > 0 && (
        <div style={{ marginTop: 8 }} data-testid="import-category-values">
          <b>{t('importUi.categoryValues')}</b>
          <table className="import-fields" data-testid={isCategory ? 'import-category-map' : 'import-value-map'}>
            <tbody>
              {values.map(({ value, count }) => {
                const auto = autoValue(of.key, value);
                const chosen = chosenValue(current, value);
                const result = chosen ?? auto;
                return (
                  <tr key={value}>
                    <td>{value}{count !== undefined ? ` (${count})` : ''}</td>
                    <td data-testid="import-value-result" data-value={value} data-result={result ?? ''}>→ {result ? choiceLabel(result) : <span className="import-warn">{t(isCategory ? 'importUi.unknownValue' : unrecognised)}</span>}</td>
                    <td>
                      <select value={chosen ?? ''} data-testid={isCategory ? 'import-category-map-select' : 'import-value-map-select'} data-value={value} data-auto={auto ?? ''} onChange={(e) => {
                        const next: Record<string, string> = { ...current };
                        if (e.target.value) next[value] = e.target.value;
                        else delete next[value];
                        setValueMaps({ ...valueMaps, [of.key]: next });
                      }}>
                        <option value="">{auto ? t('importUi.valueAuto', { label: choiceLabel(auto) }) : t(unrecognised)}</option>
                        {VALUE_CHOICES[of.key].map((c) => <option key={c} value={c}>{choiceLabel(c)}</option>)}
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ResultView({ result, lang }: { result: ImportSummary; lang: 'zh' | 'en' }) {
  const { t } = useTranslation();
  const shown = result.problems;
  const unknown = result.unknownCategories;
  const fatal = result.featureCount === 0 ? result.problems.find((p) => p.severity === 'error' && p.feature === undefined) : undefined;
  return (
    <div data-testid="import-result" data-valid={result.counts.valid} data-errors={result.counts.errors}>
      {fatal && <div className="import-error" role="alert" data-testid="import-error">{t('importUi.failed', { message: problemText(withFileName(fatal.message, fatal.file), lang) })}</div>}
      <div className="import-counts">
        <span>{t('importUi.read')} <b>{result.counts.read}</b></span>
        <span>{t('importUi.valid')} <b data-testid="import-valid-count">{result.counts.valid}</b></span>
        <span>{t('importUi.invalid')} <b>{result.counts.errors}</b></span>
        <span>{t('importUi.warnings')} <b>{result.counts.warnings}</b></span>
      </div>
      <div className="import-grid">
        <span>{t('importUi.applied')}</span>
        <span data-testid="import-applied-crs">
          {result.crs.note[lang]}
          {result.crs.correction ? ` · ${t('importUi.correction', { correction: result.crs.correction })}` : ''}
          {result.crs.swapXY ? ' · X⇄Y' : ''}
        </span>
      </div>
      {unknown.length > 0 && (
        <div className="import-warn" data-testid="import-unknown-categories">
          {t('importUi.unknownValues')}: {unknown.map((u) => `${u.value} (${u.count})`).join('、')}
        </div>
      )}
      {result.notes.length > 0 && <ul className="import-samples">{result.notes.map((n, i) => <li key={i}>{n}</li>)}</ul>}
      {shown.length > 0 && (
        <>
          <h3 style={{ marginTop: 10 }}>{t('importUi.problems')}</h3>
          {result.problemTotal > shown.length && <div className="import-samples" data-testid="import-problems-more">{t('importUi.problemsMore', { shown: shown.length, total: result.problemTotal })}</div>}
          <ProblemList problems={shown} lang={lang} />
        </>
      )}
    </div>
  );
}

const ROW_PX = 22;
const LIST_PX = 264;

/** The problem rows, virtualised (fixed row height, full text on hover): rendering 500 table rows at
 *  once stalled the page for 0.2–0.3 s when a validation came back. */
function ProblemList({ problems, lang }: { problems: ImportSummary['problems']; lang: 'zh' | 'en' }) {
  const { t } = useTranslation();
  const [top, setTop] = useState(0);
  // Source fields are the file's own names; only the readers' own "geometry" is a word of ours.
  const fieldName = (f: string | undefined) => (f === 'geometry' ? t('importUi.target.geometry') : f ?? '');
  const first = Math.max(0, Math.floor(top / ROW_PX) - 5);
  const last = Math.min(problems.length, Math.ceil((top + LIST_PX) / ROW_PX) + 5);
  return (
    <div className="import-problems" data-testid="import-problems" data-count={problems.length} style={{ maxHeight: LIST_PX + ROW_PX }} onScroll={(e) => setTop(e.currentTarget.scrollTop)}>
      <div className="import-problem head" style={{ position: 'sticky', top: 0, height: ROW_PX }}>
        <span>{t('importUi.colFile')}</span><span>{t('importUi.colFeature')}</span><span>{t('importUi.colField')}</span><span>{t('importUi.colMessage')}</span>
      </div>
      <div style={{ position: 'relative', height: problems.length * ROW_PX }}>
        {problems.slice(first, last).map((p, i) => (
          <div key={first + i} className={`import-problem ${p.severity}`} data-testid="import-problem" style={{ position: 'absolute', top: (first + i) * ROW_PX, height: ROW_PX, left: 0, right: 0 }} title={`${p.file} · ${p.feature ?? ''} · ${fieldName(p.field)}\n${problemText(p.message, lang)}`}>
            <span>{p.file}</span><span>{p.feature ?? ''}</span><span>{fieldName(p.field)}</span><span>{problemText(p.message, lang)}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
