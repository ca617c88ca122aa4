// The import UI: a window-wide drop target with its overlay, a file picker, and one dialog
// per group of files (a shapefile set is one group) that walks through the target layer, the
// inspection (format, encoding, CRS), the field mapping and the validation, all read in the import
// worker. Nothing reaches the project before "Import valid features": then one update through the
// App's callback (planning/importPlan.ts: a new project with only the imported data, or the
// matching layers replaced), so a failed or cancelled import leaves the project as it was.
// Props stay compatible with the placeholder: <ImportSlot onClose /> rendered while open still works.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../planning/project';
import { createImportClient, type ImportClient } from '../../worker/importClient';
import { ACCEPTED_EXTENSIONS, groupFiles, type FileGroup, type RejectedFile } from './groupFiles';
import { ensureImportStrings } from './importStrings';
import { ImportFlow } from './ImportFlow';
import { layerCounts } from './applyImport';
import { readLayerMeta } from './layerMeta';
import type { LayerKind } from '../../io/import/types';
import './import.css';

export interface ImportSlotProps {
  onClose: () => void;
  /** Whether the dialog shows; default true (the App may render the slot only while open). */
  open?: boolean;
  /** Asked when files are dropped while the dialog is closed (needs the slot rendered always). */
  onOpen?: () => void;
  /** The current project: shows its layer counts and guides CRS suggestions. */
  project?: Project | null;
  /** Applies the confirmed import: the App runs setProject((p) => p && update(p)). */
  onApply?: (update: (p: Project) => Project) => void;
}

/** Files dropped anywhere on the window (with the overlay while dragging). */
function useWindowDrop(onFiles: (files: File[]) => void): boolean {
  const [over, setOver] = useState(false);
  const cb = useRef(onFiles);
  useEffect(() => { cb.current = onFiles; }, [onFiles]);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setOver(true);
    };
    const overFn = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (files.length > 0) cb.current(files);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overFn);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overFn);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);
  return over;
}

