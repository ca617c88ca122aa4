// i18next set-up: Chinese first (the audience is Chinese planners and residents), English switchable.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import zh from './zh.json';
import en from './en.json';

export type Lang = 'zh' | 'en';

export function initI18n(lang: Lang = 'zh'): typeof i18next {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources: { zh: { translation: zh }, en: { translation: en } },
      lng: lang,
      fallbackLng: 'zh',
      interpolation: { escapeValue: false },
      initAsync: false,
    });
  } else if (i18next.language !== lang) {
    void i18next.changeLanguage(lang);
  }
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  return i18next;
}
