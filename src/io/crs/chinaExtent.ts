// A coarse outline of China (incl. Hainan, Taiwan, Hong Kong, Macau) as longitude spans per 2°
// latitude band, ±1° margin: enough to tell whether a CRS guess lands data "in China plausibly".
// Spans read off a 1:10M map; not a boundary.
const BANDS: [latFrom: number, latTo: number, lonFrom: number, lonTo: number][] = [
  [17, 20, 107.5, 112],
  [20, 22, 105.5, 117],
  [22, 24, 97, 122.5],
  [24, 26, 97, 122.5],
  [26, 28, 97, 121.5],
  [28, 30, 82, 123],
  [30, 32, 78, 122.5],
  [32, 36, 73, 121.5],
  [36, 40, 73, 123],
  [40, 42, 73, 126.5],
  [42, 46, 79, 132],
  [46, 50, 81, 135.5],
  [50, 54, 118.5, 127.5],
];

export function inChina(lon: number, lat: number): boolean {
  return BANDS.some(([a, b, c, d]) => lat >= a && lat < b && lon >= c - 1 && lon <= d + 1);
}

/** Approximate share of China's urban population per 3° Gauss-Krüger zone (CM → weight): a prior
 *  used only to rank otherwise equal CRS guesses. Zone 114°E holds Guangzhou/Shenzhen/Wuhan/
 *  Zhengzhou/Shijiazhuang; 117°E Beijing/Tianjin/Jinan/Hefei; 120°E Shanghai/Hangzhou/Nanjing. */
export const CM_PRIOR: Record<number, number> = {
  75: 0.2, 78: 0.2, 81: 0.2, 84: 0.3, 87: 0.5, 90: 0.3, 93: 0.2, 96: 0.2, 99: 0.5, 102: 2, 105: 3,
  108: 4, 111: 4, 114: 10, 117: 9, 120: 8, 123: 3, 126: 2, 129: 1, 132: 0.3, 135: 0.1,
};

/** A few city names (pinyin and Chinese) with their longitude/latitude, to read a location hint
 *  from file or folder names such as "huizhou-zhongkai/land.shp". */
export const PLACE_HINTS: [names: string[], lon: number, lat: number][] = [
  [['beijing', '北京'], 116.4, 39.9], [['shanghai', '上海'], 121.5, 31.2], [['tianjin', '天津'], 117.2, 39.1],
  [['chongqing', '重庆'], 106.5, 29.6], [['guangzhou', '广州'], 113.3, 23.1], [['shenzhen', '深圳'], 114.1, 22.5],
  [['huizhou', '惠州'], 114.4, 23.1], [['dongguan', '东莞'], 113.8, 23.0], [['foshan', '佛山'], 113.1, 23.0],
  [['zhuhai', '珠海'], 113.6, 22.3], [['nanjing', '南京'], 118.8, 32.1], [['hangzhou', '杭州'], 120.2, 30.3],
  [['suzhou', '苏州'], 120.6, 31.3], [['wuhan', '武汉'], 114.3, 30.6], [['chengdu', '成都'], 104.1, 30.7],
  [['xian', "xi'an", '西安'], 108.9, 34.3], [['zhengzhou', '郑州'], 113.6, 34.8], [['jinan', '济南'], 117.0, 36.7],
  [['qingdao', '青岛'], 120.4, 36.1], [['shenyang', '沈阳'], 123.4, 41.8], [['dalian', '大连'], 121.6, 38.9],
  [['harbin', '哈尔滨'], 126.6, 45.8], [['changchun', '长春'], 125.3, 43.9], [['kunming', '昆明'], 102.7, 25.0],
  [['guiyang', '贵阳'], 106.6, 26.6], [['nanning', '南宁'], 108.3, 22.8], [['fuzhou', '福州'], 119.3, 26.1],
  [['xiamen', '厦门'], 118.1, 24.5], [['changsha', '长沙'], 112.9, 28.2], [['nanchang', '南昌'], 115.9, 28.7],
  [['hefei', '合肥'], 117.2, 31.8], [['shijiazhuang', '石家庄'], 114.5, 38.0], [['taiyuan', '太原'], 112.5, 37.9],
  [['hohhot', '呼和浩特'], 111.7, 40.8], [['lanzhou', '兰州'], 103.8, 36.1], [['xining', '西宁'], 101.8, 36.6],
  [['yinchuan', '银川'], 106.2, 38.5], [['urumqi', '乌鲁木齐'], 87.6, 43.8], [['lhasa', '拉萨'], 91.1, 29.7],
  [['haikou', '海口'], 110.3, 20.0], [['yanan', "yan'an", '延安'], 109.5, 36.6], [['meishan', '眉山'], 103.8, 30.1],
  [['haidian', '海淀'], 116.3, 40.0], [['xuanwu', '玄武'], 118.8, 32.05],
];

export function placeHint(text: string): { lon: number; lat: number; name: string } | undefined {
  const t = text.toLowerCase();
  for (const [names, lon, lat] of PLACE_HINTS) {
    const n = names.find((x) => (/^[a-z']+$/.test(x) ? new RegExp(`(^|[^a-z])${x.replace("'", "'?")}`).test(t) : t.includes(x)));
    if (n) return { lon, lat, name: n };
  }
  return undefined;
}
