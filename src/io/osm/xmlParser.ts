// OSM XML (.osm, API 0.6 schema: <osm><node|way|relation> with <tag>, <nd>, <member>) scanned
// with sticky regular expressions over the decoded text: one pass, no DOM, so 100 MB files work.
// https://wiki.openstreetmap.org/wiki/OSM_XML
import { OsmModelBuilder, type OsmMember, type OsmModel, type OsmType, type Tags } from './model';
import { checkpoint, type ChunkControl } from './progress';

/** Characters scanned between progress reports / cancellation checks. */
const CHUNK_CHARS = 4 << 20;

const START_TAG = /<([A-Za-z_][\w:.-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
const END_TAG = /<\/([A-Za-z_][\w:.-]*)\s*>/y;
const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (_m, named: string | undefined, dec: string | undefined, hex: string | undefined) =>
    named ? NAMED[named] : String.fromCodePoint(dec ? parseInt(dec, 10) : parseInt(hex as string, 16)),
  );
}

function parseAttrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  ATTR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTR.exec(s))) out[m[1]] = unescapeXml(m[2] ?? m[3] ?? '');
  return out;
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/** One attribute's value without building an object (the hot path: nodes, nd, tag). */
function attr(s: string, name: string): string | undefined {
  for (const q of ['"', "'"]) {
    const needle = `${name}=${q}`;
    for (let i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      if (i > 0 && !isSpace(s.charCodeAt(i - 1))) continue;
      const start = i + needle.length;
      const end = s.indexOf(q, start);
      return end < 0 ? undefined : unescapeXml(s.slice(start, end));
    }
  }
  // Unusual spacing such as k = "v": the general parser.
  return s.includes(name) && /\s=|=\s/.test(s) ? parseAttrs(s)[name] : undefined;
}

interface Open {
  type: OsmType;
  id: number;
  lon: number;
  lat: number;
  tags: Tags;
  refs: number[];
  members: OsmMember[];
  skip: boolean;
}

