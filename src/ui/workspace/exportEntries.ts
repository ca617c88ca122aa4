// The export menu's entries beside the table CSV, built from the store: the results as XLSX,
// GeoJSON and FlatGeobuf, the current map as a 2× PNG with legend, scale bar and attribution, and
// the report preview. A failed export says so (the menu itself only starts them).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadBytes, fileStem } from '../export/download';
import { resultFile, type ResultFormat } from '../export/resultFiles';
import { mapPng, styleAttributions } from '../export/mapImage';
import { registerExportStrings } from '../export/exportStrings';
import type { ExportItem } from '../export/ExportMenu';
import { legendContent } from '../map/legendEntries';
import { mainMap } from '../map/mapHandle';
import { selectPreset, type Action, type AppState } from '../state/appState';
import { useStore } from '../state/store';

export function useExportEntries(): ExportItem[] {
  registerExportStrings();
  const { t, i18n } = useTranslation();
  const lang = (i18n.language === 'en' ? 'en' : 'zh') as 'zh' | 'en';
  const store = useStore<AppState, Action>();

  return useMemo(() => {
    const current = () => {
      const s = store.getState();
      const preset = selectPreset(s);
      if (!s.project || !s.audit.result || !preset) throw new Error(t('status.pending'));
      return { s, project: s.project, result: s.audit.result, preset };
    };
    const file = (format: ResultFormat) => () => {
      const { project, result, preset } = current();
      const f = resultFile(format, result, project.layers, preset, lang, fileStem(project.dataset.name[lang] || project.dataset.name.zh));
      downloadBytes(f.name, f.bytes, f.type);
    };
    const png = async () => {
      const { s, project, preset } = current();
      const map = mainMap();
      if (!map) throw new Error(t('exportUi.noMap'));
      const name = project.dataset.name[lang] || project.dataset.name.zh;
      const bytes = await mapPng(map, {
        title: t('exportUi.png_title', { name, preset: preset.name[lang] }),
        legend: legendContent(s.ui, preset, t, lang, { candidateLayer: !!project.layers.candidates?.length, drawnCandidates: s.candidates.drawn.length > 0 }),
        attribution: [t('exportUi.png_attribution', { name }), ...styleAttributions(map), 'LifeCircle 生活圈'],
      });
      downloadBytes(`${fileStem(name)}-map.png`, bytes, 'image/png');
    };
    const guarded = (run: () => void | Promise<void>) => async () => {
      try {
        await run();
      } catch (e) {
        window.alert(t('exportUi.failed', { message: String((e as Error)?.message ?? e) }));
      }
    };
    return [
      { id: 'xlsx', label: t('exportUi.xlsx'), run: guarded(file('xlsx')) },
      { id: 'geojson', label: t('exportUi.geojson'), run: guarded(file('geojson')) },
      { id: 'fgb', label: t('exportUi.fgb'), run: guarded(file('fgb')) },
      { id: 'png', label: t('exportUi.png'), run: guarded(png) },
      { id: 'report', label: t('exportUi.report'), run: () => store.dispatch({ type: 'dialog/opened', dialog: 'report' }) },
    ];
  }, [store, t, lang]);
}
