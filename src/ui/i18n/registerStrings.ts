// A UI part's own string tables (Chinese first, English second) added to i18next at run time under
// one key, without touching the app's zh.json / en.json. Each language is checked on its own with
// getResource: i18next's exists() falls back to Chinese, so a check through it once saw the
// Chinese table, took English for registered too, and the English UI showed Chinese.
import i18next, { type i18n as I18n } from 'i18next';
import type { Lang } from './index';

const LANGS: readonly Lang[] = ['zh', 'en'];

/** A table of strings per language, nested objects of text. */
export interface StringTables<T extends object = object> {
  zh: T;
  en: T;
}

/** Adds `tables` under `key` (e.g. `whatIf` → `whatIf.title`) to an initialised i18next, in both
 *  languages; idempotent per language. `more` adds entries beside the key (a shared table's few
 *  keys, e.g. a warning code's text). */
export function registerStrings(key: string, tables: StringTables, options: { i18n?: I18n; more?: (lng: Lang) => object } = {}): void {
  const i18n = options.i18n ?? i18next;
  if (!i18n.isInitialized) throw new Error(`${key} strings: initialise i18next first (ui/i18n initI18n)`);
  for (const lng of LANGS) {
    if (i18n.getResource(lng, 'translation', key) !== undefined) continue;
    i18n.addResourceBundle(lng, 'translation', { [key]: tables[lng], ...options.more?.(lng) }, true, false);
  }
}