export async function parseOsmXml(bytes: Uint8Array, fileName: string, ctl: ChunkControl = {}): Promise<OsmModel> {
  const text = new TextDecoder('utf-8').decode(bytes);
  const bytesPerChar = text.length ? bytes.length / text.length : 1;
  const builder = new OsmModelBuilder();

  const where = (pos: number): string => {
    let line = 1;
    let lineStart = 0;
    for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return `line ${line}, column ${pos - lineStart + 1}`;
  };
  const fail = (pos: number, msg: string, el?: Open | null): never => {
    throw new Error(`${fileName}: malformed OSM XML at ${where(pos)}${el ? ` (in ${el.type} ${el.id})` : ''}: ${msg}`);
  };
  const num = (attrText: string, key: string, pos: number, el: { type: string; id?: number }): number => {
    const v = attr(attrText, key);
    const n = v === undefined || v.trim() === '' ? NaN : Number(v);
    if (!Number.isFinite(n)) {
      throw new Error(`${fileName}: malformed OSM XML at ${where(pos)}: ${el.type}${el.id !== undefined ? ` ${el.id}` : ''} has ${v === undefined ? 'no' : `an invalid (${JSON.stringify(v)})`} "${key}" attribute`);
    }
    return n;
  };

  let sawOsmRoot = false;
  let open: Open | null = null;
  let nextCheck = CHUNK_CHARS;
  let pos = text.indexOf('<');
  if (pos < 0 || text.slice(0, pos).replace(/^\uFEFF/, '').trim() !== '') fail(Math.max(0, pos), 'not an XML document');

  while (pos >= 0 && pos < text.length) {
    if (pos >= nextCheck) {
      nextCheck = pos + CHUNK_CHARS;
      await checkpoint(ctl, fileName, Math.round(pos * bytesPerChar), bytes.length);
    }
    const c1 = text.charCodeAt(pos + 1);
    if (c1 === 63 /* ? */) {
      const end = text.indexOf('?>', pos + 2);
      if (end < 0) fail(pos, 'unterminated processing instruction');
      pos = text.indexOf('<', end + 2);
      continue;
    }
    if (c1 === 33 /* ! */) {
      const close = text.startsWith('<!--', pos) ? '-->' : text.startsWith('<![CDATA[', pos) ? ']]>' : '>';
      const end = text.indexOf(close, pos + 2);
      if (end < 0) fail(pos, 'unterminated comment or declaration', open);
      pos = text.indexOf('<', end + close.length);
      continue;
    }
    if (c1 === 47 /* / */) {
      END_TAG.lastIndex = pos;
      const m = END_TAG.exec(text);
      if (!m) fail(pos, `bad closing tag ${JSON.stringify(text.slice(pos, pos + 30))}`, open);
      const name = m![1];
      if (name === 'node' || name === 'way' || name === 'relation') {
        if (!open || name !== open.type) fail(pos, `</${name}> without a matching <${name}>`, open);
        finishElement(open!);
        open = null;
      }
      pos = text.indexOf('<', END_TAG.lastIndex);
      continue;
    }
    START_TAG.lastIndex = pos;
    const m = START_TAG.exec(text);
    if (!m) fail(pos, `unexpected text ${JSON.stringify(text.slice(pos, pos + 40))}`, open);
    const [, name, attrText, selfClosing] = m!;
    const after = START_TAG.lastIndex;
    if (name === 'node' || name === 'way' || name === 'relation') {
      if (open) fail(pos, `<${name}> inside ${open.type} ${open.id}`, open);
      const id = num(attrText, 'id', pos, { type: name });
      const el: Open = {
        type: name,
        id,
        lon: 0,
        lat: 0,
        tags: {},
        refs: [],
        members: [],
        // Deleted objects in history/JOSM files are not part of the data.
        skip: attr(attrText, 'visible') === 'false' || attr(attrText, 'action') === 'delete',
      };
      if (name === 'node' && !el.skip) {
        el.lat = num(attrText, 'lat', pos, el);
        el.lon = num(attrText, 'lon', pos, el);
        if (Math.abs(el.lat) > 90 || Math.abs(el.lon) > 180) fail(pos, `node ${id} has coordinates out of range (lat ${el.lat}, lon ${el.lon})`);
      }
      if (selfClosing) finishElement(el);
      else open = el;
    } else if (name === 'tag') {
      if (open) {
        const k = attr(attrText, 'k');
        if (k === undefined) fail(pos, '<tag> without k', open);
        open.tags[k!] = attr(attrText, 'v') ?? '';
      }
    } else if (name === 'nd') {
      if (!open || open.type !== 'way') fail(pos, '<nd> outside a way', open);
      open!.refs.push(num(attrText, 'ref', pos, open!));
    } else if (name === 'member') {
      if (!open || open.type !== 'relation') fail(pos, '<member> outside a relation', open);
      const attrs = parseAttrs(attrText);
      const type = attrs.type;
      if (type !== 'node' && type !== 'way' && type !== 'relation') fail(pos, `member type ${JSON.stringify(type)}`, open);
      open!.members.push({ type: type as OsmType, ref: num(attrText, 'ref', pos, open!), role: attrs.role ?? '' });
    } else if (name === 'osm' || name === 'osmChange' || name === 'create' || name === 'modify') {
      sawOsmRoot = true;
    } else if (!selfClosing) {
      // <bounds>, <note>, <meta>, <changeset> …: skip to the matching end tag.
      const end = text.indexOf(`</${name}`, after);
      if (end < 0) fail(pos, `<${name}> is never closed`, open);
      pos = text.indexOf('<', text.indexOf('>', end));
      continue;
    }
    pos = text.indexOf('<', after);
  }
  if (open) throw new Error(`${fileName}: OSM XML ends inside ${open.type} ${open.id} (truncated file?)`);
  if (!sawOsmRoot) throw new Error(`${fileName}: not an OSM XML file (no <osm> root element)`);
  await checkpoint(ctl, fileName, bytes.length, bytes.length);
  return builder.finish();

  function finishElement(el: Open): void {
    if (el.skip) return;
    if (el.type === 'node') builder.addNode(el.id, el.lon, el.lat, el.tags);
    else if (el.type === 'way') builder.addWay(el.id, el.refs, el.tags);
    else builder.addRelation(el.id, el.members, el.tags);
  }
}
