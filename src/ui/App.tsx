// The workspace: toolbar, map, community table, detail panel and preset editor around one project
// state. The audit runs in the engine worker; the UI only holds results.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditResult, Dataset, RulePreset } from '../engine/types';
import { createEngineClient, progressProxy, type EngineClient } from '../worker/engineClient';
import type { Gap } from '../worker/engine.worker';
import { loadDemo } from './data/loadDemo';
import { initI18n } from './i18n';
import { MapView } from './map/MapView';
import { MapControls } from './map/MapControls';
import { Legend } from './map/Legend';
import { CommunityTable } from './table/CommunityTable';
import { DetailPanel } from './detail/DetailPanel';
import { PresetPanel } from './preset/PresetPanel';
import { Toolbar } from './Toolbar';
import { SettingsDialog } from './SettingsDialog';
import { ImportSlot } from './import/ImportSlot';
import { deleteCustomPreset, newProject, replaceLayer, saveCustomPreset, setActivePreset, type Project } from '../planning/project';
import { DEFAULT_UI, mergeUiChoices, type UiChoices } from './state/uiChoices';
import { applyEdit, redo, startHistory, undo, type PresetHistory } from './state/presetHistory';
import { DEFAULT_PRESET_ID, findPreset } from './state/presetCatalog';
import { clearSaved, loadProject, loadUi, saveProject, saveUi } from './state/persist';
import { formatNumber, formatSharePercent } from './common/format';
import { failureText } from './common/ruleText';
import { exportTableCsv } from './table/exportTable';
import { useNetworkWhatIf } from './network/useNetworkWhatIf';
import { FacilityNetworkPanel } from './network/FacilityNetworkPanel';
import { ModeBadge } from './network/ModeBadge';
import { ModeComparison } from './network/ModeComparison';

export interface Progress {
  done: number;
  total: number;
}

