// The in-memory OpenStreetMap model both parsers (XML and PBF) produce: node coordinates by id,
// tagged nodes, ways (node refs) and relations (members). Layer builders read only this model,
// so the two file formats give identical layers for identical data.
import type { Position } from '../../engine/types';

export type Tags = Record<string, string>;
export type OsmType = 'node' | 'way' | 'relation';

export interface OsmNode {
  id: number;
  lon: number;
  lat: number;
  tags: Tags;
}

export interface OsmWay {
  id: number;
  refs: number[];
  tags: Tags;
}

export interface OsmMember {
  type: OsmType;
  ref: number;
  role: string;
}

export interface OsmRelation {
  id: number;
  members: OsmMember[];
  tags: Tags;
}

export interface OsmModel {
  /** Number of nodes read (tagged or not). */
  nodeCount: number;
  /** Nodes that carry at least one tag. */
  taggedNodes: OsmNode[];
  ways: OsmWay[];
  relations: OsmRelation[];
  /** Coordinates of any node read, or undefined when the file does not hold it (extract edge). */
  coord(id: number): Position | undefined;
  hasNode(id: number): boolean;
}

/** Collects elements while a parser runs; `finish()` returns the read-only model. */
export class OsmModelBuilder {
  private index = new Map<number, number>();
  private lon = new Float64Array(1 << 12);
  private lat = new Float64Array(1 << 12);
  private n = 0;
  private taggedNodes: OsmNode[] = [];
  private ways: OsmWay[] = [];
  private relations: OsmRelation[] = [];

  addNode(id: number, lon: number, lat: number, tags: Tags | null): void {
    if (this.n === this.lon.length) {
      const lon = new Float64Array(this.n * 2);
      const lat = new Float64Array(this.n * 2);
      lon.set(this.lon);
      lat.set(this.lat);
      this.lon = lon;
      this.lat = lat;
    }
    this.index.set(id, this.n);
    this.lon[this.n] = lon;
    this.lat[this.n] = lat;
    this.n++;
    if (tags && hasAnyKey(tags)) this.taggedNodes.push({ id, lon, lat, tags });
  }

  addWay(id: number, refs: number[], tags: Tags): void {
    this.ways.push({ id, refs, tags });
  }

  addRelation(id: number, members: OsmMember[], tags: Tags): void {
    this.relations.push({ id, members, tags });
  }

  finish(): OsmModel {
    const { index, lon, lat, taggedNodes, ways, relations } = this;
    return {
      nodeCount: this.n,
      taggedNodes,
      ways,
      relations,
      coord(id) {
        const i = index.get(id);
        return i === undefined ? undefined : [lon[i], lat[i]];
      },
      hasNode: (id) => index.has(id),
    };
  }
}

function hasAnyKey(o: object): boolean {
  for (const _k in o) return true;
  return false;
}

export const osmId = (type: OsmType, id: number): string => `osm:${type}/${id}`;
