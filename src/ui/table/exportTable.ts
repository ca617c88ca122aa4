// The community table as CSV (what the user sees: same columns, translated headers).
import type { AuditResult } from '../../engine/types';
import { failureText, type Translate } from '../../text/ruleText';
import { downloadText, toCsv } from './csv';

export function tableCsv(result: AuditResult, t: Translate, lang: 'zh' | 'en'): string {
  const header = [t('table.id'), t('table.name'), t('table.street'), t('table.households'), `${t('table.areaPer100')} (m²)`, `${t('table.largestStation')} (m²)`, `${t('table.green')} (%)`, `${t('table.park')} (%)`, t('table.failures'), t('table.status'), t('detail.failures')];
  const rows = result.communities.map((r) => [
    r.id, r.name, r.street ?? '', r.households,
    r.areaPer100Households_m2 === null ? '' : Math.round(r.areaPer100Households_m2 * 100) / 100,
    Math.round(r.largestStation_m2),
    Math.round(r.greenCoverage * 1000) / 10,
    Math.round(r.parkCoverage * 1000) / 10,
    r.failures.length,
    t(`status.${r.status}`),
    r.failures.map((f) => failureText(f, t, lang).line).join('; '),
  ]);
  return toCsv(header, rows);
}

export function exportTableCsv(result: AuditResult, t: Translate, lang: 'zh' | 'en'): void {
  downloadText(`lifecircle-${result.preset}.csv`, tableCsv(result, t, lang));
}
