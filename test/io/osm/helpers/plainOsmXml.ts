// Reads the small hand-written .osm fixtures with plain regular expressions (no entities beyond
// &amp;, one element per line as written), independently of the reader under test, so the PBF
// fixture can be written from the same data.
import type { PlainOsm } from './pbfWriter';

const attr = (s: string, k: string): string | undefined => new RegExp(`\\b${k}="([^"]*)"`).exec(s)?.[1]?.replace(/&amp;/g, '&');

export function plainOsmFromXml(xml: string): PlainOsm {
  const out: PlainOsm = { nodes: [], ways: [], relations: [] };
  const elements = xml.match(/<(node|way|relation)\b[^>]*?(\/>|>[\s\S]*?<\/\1>)/g) ?? [];
  for (const el of elements) {
    const head = el.slice(0, el.indexOf('>'));
    const id = Number(attr(head, 'id'));
    const tags = [...el.matchAll(/<tag k="([^"]*)" v="([^"]*)"\/>/g)].map((m) => [m[1], m[2].replace(/&amp;/g, '&')] as [string, string]);
    if (el.startsWith('<node')) out.nodes.push({ id, lat: Number(attr(head, 'lat')), lon: Number(attr(head, 'lon')), tags });
    else if (el.startsWith('<way')) out.ways.push({ id, refs: [...el.matchAll(/<nd ref="(\d+)"\/>/g)].map((m) => Number(m[1])), tags });
    else {
      const members = [...el.matchAll(/<member type="(node|way|relation)" ref="(\d+)" role="([^"]*)"\/>/g)].map((m) => ({ type: m[1] as 'node' | 'way' | 'relation', ref: Number(m[2]), role: m[3] }));
      out.relations.push({ id, members, tags });
    }
  }
  return out;
}
