// Import problems in the UI's language. The readers (src/io) word their problems in English, which
// is what the command line prints; the dialog shows them in Chinese when the UI is Chinese. Each
// known wording is a pattern with its Chinese form; the file name, feature and values stay as read.
// A message with no pattern is shown as it is (never hidden), so a new reader message still shows.

type Lang = 'zh' | 'en';

const WHAT: Record<string, string> = { households: '户数', population: '人口', 'floor area': '建筑面积' };
const ring = (which: string) =>
  which.replace(/^polygon (\d+) /, '第 $1 个多边形的').replace(/outer ring/, '外环').replace(/hole (\d+)/, '第 $1 个内环');

/** English wording → Chinese. `$n` are the pattern's groups; functions build the text from them. */
const FROM: Record<string, string> = {
  'from the coordinate column names': '依据坐标列名', 'given by the user': '用户指定', 'from the .prj': '来自 .prj', 'from the FlatGeobuf header': '来自 FlatGeobuf 文件头',
  'from the GeoJSON crs member': '来自 GeoJSON 的 crs 成员', 'from the .qpj': '来自 .qpj', 'default for the format': '该格式的默认值', 'not stated by the file': '文件未说明',
};
/** Why a zip archive could not be read (io/formats/zipArchive.ts), in Chinese. */
function zipReason(reason: string): string {
  return reason
    .replace(/^no end of central directory record$/, '找不到中央目录结束记录')
    .replace(/^record at (\d+) runs past the end of the file$/, '第 $1 字节处的记录超出文件末尾')
    .replace(/^bad zip64 end of central directory$/, 'zip64 中央目录结束记录损坏')
    .replace(/^bad central directory header at (\d+)$/, '第 $1 字节处的中央目录头损坏')
    .replace(/^(.+): bad local header at (\d+)$/, '$1：第 $2 字节处的本地文件头损坏')
    .replace(/^(.+): data runs past the end of the file$/, '$1：数据超出文件末尾');
}

const suggestions = (list: string) => list.replace(/ with X\/Y swapped/g, '（X/Y 互换）').replace(/ or /g, ' 或 ');