export function App() {
  const { t, i18n } = useTranslation();
  const lang = (i18n.language === 'en' ? 'en' : 'zh') as 'zh' | 'en';
  const [project, setProject] = useState<Project | null>(null);
  const [ui, setUi] = useState<UiChoices>(DEFAULT_UI);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [result, setResult] = useState<AuditResult | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [engineError, setEngineError] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [history, setHistory] = useState<PresetHistory | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [zoomToken, setZoomToken] = useState(0);
  const [fitToken, setFitToken] = useState(0);
  const [selectedFacility, setSelectedFacility] = useState<number | null>(null);
  const [gaps, setGaps] = useState<Gap[] | null>(null);
  const [gapsBusy, setGapsBusy] = useState(false);
  const [dialog, setDialog] = useState<'import' | 'settings' | null>(null);
  const [datasetReady, setDatasetReady] = useState(0);

  const engineRef = useRef<{ engine: EngineClient; terminate: () => void } | null>(null);
  const runId = useRef(0);
  const gapRunId = useRef(0);

  // Worker, once.
  useEffect(() => {
    const client = createEngineClient();
    engineRef.current = client;
    return () => client.terminate();
  }, []);

  // Start: the saved project, else the demo district.
  useEffect(() => {
    let live = true;
    (async () => {
      const [saved, savedUi] = await Promise.all([loadProject(), loadUi()]);
      if (savedUi) {
        const merged = mergeUiChoices(savedUi);
        setUi(merged);
        initI18n(merged.lang);
      }
      if (saved && saved.version === 1 && saved.layers?.communities?.length > 0 && saved.dataset.source !== 'sample') {
        if (live) setProject(saved);
        return;
      }
      const demo = await loadDemo();
      if (live) setProject(newProject({ source: demo.source, name: demo.name }, demo.layers, saved?.activePresetId ?? DEFAULT_PRESET_ID));
    })().catch((e: unknown) => live && setLoadError(String((e as Error).message ?? e)));
    return () => { live = false; };
  }, []);

  // Persist (debounced) so nothing is lost on reload.
  useEffect(() => {
    if (!project) return;
    const h = setTimeout(() => void saveProject(project).catch(() => undefined), 400);
    return () => clearTimeout(h);
  }, [project]);
  useEffect(() => {
    const h = setTimeout(() => void saveUi(ui).catch(() => undefined), 300);
    return () => clearTimeout(h);
  }, [ui]);

  const activePreset = useMemo(() => (project ? findPreset(project.activePresetId, project.customPresets) : null), [project]);
  // A fresh edit history whenever the active preset changes.
  useEffect(() => { setHistory(activePreset ? startHistory(activePreset) : null); }, [activePreset]);
  const preset: RulePreset | null = history?.present ?? activePreset;

  // Walking-network what-if (src/ui/network): facility bands, moves with incremental re-audit, both-mode figures.
  const net = useNetworkWhatIf({
    project,
    preset,
    mode: ui.mode,
    selectedCommunity: selected,
    selectedFacility,
    setProject,
    setResult,
    onCloseFacility: () => setSelectedFacility(null),
  });

  // Send the dataset to the worker when the layers change; re-audit unless a facility move
  // already re-audited the communities it affects (the network hook patched the results).
  const layers = project?.layers;
  const takeOwn = net.takeOwnLayers;
  useEffect(() => {
    const client = engineRef.current;
    if (!client || !layers) return;
    const data: Dataset = { communities: layers.communities, facilities: layers.facilities, green: layers.green, roads: layers.roads };
    const own = takeOwn('engine', layers);
    void client.engine.setDataset(data).then(() => { if (!own) setDatasetReady((v) => v + 1); });
    if (own) return;
    setSelected(null);
    setSelectedFacility(null);
    setResult(null);
  }, [layers, takeOwn]);

  // Audit on dataset, preset or mode change (debounced so typing in the editor stays smooth).
  useEffect(() => {
    const client = engineRef.current;
    if (!client || !preset || datasetReady === 0) return;
    const id = ++runId.current;
    const h = setTimeout(() => {
      setCancelled(false);
      setEngineError(null);
      setProgress({ done: 0, total: layersRef.current?.communities.length ?? 0 });
      // Progress messages travel on their own channel and may arrive after the result: ignore late ones.
      let finished = false;
      client.engine
        .audit(id, preset, ui.mode, progressProxy((done, total) => { if (id === runId.current && !finished) setProgress({ done, total }); }))
        .then((r) => {
          finished = true;
          if (id !== runId.current) return;
          setProgress(null);
          if (r) setResult(r);
        })
        .catch((e: unknown) => {
          finished = true;
          if (id !== runId.current) return;
          setProgress(null);
          setEngineError(String((e as Error)?.message ?? e));
        });
    }, 250);
    return () => clearTimeout(h);
  }, [preset, ui.mode, datasetReady]);

  const layersRef = useRef(layers);
  layersRef.current = layers;

  const cancelAudit = useCallback(() => {
    void engineRef.current?.engine.cancel(runId.current);
    setProgress(null);
    setCancelled(true);
  }, []);

  // Uncovered parts for the chosen tier and category.
  useEffect(() => {
    const client = engineRef.current;
    if (!client || !result || !ui.showGaps) { setGaps(null); return; }
    const indices = result.communities.map((r, i) => ((r.lifeCircles[ui.tier]?.[ui.category] ?? 0) < 1 ? i : -1)).filter((i) => i >= 0);
    const id = ++gapRunId.current;
    setGapsBusy(true);
    client.engine.gaps(id, indices, ui.tier, ui.category).then((g) => {
      if (g && id === gapRunId.current) setGaps(g);
      setGapsBusy(false);
    }).catch((e: unknown) => { setGapsBusy(false); setEngineError(String((e as Error)?.message ?? e)); });
  }, [result, ui.showGaps, ui.tier, ui.category]);

  const patchUi = useCallback((patch: Partial<UiChoices>) => setUi((u) => ({ ...u, ...patch })), []);
  const toggleLang = useCallback(() => {
    const next = lang === 'zh' ? 'en' : 'zh';
    initI18n(next);
    patchUi({ lang: next });
  }, [lang, patchUi]);

  const selectFromList = useCallback((i: number | null) => {
    setSelected(i);
    if (i !== null) setZoomToken((z) => z + 1);
  }, []);

  // Keyboard: Esc clears the selection, / focuses the search.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      const typing = target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
      if (e.key === 'Escape') {
        if (dialog) setDialog(null);
        else { setSelected(null); setSelectedFacility(null); }
        if (typing) target.blur();
      } else if (e.key === '/' && !typing) {
        e.preventDefault();
        document.getElementById('community-search')?.focus();
      } else if ((e.ctrlKey || e.metaKey) && e.key === 'z' && !typing) {
        setHistory((h) => (h ? (e.shiftKey ? redo(h) : undo(h)) : h));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog]);

  const resetToDemo = useCallback(async () => {
    if (!window.confirm(t('toolbar.resetConfirm'))) return;
    await clearSaved();
    const demo = await loadDemo();
    setProject(newProject({ source: demo.source, name: demo.name }, demo.layers, DEFAULT_PRESET_ID));
    setFitToken((v) => v + 1);
  }, [t]);

  const symbols = useMemo(() => (t('symbol', { returnObjects: true }) as unknown as Record<string, string>), [t]);

  const tooltip = useCallback((kind: 'community' | 'facility' | 'gap', index: number): string => {
    if (!project) return '';
    if (kind === 'facility') {
      const f = project.layers.facilities[index];
      if (!f) return '';
      return `${f.name ?? f.id}\n${t(`category.${f.category}`)} · ${f.floorArea !== null ? t('unit.m2', { value: formatNumber(f.floorArea, lang) }) : '—'}`;
    }
    const c = project.layers.communities[index];
    const r = result?.communities[index];
    if (!c) return '';
    const head = `${c.name} (${c.id})${c.street ? ' · ' + c.street : ''}`;
    if (kind === 'gap') return `${head}\n${t('map.gaps')} · ${t('tier.label', { minutes: preset?.tiers[ui.tier]?.minutes ?? ui.tier })} ${t(`category.${ui.category}`)}`;
    if (!r) return head;
    const status = t(`status.${r.status}`);
    const lines = r.failures.slice(0, 4).map((f) => '• ' + failureText(f, t, lang, preset ?? undefined).line);
    const more = r.failures.length > 4 ? `\n… +${r.failures.length - 4}` : '';
    return `${head}\n${t('unit.households', { value: formatNumber(r.households, lang) })} · ${status}${lines.length ? '\n' + lines.join('\n') : ''}${more}`;
  }, [project, result, t, lang, preset, ui.tier, ui.category]);

  // Test hook: the layers and their counts as the app holds them.
  useEffect(() => {
    if (!project) return;
    const l = project.layers;
    window.__lifecircle = { ...(window.__lifecircle ?? {}), replaceLayers: (next: Partial<Project['layers']>) => setProject((p) => (p ? (Object.keys(next) as (keyof Project['layers'])[]).reduce((q, k) => replaceLayer(q, k, next[k] as never), p) : p)), layers: l, layerCounts: { communities: l.communities.length, facilities: l.facilities.length, green: l.green.length, roads: l.roads.length, water: l.water.length } };
  }, [project]);

  // Test hook: summary figures straight from the state the UI shows.
  useEffect(() => {
    window.__lifecircle = { ...(window.__lifecircle ?? {}), ready: !!result && !progress, failing: result?.summary.failing, communities: result?.communities.length, presetId: preset?.id };
  }, [result, progress, preset]);

  if (loadError) return <div className="fullscreen-message" role="alert"><h1>{t('app.loadFailed')}</h1><p>{loadError}</p></div>;
  if (!project || !preset) return <div className="fullscreen-message" aria-busy="true"><div className="spinner" /><p>{t('app.loading')}</p></div>;

  const selectedResult = selected !== null ? result?.communities[selected] ?? null : null;

  return (
    <div className="app">
      <Toolbar
        project={project}
        result={result}
        preset={preset}
        onImport={() => setDialog('import')}
        onSettings={() => setDialog('settings')}
        onExport={() => result && exportTableCsv(result, t, lang)}
        onReset={() => void resetToDemo()}
        onToggleLang={toggleLang}
        onFit={() => setFitToken((v) => v + 1)}
      />
      {progress && (
        <div className="progress" role="status" data-testid="progress">
          <span>{t('app.auditing', { done: progress.done, total: progress.total })}</span>
          <progress max={progress.total || 1} value={progress.done} />
          <button onClick={cancelAudit}>{t('app.cancel')}</button>
        </div>
      )}
      {cancelled && !progress && <div className="notice">{t('app.cancelled')}</div>}
      {engineError && <div className="notice error" role="alert">{t('error.worker', { message: engineError })}</div>}
      <main className="workspace">
        <section className="map-area">
          <MapView
            layers={project.layers}
            layerVersion={project.layerVersion}
            result={result}
            preset={preset}
            ui={ui}
            selected={selected}
            zoomToken={zoomToken}
            selectedFacility={selectedFacility}
            gaps={gaps}
            symbols={symbols}
            tooltip={tooltip}
            onSelectCommunity={setSelected}
            onSelectFacility={(i) => { setSelectedFacility(i); if (ui.circles === 'none') patchUi({ circles: 'selected' }); }}
            fitToken={fitToken}
            extraLayers={net.layers}
            onMapClick={net.onMapClick}
            onMap={net.onMap}
          />
          {net.panel && <FacilityNetworkPanel {...net.panel} />}
          <ModeBadge mode={ui.mode} hasRoads={net.hasRoads} onChange={(mode) => patchUi({ mode })} />
          <MapControls ui={ui} preset={preset} onChange={patchUi} gapsBusy={gapsBusy} gapsCount={gaps?.length ?? null} />
          <Legend ui={ui} preset={preset} />
          <div className="map-hint">{t('map.clickHint')}</div>
        </section>
        <section className="table-area">
          <CommunityTable
            result={result}
            total={project.layers.communities.length}
            filters={ui.filters}
            onFilters={(filters) => patchUi({ filters })}
            selected={selected}
            onSelect={selectFromList}
          />
        </section>
        <aside className="side">
          <PresetPanel
            project={project}
            history={history}
            preset={preset}
            onPick={(id) => setProject((p) => (p ? setActivePreset(p, id) : p))}
            onEdit={(next) => setHistory((h) => (h ? applyEdit(h, next) : h))}
            onUndo={() => setHistory((h) => (h ? undo(h) : h))}
            onRedo={() => setHistory((h) => (h ? redo(h) : h))}
            onRevert={() => setHistory(activePreset ? startHistory(activePreset) : null)}
            onSave={(saved) => setProject((p) => (p ? saveCustomPreset(p, saved) : p))}
            onDelete={(id) => setProject((p) => (p ? deleteCustomPreset(p, id, DEFAULT_PRESET_ID) : p))}
          />
          <DetailPanel
            community={selected !== null ? project.layers.communities[selected] ?? null : null}
            result={selectedResult}
            audit={result}
            preset={preset}
            facilities={project.layers.facilities}
            onClose={() => setSelected(null)}
            onShowGaps={(tier, category) => patchUi({ showGaps: true, tier, category, colorBy: 'lifeCircle' })}
            onSelectFacility={(i) => { setSelectedFacility(i); patchUi({ circles: 'selected' }); }}
            modeBadge={<ModeBadge compact mode={result?.parameters.mode ?? ui.mode} hasRoads={net.hasRoads} onChange={(mode) => patchUi({ mode })} />}
          />
          {selected !== null && net.hasRoads && <ModeComparison compare={net.compare} busy={net.compareBusy} preset={preset} mode={ui.mode} error={net.compareError} />}
        </aside>
      </main>
      <ImportSlot
        open={dialog === 'import'}
        onOpen={() => setDialog('import')}
        onClose={() => setDialog((d) => (d === 'import' ? null : d))}
        project={project}
        onApply={(update) => { setProject((p) => (p ? update(p) : p)); setFitToken((v) => v + 1); }}
      />
      {dialog === 'settings' && <SettingsDialog ui={ui} onChange={patchUi} onClose={() => setDialog(null)} />}
      <span hidden data-testid="failing-share">{result ? formatSharePercent(result.summary.failing / Math.max(1, result.summary.communities)) : ''}</span>
    </div>
  );
}
