// zh/en strings of the coverage basis (audit-cli.md "Coverage basis": residential land and
// households), registered from here under `residentialUi.` (the app's zh.json/en.json belong to
// the workspace). Chinese first, English second.
import i18next from 'i18next';
import { registerStrings } from '../i18n/registerStrings';

export const RESIDENTIAL_STRINGS = {
  zh: {
    basis: {
      label: '覆盖口径', text: '覆盖口径：{{basis}}', 'residential-households': '户数', 'residential-area': '居住用地', 'community-area': '社区面积',
      fallback: '{{count}} 个社区无居住用地，按社区面积', residentialArea: '居住用地面积',
    },
    headline: '{{households}} 户 {{minutes}} 分钟内没有{{category}}',
    column: '{{minutes}}分钟无{{category}}户数',
    compare: {
      toggle: '对比覆盖口径', title: '居住用地与社区面积对比', residential: '居住用地', area: '社区面积', busy: '计算中…',
      note: '居住用地口径只计住宅所在之处（有户数时按户数加权）；社区面积口径把农田、工厂、水面也算在内。',
    },
    layer: '居住用地',
    kind: '居住用地 / 住宅',
    warning: '社区内没有居住用地：按社区面积计算',
    estimate: '居住用地户数为估算值（由住宅建筑面积推算）',
  },
  en: {
    basis: {
      label: 'Coverage basis', text: 'Coverage basis: {{basis}}', 'residential-households': 'households', 'residential-area': 'residential land', 'community-area': 'community area',
      fallback: '{{count}} communities without residential land use their area', residentialArea: 'Residential land',
    },
    headline: '{{households}} households have no {{category}} within {{minutes}} minutes',
    column: 'Households without {{category}} ({{minutes}} min)',
    compare: {
      toggle: 'Compare coverage bases', title: 'Residential land vs community area', residential: 'Residential', area: 'Area', busy: 'Computing…',
      note: 'The residential basis counts only where people live (households-weighted when known); the community-area basis counts fields, factories and water too.',
    },
    layer: 'Residential land',
    kind: 'Residential land / housing',
    warning: 'No residential land in the community: its whole area is used',
    estimate: 'Households on residential land are estimates (from housing floor area)',
  },
};

/** Adds the strings to an initialised i18next, both languages (idempotent). */
export function registerResidentialStrings(i18n: typeof i18next = i18next): void {
  registerStrings('residentialUi', RESIDENTIAL_STRINGS, { i18n, more: (lng) => ({ warning: { no_residential_land: RESIDENTIAL_STRINGS[lng].warning } }) });
}
