// Markup built so that data is always text: the `html` tag escapes every interpolated value unless
// it is itself markup built by `html` (or `trusted`, for numbers-only SVG geometry). Names, ids and
// sources from data files therefore cannot become markup (HTML Living Standard §13.1: & < > " '
// are the characters that can change the meaning of text and attribute values).

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : '&#39;'));
}

type Part = Html | string | number | boolean | null | undefined | readonly Part[];

function part(v: Part): string {
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(part).join('');
  if (v === null || v === undefined || v === false || v === true) return '';
  return escapeHtml(String(v));
}

/** Tagged template: `html\`<td>${name}</td>\`` escapes `name`; nested Html and arrays of it pass. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += part(values[i]) + strings[i + 1];
  return new Html(out);
}

/** Markup made by this module's own code from numbers and constants, never from data. */
export function trusted(markup: string): Html {
  return new Html(markup);
}

/** Joins parts into one piece of markup (escaping text parts). */
export function join(parts: readonly Part[], separator: Html | string = ''): Html {
  return new Html(parts.map(part).join(part(separator)));
}
