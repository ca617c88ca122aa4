// zh/en strings of the app's exports and the report preview, registered under `exportUi.` (the
// app's zh.json/en.json belong to the workspace). Chinese first, English second.
import i18next from 'i18next';
import { registerStrings } from '../i18n/registerStrings';

export const EXPORT_STRINGS = {
  zh: {
    xlsx: '体检结果 Excel（XLSX）',
    geojson: '社区及指标 GeoJSON',
    fgb: '社区及指标 FlatGeobuf',
    png: '当前地图图片 PNG（2 倍分辨率）',
    report: '体检报告预览…',
    failed: '导出失败：{{message}}',
    noMap: '地图尚未就绪',
    png_title: '{{name}} · {{preset}}',
    png_attribution: '数据：{{name}}',
    png_scale: '比例尺',
    preview: {
      title: '体检报告预览',
      print: '打印 / 另存为 PDF',
      close: '关闭',
      busy: '正在生成报告…',
      lang: '报告语言',
      pages: '社区分页',
      pagesFailing: '仅未达标社区',
      pagesAll: '全部社区',
      pagesNone: '不分页',
      hint: '在打印对话框中选择“另存为 PDF”即可得到 PDF 文件。',
    },
  },
  en: {
    xlsx: 'Audit results Excel (XLSX)',
    geojson: 'Communities with metrics, GeoJSON',
    fgb: 'Communities with metrics, FlatGeobuf',
    png: 'Current map as PNG (2× resolution)',
    report: 'Audit report preview…',
    failed: 'Export failed: {{message}}',
    noMap: 'The map is not ready yet',
    png_title: '{{name}} · {{preset}}',
    png_attribution: 'Data: {{name}}',
    png_scale: 'Scale',
    preview: {
      title: 'Audit report preview',
      print: 'Print / save as PDF',
      close: 'Close',
      busy: 'Rendering the report…',
      lang: 'Report language',
      pages: 'Community pages',
      pagesFailing: 'Failing communities',
      pagesAll: 'All communities',
      pagesNone: 'None',
      hint: 'Choose “Save as PDF” in the print dialog to get a PDF file.',
    },
  },
} as const;

/** Adds the strings to an initialised i18next, both languages (idempotent). */
export function registerExportStrings(i18n: typeof i18next = i18next): void {
  registerStrings('exportUi', EXPORT_STRINGS, { i18n });
}
