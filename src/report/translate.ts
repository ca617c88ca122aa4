// The report's own strings (i18n/zh.json, i18n/en.json: identical keys, checked by a test), Chinese
// first. Plain text only: the markup builder escapes them like any other text. Rule, category,
// unit and failure keys are worded as in the app, so src/text/ruleText.ts serves both.
import type { Translate } from '../text/ruleText';
import type { Locale } from '../text/format';
import zh from './i18n/zh.json';
import en from './i18n/en.json';

type Tree = { [k: string]: string | Tree };
const TABLES: Record<Locale, Tree> = { zh, en };

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const k of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = node[k];
  }
  return typeof node === 'string' ? node : undefined;
}

/** t(key, vars): the string in `lang` (Chinese when missing), {{name}} replaced by vars.name. */
export function reportTranslator(lang: Locale): Translate {
  return (key, vars) => {
    const s = lookup(TABLES[lang], key) ?? lookup(TABLES.zh, key) ?? key;
    return vars ? s.replace(/\{\{(\w+)\}\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : s;
  };
}
