// One camera for the two maps of the comparison: whenever either map moves (pan, zoom, rotate, by
// the user or by code), the other jumps to the same centre, zoom, bearing and pitch. The echo of
// that jump is ignored, so the two never chase each other.
import type { Map as MlMap } from 'maplibre-gl';

/** Links the cameras of `a` and `b` (b takes a's camera at once); returns the unlink. */
export function syncCameras(a: MlMap, b: MlMap): () => void {
  let following = false;
  const follow = (from: MlMap, to: MlMap) => () => {
    if (following) return;
    following = true;
    to.jumpTo({ center: from.getCenter(), zoom: from.getZoom(), bearing: from.getBearing(), pitch: from.getPitch() });
    following = false;
  };
  const ab = follow(a, b), ba = follow(b, a);
  a.on('move', ab);
  b.on('move', ba);
  ab();
  return () => {
    a.off('move', ab);
    b.off('move', ba);
  };
}