export function ImportSlot({ onClose, open = true, onOpen, project, onApply }: ImportSlotProps) {
  ensureImportStrings();
  const { t, i18n } = useTranslation();
  const [groups, setGroups] = useState<FileGroup<File>[]>([]);
  const [rejected, setRejected] = useState<RejectedFile[]>([]);
  const [index, setIndex] = useState(0);
  const [batch, setBatch] = useState(0);
  /** A group of the current batch went into the project (later groups add to what it started). */
  const [batchStarted, setBatchStarted] = useState(false);
  const clientRef = useRef<ImportClient | null>(null);
  const client = useCallback(() => (clientRef.current ??= createImportClient()), []);
  const lang: 'zh' | 'en' = i18n.language === 'en' ? 'en' : 'zh';

  useEffect(() => () => { clientRef.current?.dispose(); clientRef.current = null; }, []);

  const reset = useCallback(() => {
    clientRef.current?.cancel();
    setGroups([]);
    setRejected([]);
    setIndex(0);
  }, []);
  // Closed from outside (Esc in the App): stop any running read and forget the files.
  useEffect(() => { if (!open) reset(); }, [open, reset]);

  const addFiles = useCallback((files: File[]) => {
    clientRef.current?.cancel();
    const g = groupFiles(files);
    setGroups(g.groups);
    setRejected(g.rejected);
    setIndex(0);
    setBatchStarted(false);
    setBatch((b) => b + 1);
    if (!open) onOpen?.();
  }, [open, onOpen]);
  const dragging = useWindowDrop(addFiles);

  // The layer counts of the project the App holds (the App publishes them for tests as __lifecircle.layerCounts).
  const counts = useMemo(() => (project ? layerCounts(project) : null), [project]);

  const close = () => {
    reset();
    onClose();
  };
  const group = groups[index];
  const next = () => {
    if (index + 1 < groups.length) setIndex(index + 1);
    else close();
  };

  const overlay = dragging
    ? createPortal(<div className="import-drop-overlay" data-testid="import-drop-overlay"><div>{t('importUi.drop')} / Drop to import</div></div>, document.body)
    : null;
  if (!open) return overlay;

  return (
    <>
      {overlay}
      <div className="dialog-backdrop">
        <div className="dialog import-dialog" role="dialog" aria-modal="true" aria-label={t('importUi.title')} data-testid="import-dialog">
          <h2>{t('importUi.title')}{group ? ` · ${group.label}` : ''}</h2>
          {counts && (
            <div className="import-current" data-testid="import-current" data-communities={counts.communities} data-facilities={counts.facilities} data-green={counts.green} data-roads={counts.roads}>
              {t('importUi.current', counts)}
            </div>
          )}
          {groups.length > 1 && <div className="import-current">{t('importUi.queue', { n: index + 1, total: groups.length })}</div>}
          {rejected.length > 0 && (
            <div className="import-error" role="alert" data-testid="import-rejected">
              <b>{t('importUi.rejected')}</b>
              <ul>{rejected.map((r, i) => <li key={i}>{r.name}: {r.reason[lang]}</li>)}</ul>
            </div>
          )}
          {!group && (
            <>
              <label className="dropzone" style={{ display: 'block', cursor: 'pointer' }}>
                <div>{t('importUi.dropHint')} <u>{t('importUi.pick')}</u></div>
                <div className="import-samples" style={{ marginTop: 8 }}>{t('importUi.accepted')}</div>
                <input
                  type="file"
                  multiple
                  accept={ACCEPTED_EXTENSIONS.join(',')}
                  data-testid="import-file-input"
                  style={{ display: 'none' }}
                  onChange={(e) => {
                    const files = Array.from(e.target.files ?? []);
                    e.target.value = '';
                    if (files.length > 0) addFiles(files);
                  }}
                />
              </label>
              {project && <ImportedLayersList project={project} lang={lang} />}
              <div className="dialog-actions"><button onClick={close} data-testid="import-close">{t('importUi.close')}</button></div>
            </>
          )}
          {group && (
            <ImportFlow
              key={`${batch}:${index}`}
              group={group}
              client={client}
              project={project ?? null}
              lang={lang}
              onApply={onApply}
              onDone={next}
              onCancel={next}
              more={index + 1 < groups.length}
              groups={groups.length}
              batchStarted={batchStarted}
              onApplied={() => setBatchStarted(true)}
            />
          )}
        </div>
      </div>
    </>
  );
}

/** What was applied to the layers that came from an import (the record kept by layerMeta.ts). */
function ImportedLayersList({ project, lang }: { project: Project; lang: 'zh' | 'en' }) {
  const { t } = useTranslation();
  if (project.dataset.source !== 'import') return null;
  const metas = readLayerMeta();
  // A record counts only while the layer still holds what was imported (not after a reset to the demo).
  const rows = (['communities', 'facilities', 'green', 'roads', 'residential', 'candidates'] as LayerKind[])
    .map((k) => metas[k])
    .filter((m): m is NonNullable<typeof m> => !!m && (project.layers[m.kind]?.length ?? 0) === m.counts.valid);
  if (rows.length === 0) return null;
  return (
    <div className="import-section" data-testid="import-layer-meta">
      <h3>{t('importUi.importedLayers')}</h3>
      <div className="import-grid">
        {rows.map((m) => (
          <span key={m.kind} style={{ display: 'contents' }}>
            <span>{t(`importUi.kind.${m.kind}`)}</span>
            <span data-kind={m.kind}>
              {m.files.map((f) => f.replace(/^.*[\\/]/, '')).join(', ')} · {m.counts.valid} · {m.crs.note[lang]}
              {m.crs.correction ? ` · ${t('importUi.correction', { correction: m.crs.correction })}` : ''}
              {m.crs.swapXY ? ' · X⇄Y' : ''}
              {m.encoding ? ` · ${m.encoding.encoding}` : ''}
            </span>
          </span>
        ))}
      </div>
    </div>
  );
}
