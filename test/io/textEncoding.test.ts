// DBF/CSV text encodings: declared (.cpg), BOM, strict UTF-8, else GB18030 with a confidence.
import { describe, expect, it } from 'vitest';
import { detectEncoding, encodingFromCpg } from '../../src/io/formats/textEncoding';

// 社区户数 in GB2312/GBK, from the GB2312 code table: 社 C9E7, 区 C7F8, 户 BBA7, 数 CAFD.
const GBK = new Uint8Array([0xc9, 0xe7, 0xc7, 0xf8, 0xbb, 0xa7, 0xca, 0xfd]);
// The same in UTF-8: 社 E7A4BE, 区 E58CBA, 户 E688B7, 数 E695B0.
const UTF8 = new Uint8Array([0xe7, 0xa4, 0xbe, 0xe5, 0x8c, 0xba, 0xe6, 0x88, 0xb7, 0xe6, 0x95, 0xb0]);

describe('text encoding detection', () => {
  it('GBK bytes are not UTF-8 → gb18030 with high confidence, and decode to 社区户数', () => {
    const e = detectEncoding(GBK);
    expect(e).toMatchObject({ encoding: 'gb18030', from: 'detected' });
    expect(e.confidence).toBeGreaterThanOrEqual(0.9);
    expect(new TextDecoder(e.encoding).decode(GBK)).toBe('社区户数');
  });

  it('valid UTF-8 stays UTF-8', () => {
    expect(detectEncoding(UTF8)).toMatchObject({ encoding: 'utf-8', from: 'detected' });
  });

  it('ASCII only is UTF-8 with certainty', () => {
    expect(detectEncoding(new TextEncoder().encode('id,name'))).toEqual({ encoding: 'utf-8', from: 'utf-8', confidence: 1 });
  });

  it('a declared encoding wins', () => {
    expect(detectEncoding(UTF8, { encoding: 'gb18030', from: 'option' })).toEqual({ encoding: 'gb18030', from: 'option', confidence: 1 });
  });

  it.each([['UTF-8', 'utf-8'], ['65001', 'utf-8'], ['936', 'gb18030'], ['GBK', 'gb18030'], ['GB2312\n', 'gb18030'], ['', undefined]])('.cpg "%s" → %s', (cpg, enc) => {
    expect(encodingFromCpg(cpg)).toBe(enc);
  });
});
