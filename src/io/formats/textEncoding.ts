// Text encodings of DBF and CSV files: UTF-8 when declared (.cpg, BOM) or when the bytes decode as
// strict UTF-8; otherwise GB18030 (a superset of GBK/GB2312, the usual encoding of Chinese bureau
// files without .cpg). TextDecoder('gb18030') exists in Node 20 and browsers.
import type { EncodingInfo } from '../import/types';

/** .cpg content → a TextDecoder label (e.g. "UTF-8", "936", "GBK", "65001"). */
export function encodingFromCpg(cpg: string): string | undefined {
  const t = cpg.trim().toLowerCase();
  if (!t) return undefined;
  if (t === 'utf-8' || t === 'utf8' || t === '65001') return 'utf-8';
  if (t === '936' || t === 'gbk' || t === 'cp936' || t === 'gb2312' || t === 'gb18030' || t === '54936') return 'gb18030';
  if (t === '950' || t === 'big5') return 'big5';
  if (/^(8859_1|iso-8859-1|latin1|1252|cp1252|ansi 1252)$/.test(t)) return 'windows-1252';
  try {
    new TextDecoder(t);
    return t;
  } catch {
    return undefined;
  }
}

const hasHighBytes = (b: Uint8Array): boolean => {
  for (let i = 0; i < b.length; i++) if (b[i] >= 0x80) return true;
  return false;
};

/**
 * Detect the encoding of text bytes: declared > BOM > strict UTF-8 > GB18030.
 * Confidence: 1 when declared or ASCII only; 0.9 for valid UTF-8 with non-ASCII; for GB18030 the
 * share of multi-byte pairs that fall in the GB2312 hanzi range (B0–F7 lead, A1–FE trail).
 */
export function detectEncoding(bytes: Uint8Array, declared?: { encoding: string; from: 'option' | 'cpg' }): EncodingInfo {
  if (declared) return { encoding: declared.encoding, from: declared.from, confidence: 1 };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', from: 'detected', confidence: 1 };
  if (!hasHighBytes(bytes)) return { encoding: 'utf-8', from: 'utf-8', confidence: 1 };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { encoding: 'utf-8', from: 'detected', confidence: 0.9 };
  } catch {
    let pairs = 0;
    let hanzi = 0;
    for (let i = 0; i < bytes.length - 1; i++) {
      const b = bytes[i];
      if (b < 0x81) continue;
      pairs++;
      if (b >= 0xb0 && b <= 0xf7 && bytes[i + 1] >= 0xa1 && bytes[i + 1] <= 0xfe) hanzi++;
      i++;
    }
    const confidence = pairs ? Math.round((0.5 + 0.45 * (hanzi / pairs)) * 100) / 100 : 0.5;
    return { encoding: 'gb18030', from: 'detected', confidence };
  }
}

export function decodeText(bytes: Uint8Array, encoding: string): string {
  const d = new TextDecoder(encoding);
  return d.decode(bytes);
}

/**
 * The bytes of a UTF-8 text as decodeText(bytes, 'utf-8').replace(/^\uFEFF/, '') leaves it: the
 * decoder drops one byte order mark and the replace a second, so up to two leading BOMs go.
 */
export function withoutBoms(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < 6 && bytes[i] === 0xef && bytes[i + 1] === 0xbb && bytes[i + 2] === 0xbf) i += 3;
  return i === 0 ? bytes : bytes.subarray(i);
}
