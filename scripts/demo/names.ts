// Plausible Chinese place names for the synthetic district (none refers to a real community).
import type { Rng } from './prng';
import type { Zone } from './layout';

const OLD = ['东关', '西关', '南门', '北门', '鼓楼', '钟楼', '文庙', '府前', '县前', '书院', '学前', '仓巷', '米市', '盐仓', '柴市', '铁匠营', '三元', '四牌楼', '五福', '双井', '大井', '石桥', '青石', '河沿', '牌坊', '城隍庙', '太平', '和平', '永安', '长乐', '仁和', '义井', '礼门', '通济', '望江', '迎春', '朝阳', '西园', '东园', '后街', '前街', '桃园', '杏花', '柳巷', '草市', '箍桶巷', '马道', '打铜巷', '织造', '銮驾'];
const MODERN = ['锦绣', '翠竹', '金桂', '银杏', '紫荆', '枫林', '云栖', '御景', '华府', '明珠', '星河', '阳光', '幸福', '和谐', '康乐', '颐和', '滨江', '湖畔', '绿洲', '碧水', '春晖', '秋实', '丽景', '嘉园', '世纪', '东方', '海棠', '玉兰', '丹桂', '香樟', '梧桐', '兰亭', '书香', '文华', '天悦', '龙湖', '凤凰', '麒麟', '锦华', '瑞园', '泰和', '安居', '乐居', '馨苑', '雅苑', '怡景', '悦城', '万家', '聚福', '兴业', '科苑', '创业', '百合', '映月', '翡翠', '水岸', '清华', '润泽', '景福', '康城', '博雅', '蓝湾', '金域', '绿地', '融侨', '学府', '芙蓉', '荷塘', '青枫', '观澜', '望湖', '晴川', '翠湖', '银河', '紫金', '天润', '盛世', '宏图', '富康', '新桥', '红星', '花园', '南苑', '北苑', '东苑', '锦江', '雍景', '尚城', '铂悦', '中海'];
const MODERN_SUFFIX = ['苑', '园', '府', '湾', '庭', '城', '里', '花园'];
const SURNAMES = ['张', '王', '李', '赵', '陈', '刘', '杨', '黄', '周', '吴', '徐', '孙', '朱', '马', '胡', '郭', '何', '高', '林', '罗', '钱', '沈', '蒋', '韩'];
const VILLAGE = ['庄', '家湾', '桥', '圩', '塘', '岗', '集', '店', '家巷', '家庄', '家埭', '墩'];

/** Unique community names by zone: old-town lanes, new compounds, villages. */
export function createCommunityNamer(rng: Rng): (zone: Zone) => string {
  const used = new Set<string>();
  const old = rng.shuffle(OLD), modern = rng.shuffle(MODERN);
  let io = 0, im = 0;
  return (zone) => {
    for (let guard = 0; guard < 1000; guard++) {
      let name: string;
      if (zone === 'rural') name = `${rng.pick(SURNAMES)}${rng.pick(VILLAGE)}村`;
      else if (zone === 'old' && io < old.length) name = `${old[io++]}社区`;
      else name = `${modern[im++ % modern.length]}${rng.pick(MODERN_SUFFIX)}社区`;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
    throw new Error('ran out of community names');
  };
}

/** Short form for facility names: 东关社区 → 东关, 张庄村 → 张庄. */
export const shortName = (name: string): string => name.replace(/(社区|村)$/, '');

/** Sub-districts (街道) and towns (镇) by zone and position. */
export function streetOf(zone: Zone, x: number, y: number): string {
  if (zone === 'rural') return y > 0 ? '北湖镇' : '西郊镇';
  if (zone === 'old') return x < -250 ? '鼓楼街道' : '文昌街道';
  if (zone === 'mid') return y > 1950 ? '北园街道' : '滨河街道';
  return x < 1300 ? '新城街道' : '高新街道';
}
