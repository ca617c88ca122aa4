// The coverage basis next to the distance mode (覆盖口径：户数 / 居住用地 / 社区面积), so every
// coverage figure on screen says what it is a share of. STANDARDS §3 "Coverage basis".
import { useTranslation } from 'react-i18next';
import type { CoverageBasis } from '../../engine/types';
import { registerResidentialStrings } from './residentialStrings';

interface Props {
  basis: CoverageBasis;
  /** Communities that fell back to their area (run badge only). */
  fallbacks?: number;
}

export function BasisBadge({ basis, fallbacks = 0 }: Props) {
  registerResidentialStrings();
  const { t } = useTranslation();
  return (
    <span className={`basis-badge ${basis}`} data-testid="basis-badge" data-basis={basis} title={fallbacks ? t('residentialUi.basis.fallback', { count: fallbacks }) : undefined}>
      {t('residentialUi.basis.text', { basis: t(`residentialUi.basis.${basis}`) })}
      {fallbacks > 0 && <sup>*</sup>}
    </span>
  );
}
