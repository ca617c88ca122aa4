// Where a validated import goes, shown before the confirm: a new project with only the imported
// data, or the current project with the matching layers replaced (planning/importPlan.ts). It
// warns when layers that would sit together do not overlap, and counts what the project will hold.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LayerKind } from '../../io/import/types';
import { countsAfterImport, defaultImportTarget, nonOverlapping, projectExtents, type ImportTarget, type LayerExtents } from '../../planning/importPlan';
import type { Project } from '../../planning/project';
import { registerImportTargetStrings } from './importTargetStrings';

export interface ImportedPreview {
  /** Feature count per layer the import replaces. */
  counts: Partial<Record<LayerKind, number>>;
  extents: LayerExtents;
}

/** The target the confirm uses: the user's pick, else the default for where the data lie. */
export function useImportTarget(project: Project | null, imported: ImportedPreview | null, batchStarted: boolean) {
  const [picked, setPicked] = useState<ImportTarget | null>(null);
  const current = useMemo(() => (project ? projectExtents(project.layers) : {}), [project]);
  const fallback = imported ? defaultImportTarget(project, current, imported.extents, batchStarted) : batchStarted ? 'layers' : 'newProject';
  return { target: picked ?? fallback, pick: setPicked, current };
}

interface Props {
  project: Project | null;
  imported: ImportedPreview;
  target: ImportTarget;
  current: LayerExtents;
  onPick: (t: ImportTarget) => void;
  /** An earlier group of this batch started a new project: later groups add to it. */
  batchStarted: boolean;
  /** Groups of files in this batch. */
  groups: number;
}

export function ImportTargetChoice({ project, imported, target, current, onPick, batchStarted, groups }: Props) {
  registerImportTargetStrings();
  const { t } = useTranslation();
  // Against the layers the current project would keep: the reason a new project is offered first.
  const pairs = useMemo(() => nonOverlapping(current, imported.extents, 'layers'), [current, imported]);
  const after = countsAfterImport(project, imported.counts, target);
  const isDemo = !!project && project.dataset.source !== 'import' && !batchStarted;
  const radio = (value: ImportTarget, label: string) => (
    <label className="radio" key={value}>
      <input type="radio" name="import-target" value={value} checked={target === value} onChange={() => onPick(value)} data-testid={`import-target-${value}`} /> {label}
    </label>
  );
  return (
    <div className="import-section" data-testid="import-target" data-target={target}>
      <h3>{t('importTarget.title')}</h3>
      {radio('newProject', groups > 1 && !batchStarted ? t('importTarget.newProjectBatch', { count: groups }) : t('importTarget.newProject'))}
      {radio('layers', batchStarted ? t('importTarget.addToBatch') : t('importTarget.layers'))}
      {isDemo && <div className="import-samples" data-testid="import-target-demo">{t('importTarget.demo')}</div>}
      {pairs.map((p) => (
        <div className="import-warn" role="alert" key={`${p.imported}-${p.other}`} data-testid="import-no-overlap" data-imported={p.imported} data-other={p.other}>
          ⚠ {t('importTarget.noOverlap', { imported: t(`importTarget.kind.${p.imported}`), other: t(`importTarget.kind.${p.other}`) })}
        </div>
      ))}
      <div className="import-current" data-testid="import-after" data-communities={after.communities} data-facilities={after.facilities} data-green={after.green} data-roads={after.roads}>
        {t('importTarget.after', after)}
      </div>
    </div>
  );
}
