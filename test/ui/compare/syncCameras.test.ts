// One camera for the comparison's two maps: a move of either is copied to the other, the copy's
// own move event is not copied back, and unlinking stops it. Fake maps stand in for MapLibre's.
import { describe, expect, it } from 'vitest';
import type { Map as MlMap } from 'maplibre-gl';
import { syncCameras } from '../../../src/ui/compare/syncCameras';

interface Camera { center: [number, number]; zoom: number; bearing: number; pitch: number }

function fakeMap(camera: Camera) {
  const handlers = new Set<() => void>();
  let jumps = 0;
  const map = {
    camera,
    get jumps() { return jumps; },
    on: (e: string, f: () => void) => { if (e === 'move') handlers.add(f); },
    off: (e: string, f: () => void) => { if (e === 'move') handlers.delete(f); },
    getCenter: () => ({ lng: map.camera.center[0], lat: map.camera.center[1] }),
    getZoom: () => map.camera.zoom,
    getBearing: () => map.camera.bearing,
    getPitch: () => map.camera.pitch,
    /** What MapLibre does: set the camera, then fire "move". */
    jumpTo: (o: { center: { lng: number; lat: number }; zoom: number; bearing: number; pitch: number }) => {
      jumps++;
      map.camera = { center: [o.center.lng, o.center.lat], zoom: o.zoom, bearing: o.bearing, pitch: o.pitch };
      for (const f of [...handlers]) f();
    },
    /** The user pans: the camera changes and "move" fires. */
    pan: (c: Camera) => { map.camera = c; for (const f of [...handlers]) f(); },
  };
  return map;
}

describe('syncCameras', () => {
  it('B takes A’s camera at once; then either map’s move is copied to the other, once', () => {
    const a = fakeMap({ center: [118.78, 32.04], zoom: 13, bearing: 0, pitch: 0 });
    const b = fakeMap({ center: [0, 0], zoom: 2, bearing: 10, pitch: 5 });
    const unlink = syncCameras(a as unknown as MlMap, b as unknown as MlMap);
    expect(b.camera).toEqual(a.camera);
    a.pan({ center: [118.8, 32.05], zoom: 15, bearing: 0, pitch: 0 });
    expect(b.camera).toEqual({ center: [118.8, 32.05], zoom: 15, bearing: 0, pitch: 0 });
    b.pan({ center: [118.7, 32.0], zoom: 14.5, bearing: 20, pitch: 0 });
    expect(a.camera).toEqual({ center: [118.7, 32.0], zoom: 14.5, bearing: 20, pitch: 0 });
    // One jump per move: the echo of a jump is not sent back (1 initial + 1 for A's pan on B; 1 on A).
    expect([a.jumps, b.jumps]).toEqual([1, 2]);
    unlink();
    a.pan({ center: [1, 1], zoom: 3, bearing: 0, pitch: 0 });
    expect(b.camera.center).toEqual([118.7, 32.0]);
  });
});
