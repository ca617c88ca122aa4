// The presentation's and the exports' string tables: the same keys in both languages, and each
// language registered even though i18next falls back to Chinese (an English UI once showed the
// Chinese strings because the check for "already registered" saw the fallback).
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { PRESENT_STRINGS, registerPresentStrings } from '../../../src/ui/present/presentStrings';
import { EXPORT_STRINGS, registerExportStrings } from '../../../src/ui/export/exportStrings';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`])).sort();

describe('presentation and export strings', () => {
  it('have the same keys in Chinese and English', () => {
    expect(keys(PRESENT_STRINGS.en)).toEqual(keys(PRESENT_STRINGS.zh));
    expect(keys(EXPORT_STRINGS.en)).toEqual(keys(EXPORT_STRINGS.zh));
  });

  it('register English next to Chinese under a Chinese fallback', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { zh: { translation: { app: { title: '生活圈' } } }, en: { translation: { app: { title: 'LifeCircle' } } } }, lng: 'zh', fallbackLng: 'zh' });
    // Chinese first: the English lookup then falls back to it, which must not count as registered.
    registerPresentStrings(i18n);
    registerExportStrings(i18n);
    expect(i18n.t('presentUi.start', { lng: 'en' })).toBe('Present');
    expect(i18n.t('presentUi.start', { lng: 'zh' })).toBe('演示');
    expect(i18n.t('exportUi.preview.print', { lng: 'en' })).toBe('Print / save as PDF');
    // Idempotent.
    registerPresentStrings(i18n);
    expect(i18n.t('presentUi.editor.start', { lng: 'en' })).toBe('Start presentation');
  });
});
