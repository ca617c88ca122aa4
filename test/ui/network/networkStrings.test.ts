// The walking-network strings reach both languages: registering into an i18next whose fallback is
// Chinese must still add the English bundle (距离口径 never shows in the English UI).
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { registerNetworkStrings } from '../../../src/ui/network/networkStrings';
import { registerRoadCoverageStrings } from '../../../src/ui/network/roadCoverageStrings';
import { registerImportTargetStrings } from '../../../src/ui/import/importTargetStrings';

describe('network strings', () => {
  it('adds the English strings even though Chinese is the fallback language', async () => {
    const i = i18next.createInstance();
    await i.init({ lng: 'en', fallbackLng: 'zh', resources: { zh: { translation: {} }, en: { translation: {} } } });
    registerNetworkStrings(i);
    expect(i.t('networkUi.mode.label')).toBe('Distance');
    expect(i.t('networkUi.mode.toggleToNetwork')).toBe('Use walking network');
    expect(i.t('networkUi.compare.title', { lng: 'zh' })).toBe('直线与步行对比');
    registerNetworkStrings(i);
    expect(i.t('networkUi.compare.title')).toBe('Straight line vs walking');
  });

  it('the road-coverage notice and the import target choice reach English too', async () => {
    const i = i18next.createInstance();
    await i.init({ lng: 'en', fallbackLng: 'zh', resources: { zh: { translation: {} }, en: { translation: {} } } });
    for (const register of [registerRoadCoverageStrings, registerImportTargetStrings]) register(i);
    for (const key of ['roadCoverage.noRoads', 'importTarget.title']) {
      expect(i.getResource('en', 'translation', key)).toBeDefined();
      expect(i.t(key)).not.toMatch(/[\u3400-\u9fff]/);
    }
  });
});
