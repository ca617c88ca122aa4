// XML details the scanner must get right: quoting, spacing, entities, comments, deleted objects.
import { describe, expect, it } from 'vitest';
import { parseOsmXml } from '../../../src/io/osm/xmlParser';

const enc = (s: string) => new TextEncoder().encode(s);

describe('parseOsmXml', () => {
  it('reads single quotes, spaced attributes, entities, comments, open <tag></tag> pairs and skips deleted objects', async () => {
    const m = await parseOsmXml(
      enc(`\uFEFF<?xml version='1.0'?>
<!-- a comment with <node id="99"/> inside -->
<osm version='0.6'>
  <bounds minlat="0" minlon="0" maxlat="1" maxlon="1"></bounds>
  <node id='5' lat = "32.1" lon="118.2"><tag k='name' v='A &amp; B &#x4E2D;&#22269; &lt;x&gt; &quot;q&quot;'></tag></node>
  <node id="6" lat="32.2" lon="118.3" visible="false"/>
  <node id="-7" lat="-1.5" lon="-2.5"/>
  <way id="8"><nd ref="5"/><nd ref="-7"/><tag k="highway" v="footway"/></way>
  <relation id="9"><member type="way" ref="8" role="outer"/><tag k="type" v="multipolygon"/></relation>
</osm>`),
      'quirks.osm',
    );
    expect(m.nodeCount).toBe(2);
    expect(m.taggedNodes).toEqual([{ id: 5, lon: 118.2, lat: 32.1, tags: { name: 'A & B 中国 <x> "q"' } }]);
    expect(m.hasNode(6)).toBe(false);
    expect(m.coord(-7)).toEqual([-2.5, -1.5]);
    expect(m.ways).toEqual([{ id: 8, refs: [5, -7], tags: { highway: 'footway' } }]);
    expect(m.relations).toEqual([{ id: 9, members: [{ type: 'way', ref: 8, role: 'outer' }], tags: { type: 'multipolygon' } }]);
  });
});
