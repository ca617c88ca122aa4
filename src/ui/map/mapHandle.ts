// The workspace's main MapLibre map, for the parts that read it outside React's tree (the PNG
// export, the presentation editor's "current view"). A DOM object, not app state: it stays out of
// the store. Set by the map region when the map is created and cleared when it goes.
import type { Map as MlMap } from 'maplibre-gl';

let current: MlMap | null = null;

export function setMainMap(map: MlMap | null): void {
  current = map;
}

export function mainMap(): MlMap | null {
  return current;
}