const PATTERNS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^coordinates \((.*?)\) cannot be longitude\/latitude but the file names no CRS, so longitude\/latitude was assumed(?:; likely (.*?) \(.*\)|; name the CRS \(e\.g\. (EPSG:\d+)\))?$/s, (m) => `坐标（${m[1]}）不可能是经纬度，但文件未说明坐标系，按经纬度读取${m[2] ? `；可能是 ${suggestions(m[2])}（见“格式与坐标系”的建议）` : `；请指定坐标系（例如 ${m[3] ?? 'EPSG:4547'}）`}`],
  [/^coordinates \((.*?)\) cannot be longitude\/latitude but the file claims (.*?) \(([^()]*)\)(?:; likely (.*?) \(.*\)|; name the CRS \(e\.g\. (EPSG:\d+)\))?$/s, (m) => `坐标（${m[1]}）不可能是经纬度，但文件声明为 ${m[2]}（${FROM[m[3]] ?? m[3]}）${m[4] ? `；可能是 ${suggestions(m[4])}（见“格式与坐标系”的建议）` : `；请指定坐标系（例如 ${m[5] ?? 'EPSG:4547'}）`}`],
  [/^coordinates \((.*?)\) do not fit (.*?) \(([^()]*)\): (they project off the globe|they land outside China, but with X\/Y swapped they land inside)(?:; likely (.*?) \(.*\))?$/s, (m) => `坐标（${m[1]}）与 ${m[2]}（${FROM[m[3]] ?? m[3]}）不符：${m[4].startsWith('they project') ? '投影后超出地球范围' : '落在中国境外，X/Y 互换后落在境内'}${m[5] ? `；可能是 ${suggestions(m[5])}` : ''}`],
  [/^coordinates \((.*?)\) look like latitude first: likely (.*?) \(.*\)$/s, (m) => `坐标（${m[1]}）看起来纬度在前：可能是 ${suggestions(m[2])}`],
  [/^file truncated in record (\d+) \(byte (\d+)\)$/, (m) => `文件在第 ${m[1]} 条记录处截断（第 ${m[2]} 字节）`],
  [/^file truncated: header says (\d+) bytes, file has (\d+)$/, (m) => `文件不完整：文件头记载 ${m[1]} 字节，实际 ${m[2]} 字节`],
  [/^file truncated: (\d+) of (\d+) records present$/, (m) => `文件不完整：${m[2]} 条记录中只有 ${m[1]} 条`],
  [/^"(.*)" in numeric field is not a number$/, (m) => `数值字段中的“${m[1]}”不是数字`],
  [/^no category field found among \[(.*)\]; name it with a field mapping$/, (m) => `在 [${m[1]}] 中找不到设施类别字段：请在字段对应中指定`],
  [/^CRS: (.*)$/s, (m) => `坐标系：${problemText(m[1], 'zh')}`],
  [/^not valid JSON in the features between bytes (\d+) and (\d+) \((.*)\)$/s, (m) => `第 ${m[1]}–${m[2]} 字节之间的要素不是有效的 JSON（${m[3]}）`],
  [/^not valid JSON \((.*)\)$/s, (m) => `不是有效的 JSON（${m[1]}）`],
  [/^not GeoJSON \(expected a FeatureCollection, a Feature or a geometry\)$/, () => `不是 GeoJSON（应为 FeatureCollection、Feature 或几何对象）`],
  [/^no header row$/, () => `没有表头行`],
  [/^not a readable zip archive \((.*)\)$/s, (m) => `无法读取的 zip 压缩包（${zipReason(m[1])}）`],
  [/^no \.shp file in the set$/, () => `这组文件中没有 .shp 文件`],
  [/^several \.shp files given; reading (.*) only \(others: (.*)\)$/, (m) => `选择了多个 .shp 文件，只读取 ${m[1]}（其余：${m[2]}）`],
  [/^no \.dbf attribute table beside the \.shp: features have no attributes$/, () => '.shp 旁没有 .dbf 属性表：要素没有属性'],
  [/^code page "(.*)" not understood; detecting the encoding$/, (m) => `无法识别代码页“${m[1]}”，改为自动检测编码`],
  [/^encoding "(.*)" not available \((.*)\)$/s, (m) => `编码“${m[1]}”不可用（${m[2]}）`],
  [/^(\d+) attribute records for (\d+) shapes: features beyond the shorter one are dropped$/, (m) => `属性记录 ${m[1]} 条、图形 ${m[2]} 个，数量不符：多出的要素被舍弃`],
  [/^no coordinate columns found among \[(.*)\]; expected lng\/lat, lon\/lat, x\/y or 经度\/纬度$/, (m) => `在 [${m[1]}] 中找不到坐标列；应为 lng/lat、lon/lat、x/y 或 经度/纬度`],
  [/^not an XLSX workbook \(not a zip archive: (.*)\)$/s, (m) => `不是 XLSX 工作簿（不是 zip 压缩包：${problemText(m[1], 'zh')}）`],
  [/^not an XLSX workbook \(no xl\/workbook\.xml\)$/, () => `不是 XLSX 工作簿（缺少 xl/workbook.xml）`],
  [/^workbook has no sheets$/, () => `工作簿中没有工作表`],
  [/^the first worksheet is empty$/, () => `第一个工作表为空`],
  [/^not a FlatGeobuf file \(bad magic bytes\)$/, () => `不是 FlatGeobuf 文件（文件头不符）`],
  [/^FlatGeobuf unreadable after (\d+) features \((.*)\)$/s, (m) => `读到第 ${m[1]} 个要素后无法继续读取 FlatGeobuf（${m[2]}）`],
  [/^format not recognised \(GeoJSON, FlatGeobuf, Shapefile, CSV, XLSX, OSM\)$/, () => `无法识别的格式（支持 GeoJSON、FlatGeobuf、Shapefile、CSV、XLSX、OSM）`],
  [/^the zip holds no \.shp, GeoJSON, FlatGeobuf, CSV or XLSX file$/, () => `压缩包中没有 .shp、GeoJSON、FlatGeobuf、CSV 或 XLSX 文件`],
  [/^no files given$/, () => '没有选择文件'],
  [/^import cancelled$/, () => `导入已取消`],
  [/^not an OSM XML file \(no <osm> root element\)$/, () => `不是 OSM XML 文件（没有 <osm> 根元素）`],
  [/^not an OSM PBF file \(no OSMHeader block\)$/, () => `不是 OSM PBF 文件（没有 OSMHeader 数据块）`],
  [/^OSM XML ends inside (\S+) (\S+) \(truncated file\?\)$/, (m) => `OSM XML 在 ${m[1]} ${m[2]} 内部结束（文件不完整？）`],
  [/^malformed OSM (XML|PBF) at (.*)$/s, (m) => `OSM ${m[1]} 格式错误，位置 ${m[2]}`],
  [/^EPSG:(\d+) is not a supported CRS \(supported: .*\)$/s, (m) => `不支持 EPSG:${m[1]}（支持 4326、4490、3857、4491–4554 CGCS2000 高斯-克吕格、4610、4214、西安 1980 / 北京 1954 高斯-克吕格）`],
  [/^CRS "(.*)" is not understood \(use EPSG:nnnn, GCJ02, BD09, a proj4 string or WKT\)$/, (m) => `无法识别坐标系“${m[1]}”（请用 EPSG:nnnn、GCJ02、BD09、proj4 字符串或 WKT）`],
  [/^projection WKT not understood \((.*)\): (.*)$/s, (m) => `无法识别投影 WKT（${m[1]}）：${m[2]}`],
  [/^proj4 definition not understood: (.*)$/s, (m) => `无法识别 proj4 定义：${m[1]}`],
  [/^no households field found among \[(.*)\] \(expected households, hh, 户数, 住户数\): every community lacks households$/, (m) => `在 [${m[1]}] 中找不到户数字段（应为 households、hh、户数、住户数）：所有社区都缺少户数`],
  [/^coordinates could not be converted to WGS84$/, () => '坐标无法转换为 WGS84'],
  [/^duplicate id "(.*)" \(also feature (.*)\)$/, (m) => `编号“${m[1]}”重复（与要素 ${m[2]} 相同）`],
  [/^(households|population|floor area) is missing$/, (m) => `缺少${WHAT[m[1]]}`],
  [/^(households|population|floor area) "(.*)" is not a number$/, (m) => `${WHAT[m[1]]}“${m[2]}”不是数字`],
  [/^(households|population|floor area) (\S+) is negative$/, (m) => `${WHAT[m[1]]} ${m[2]} 为负数`],
  [/^no geometry$/, () => '没有几何图形'],
  [/^geometry is (\S+), expected Polygon or MultiPolygon$/, (m) => `几何类型为 ${m[1]}，应为 Polygon 或 MultiPolygon`],
  [/^geometry is (\S+), expected Point$/, (m) => `几何类型为 ${m[1]}，应为 Point`],
  [/^polygon (\d+) has no rings$/, (m) => `第 ${m[1]} 个多边形没有环`],
  [/^(\S+) facility placed at its outline's centre$/, (m) => `${m[1]} 设施按其轮廓中心定位`],
  [/^setting "(.*)" is neither urban \(城镇\) nor rural \(农村\); taken as urban$/, (m) => `城乡类型“${m[1]}”既不是城镇也不是农村，按城镇处理`],
  [/^no category field mapped$/, () => '未指定设施类别字段'],
  [/^category is missing$/, () => '缺少设施类别'],
  [/^category "(.*)" is not in the facility vocabulary .*$/, (m) => `类别“${m[1]}”不在设施类别表中（例如 幼儿园、社区服务站）`],
  [/^green kind "(.*)" is neither park \(公园\) nor green \(绿地\); taken as green$/, (m) => `绿地类型“${m[1]}”既不是公园也不是绿地，按绿地处理`],
  [/^position is not \[x, y\]$/, () => '坐标不是 [x, y]'],
  [/^coordinate \((.*), (.*)\) is out of longitude\/latitude range$/, (m) => `坐标 (${m[1]}, ${m[2]}) 超出经纬度范围`],
  [/^line is not an array of positions$/, () => '线不是坐标数组'],
  [/^line has (\d+) position\(s\), needs at least 2$/, (m) => `线只有 ${m[1]} 个点，至少需要 2 个`],
  [/^(.*) is not an array of positions$/, (m) => `${ring(m[1])}不是坐标数组`],
  [/^(.*) has (\d+) positions, a closed ring needs at least 4$/, (m) => `${ring(m[1])}只有 ${m[2]} 个点，闭合环至少需要 4 个`],
  [/^(.*) is not closed \(first position \((.*)\) ≠ last \((.*)\)\)$/, (m) => `${ring(m[1])}未闭合（首点 (${m[2]}) ≠ 末点 (${m[3]})）`],
  [/^(.*) intersects itself near \((.*)\)$/, (m) => `${ring(m[1])}在 (${m[2]}) 附近自相交`],
  [/^CSV: (.*)$/s, (m) => `CSV：${m[1]}`],
  [/^a candidate site is one point or one parcel \(MultiPoint has (\d+) points\)$/, (m) => `候选选址应为一个点或一个地块（MultiPoint 含 ${m[1]} 个点）`],
  [/^the parcel has no area: no point inside it$/, () => '地块面积为零，无法取其内部点'],
  [/^an OpenStreetMap file has no candidate sites: .*$/s, () => 'OpenStreetMap 文件中没有候选选址：请以点或地块导入（GeoJSON、Shapefile、FlatGeobuf、CSV、XLSX）'],
];

/** A reader's problem message in the UI's language (English as written, Chinese by pattern). */
export function problemText(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  const whole = translate(message);
  if (whole !== undefined) return whole;
  // "file.ext: message" (or "a.shp, a.dbf: message"): the file names stay, the message is translated.
  const m = message.match(/^(.+?\.[A-Za-z0-9]{1,8}(?:, .+?\.[A-Za-z0-9]{1,8})*): (.*)$/s);
  const rest = m ? translate(m[2]) : undefined;
  return m && rest !== undefined ? `${m[1]}：${rest}` : message;
}

function translate(message: string): string | undefined {
  for (const [re, zh] of PATTERNS) {
    const m = message.match(re);
    if (m) return zh(m);
  }
  return undefined;
}
