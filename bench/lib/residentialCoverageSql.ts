// The SQL an analyst would write in PostGIS for the audit's life-circle coverage on the residential
// basis, households-weighted (audit-cli.md, "Coverage basis: people, not land"): every residential
// footprint's households spread evenly over its area, so a footprint cut by a community boundary
// gives each side its area's part; a community's share for a category = households on the part of
// its residential land within r of the category's facilities ÷ households on its residential land.
// Footprints are weighted each on its own (households add up, so overlapping footprints are not
// merged). A community without residential land inside it is measured over its whole area, as the
// audit falls back to the community-area basis.
//
// Reach is the union of the facilities' buffers (`quadSegs` segments per quarter circle), one per
// community and category, as in the area-basis SQL audit; a piece the union covers is counted whole
// without computing the intersection (ST_Covers, the usual shortcut).
//
// Tables it reads (in one metric SRID): `<p>c (id, geom)` communities, `<p>f (category, geom)`
// facilities, `<p>r (households, geom)` footprints, `<p>circles (category, r)`. It creates
// `<p>pieces`, `<p>totals`, `<p>reach` and `<p>coverage (id, category, share)`; a community and
// category with no facility within r has no row (share 0).

export interface ResidentialCoverageSqlOptions {
  /** Prefix of the table names. */
  prefix: string;
  /** ST_Buffer segments per quarter circle. */
  quadSegs: number;
}

export function residentialCoverageSql({ prefix: p, quadSegs }: ResidentialCoverageSqlOptions): string {
  return [
    `DROP TABLE IF EXISTS ${p}pieces, ${p}totals, ${p}reach, ${p}coverage;`,
    // Each footprint cut by each community it meets, weighted by households per m² of the whole footprint.
    `CREATE TABLE ${p}pieces AS SELECT c.id, r.households / ST_Area(r.geom) AS w, ST_Intersection(c.geom, r.geom) AS geom
       FROM ${p}c c JOIN ${p}r r ON ST_Intersects(c.geom, r.geom) WHERE ST_Area(r.geom) > 0;`,
    `DELETE FROM ${p}pieces WHERE ST_Area(geom) = 0;`,
    `CREATE INDEX ON ${p}pieces (id);`,
    // No residential land inside: the community's own area, weight 1.
    `INSERT INTO ${p}pieces SELECT c.id, 1, c.geom FROM ${p}c c WHERE NOT EXISTS (SELECT 1 FROM ${p}pieces q WHERE q.id = c.id);`,
    `CREATE TABLE ${p}totals AS SELECT id, sum(w * ST_Area(geom)) AS total FROM ${p}pieces GROUP BY id;`,
    `CREATE TABLE ${p}reach AS SELECT c.id, k.category, ST_Union(ST_Buffer(f.geom, k.r, 'quad_segs=${quadSegs}')) AS geom
       FROM ${p}c c CROSS JOIN ${p}circles k JOIN ${p}f f ON f.category = k.category AND ST_DWithin(f.geom, c.geom, k.r)
       GROUP BY c.id, k.category;`,
    `CREATE TABLE ${p}coverage AS SELECT u.id, u.category,
         sum(q.w * CASE WHEN ST_Covers(u.geom, q.geom) THEN ST_Area(q.geom) ELSE ST_Area(ST_Intersection(q.geom, u.geom)) END) / t.total AS share
       FROM ${p}reach u JOIN ${p}pieces q ON q.id = u.id AND ST_Intersects(q.geom, u.geom) JOIN ${p}totals t ON t.id = u.id
       GROUP BY u.id, u.category, t.total;`,
  ].join('\n');
}
