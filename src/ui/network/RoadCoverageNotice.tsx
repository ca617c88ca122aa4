// The notice shown in walking mode when no road layer covers the data (roadCoverage.ts), with an
// offer to import one and a way back to straight-line distances.
import { useTranslation } from 'react-i18next';
import type { RoadCoverage } from './roadCoverage';
import { registerRoadCoverageStrings } from './roadCoverageStrings';

interface Props {
  coverage: RoadCoverage;
  onImport: () => void;
  onEuclidean: () => void;
}

export function RoadCoverageNotice({ coverage, onImport, onEuclidean }: Props) {
  registerRoadCoverageStrings();
  const { t } = useTranslation();
  if (coverage.kind === 'ok') return null;
  const text = coverage.kind === 'noRoads'
    ? t('roadCoverage.noRoads')
    : coverage.off === coverage.total ? t('roadCoverage.uncoveredAll', { total: coverage.total }) : t('roadCoverage.uncovered', { off: coverage.off, total: coverage.total });
  return (
    <div className="notice error" role="alert" data-testid="road-coverage" data-kind={coverage.kind} data-off={coverage.kind === 'uncovered' ? coverage.off : undefined}>
      <span>⚠ {text}</span>{' '}
      <button onClick={onImport} data-testid="road-coverage-import">{t('roadCoverage.importRoads')}</button>{' '}
      <button onClick={onEuclidean} data-testid="road-coverage-euclidean">{t('roadCoverage.useEuclidean')}</button>
      {coverage.kind === 'uncovered' && (
        <details data-testid="road-coverage-list">
          <summary>{t('roadCoverage.list', { communities: coverage.off, facilities: coverage.facilities.length })}</summary>
          <ul>
            {coverage.communities.map((c) => <li key={c.id} data-testid="road-coverage-community" data-id={c.id}>{c.name} ({c.id})</li>)}
          </ul>
          {coverage.facilities.length > 0 && <div>{t('roadCoverage.facilities', { ids: coverage.facilities.join(', ') })}</div>}
        </details>
      )}
    </div>
  );
}
