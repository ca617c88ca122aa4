// The walking-network features as one hook for the workspace: it owns the network worker, keeps
// its dataset in step with the project, asks for the selected community's figures in both modes,
// for the selected facility's walking bands, and moves facilities (click the new spot or drag the
// handle): the walking bands at the new spot first, then the move as an edit of the current
// scenario (the engine worker re-audits what it reaches; undo and redo walk the app's one history). It
// reads the current scenario's layers, the preset, mode and selection from the store; the
// workspace renders what it returns: map layers, the side-by-side figures, the facility panel.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Layer } from '@deck.gl/core';
import type { LngLatLike, Map as MlMap, MapMouseEvent } from 'maplibre-gl';
import type { Dataset, DistanceMode, Facility, Position } from '../../engine/types';
import type { ProjectLayers } from '../../planning/project';
import { createNetworkClient, type NetworkClient } from '../../worker/networkClient';
import type { BandsResult, CompareResult, GraphInfo } from '../../planning/whatIf/networkSession';
import { selectCanRedo, selectCanUndo, selectPreset, selectScenarioLayers, type Action, type AppState, type LastChange } from '../state/appState';
import { useSelector, useStore } from '../state/store';
import { networkLayers } from './networkLayers';
import type { FacilityNetworkPanelProps } from './FacilityNetworkPanel';
import { registerNetworkStrings } from './networkStrings';

export interface NetworkWhatIf {
  hasRoads: boolean;
  /** Layers to draw above the communities (bands, networks, circles, handle). */
  layers: Layer[];
  compare: CompareResult | null;
  compareBusy: boolean;
  compareError: string | null;
  /** Props for FacilityNetworkPanel, null when no facility is selected. */
  panel: FacilityNetworkPanelProps | null;
  /** Map click (lon/lat); true when the click was used (placing a moved facility). */
  onMapClick: (position: Position) => boolean;
  /** Gives the hook the MapLibre map (dragging the selected facility). */
  onMap: (map: MlMap | null) => void;
}

interface Timings {
  graph: GraphInfo | null;
  bandsMs: number[];
  bandsRoundTripMs: number[];
  moves: { ms: number; roundTripMs: number; affected: number }[];
}

declare global {
  interface Window {
    __lifecircle?: Record<string, unknown>;
  }
}

const now = () => performance.now();
/**
 * Drawn bands use a 2 m sagitta for their disks (the engine's 1 m serves the audit's shares):
 * under a pixel up to zoom 16, and 0.69x the time of 1 m on the demo district (same run, Node).
 * A whole category (hundreds of sources, seen at district scale) uses 3 m.
 */
const BAND_TOLERANCE_M = 2;
const CATEGORY_TOLERANCE_M = 3;
const errText = (e: unknown) => String((e as Error)?.message ?? e);

/**
 * The re-audit of the next scenario edit, once it reaches the store; null when the edit is
 * refused or the audit fails.
 */
function untilEdited(store: { getState: () => AppState; subscribe: (fn: () => void) => () => void }): Promise<LastChange | null> {
  const before = store.getState();
  return new Promise((resolve) => {
    const off = store.subscribe(() => {
      const s = store.getState();
      const c = s.audit.lastChange;
      if (c && c !== before.audit.lastChange) { off(); resolve(c); }
      else if ((s.scenarios.error && s.scenarios.error !== before.scenarios.error) || (s.audit.error && s.audit.error !== before.audit.error)) { off(); resolve(null); }
    });
  });
}

const selectLastChange = (s: AppState) => s.audit.lastChange;
const selectMode = (s: AppState) => s.ui.mode;
const selectCommunity = (s: AppState) => s.selection.community;
const selectFacility = (s: AppState) => s.selection.facility;

export function useNetworkWhatIf(): NetworkWhatIf {
  registerNetworkStrings();
  const store = useStore<AppState, Action>();
  const { dispatch } = store;
  const layers = useSelector(selectScenarioLayers);
  const canUndo = useSelector(selectCanUndo);
  const canRedo = useSelector(selectCanRedo);
  const preset = useSelector(selectPreset);
  const mode = useSelector(selectMode);
  const selectedCommunity = useSelector(selectCommunity);
  const selectedFacility = useSelector(selectFacility);
  const hasRoads = (layers?.roads.length ?? 0) > 0;
  const effMode: DistanceMode = mode === 'network' && hasRoads ? 'network' : 'euclidean';

  const clientRef = useRef<NetworkClient | null>(null);
  const [ready, setReady] = useState(0);
  const [compare, setCompare] = useState<CompareResult | null>(null);
  const [compareBusy, setCompareBusy] = useState(false);
  const [compareError, setCompareError] = useState<string | null>(null);
  const [bands, setBands] = useState<BandsResult | null>(null);
  const [bandsBusy, setBandsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [showBands, setShowBands] = useState(true);
  const [allOfCategory, setAllOfCategory] = useState(false);
  const [moving, setMoving] = useState(false);
  const [pending, setPending] = useState<Position | null>(null);
  const [lastMove, setLastMove] = useState<LastChange | null>(null);
  const [graph, setGraph] = useState<GraphInfo | null>(null);
  const [moveVersion, setMoveVersion] = useState(0);
  /** The layers the worker's session holds because it made the move itself (no re-send needed). */
  const sessionLayers = useRef<ProjectLayers | null>(null);
  const keepView = useRef<{ layers: ProjectLayers; center: LngLatLike; zoom: number; bearing: number; pitch: number } | null>(null);
  const mapRef = useRef<MlMap | null>(null);
  const reqId = useRef(0);
  const busyMove = useRef(false);
  const timings = useRef<Timings>({ graph: null, bandsMs: [], bandsRoundTripMs: [], moves: [] });
  const live = useRef({ layers, preset, effMode, selectedFacility, moving });
  live.current = { layers, preset, effMode, selectedFacility, moving };

  const publish = useCallback(() => {
    window.__lifecircle = { ...(window.__lifecircle ?? {}), network: { ...timings.current } };
  }, []);

  // Measurement and test hooks: bands timings for given facilities (worker time and round trip),
  // and the selected facility's position as the project holds it.
  useEffect(() => {
    window.__lifecircle = {
      ...(window.__lifecircle ?? {}),
      measureBands: async (indices: number[]) => {
        const client = clientRef.current;
        const ps = live.current.preset;
        if (!client || !ps) return null;
        const out: { index: number; ms: number; roundTripMs: number }[] = [];
        for (const index of indices) {
          const t0 = now();
          const b = await client.bands(++reqId.current, ps, { facility: index }, { tolerance_m: BAND_TOLERANCE_M });
          if (b) out.push({ index, ms: b.ms, roundTripMs: now() - t0 });
        }
        return out;
      },
    };
  }, []);

  // The worker, started on first need (a selection or walking mode), so that nothing competes
  // with the app's start-up and first audit; then kept.
  const [active, setActive] = useState(false);
  const [clientVersion, setClientVersion] = useState(0);
  const wanted = selectedCommunity !== null || selectedFacility !== null || mode === 'network';
  useEffect(() => { if (wanted) setActive(true); }, [wanted]);
  useEffect(() => {
    if (!active) return;
    const c = createNetworkClient();
    clientRef.current = c.network;
    setClientVersion((v) => v + 1);
    return () => { c.terminate(); clientRef.current = null; };
  }, [active]);

  // The current scenario's data to the worker on every change (a new worker always gets it). A
  // facility edit keeps the roads, so the road graph and its timings stay, and sends only the
  // facilities (the whole dataset with its roads would be cloned again for each edit); other data
  // starts afresh.
  const sentTo = useRef<NetworkClient | null>(null);
  useEffect(() => {
    const client = clientRef.current;
    if (!client || !layers) return;
    if (sentTo.current === client && sessionLayers.current === layers) return;
    const prev = sentTo.current === client ? sessionLayers.current : null;
    const sameRoads = !!prev && prev.roads === layers.roads;
    const facilitiesOnly = !!prev && sameRoads && prev.communities === layers.communities && prev.green === layers.green && prev.residential === layers.residential;
    sentTo.current = client;
    sessionLayers.current = layers;
    const data: Dataset = { communities: layers.communities, facilities: layers.facilities, green: layers.green, roads: layers.roads, ...(layers.residential?.length ? { residential: layers.residential } : {}) };
    setCompare(null);
    if (!sameRoads) {
      setBands(null);
      setLastMove(null);
      setGraph(null);
      // The measurement hook must not go on reporting the previous data's graph either.
      timings.current.graph = null;
      publish();
    }
    const sent = facilitiesOnly
      ? client.setFacilities(layers.facilities).then((held) => (held ? undefined : client.setDataset(data)))
      : client.setDataset(data);
    void sent.then(() => setReady((v) => v + 1)).catch((e: unknown) => setError(errText(e)));
  }, [layers, clientVersion, publish]);

  // The road graph, built once per roads layer in the worker (its build time is reported), when
  // first needed: a facility selected or walking mode (nothing competes with the app's start-up).
  const needGraph = selectedFacility !== null || mode === 'network';
  useEffect(() => {
    const client = clientRef.current;
    if (!client || !ready || !preset || !hasRoads || !needGraph) return;
    let alive = true;
    client.graphInfo(preset).then((g) => {
      if (!alive) return;
      setGraph(g);
      timings.current.graph = g;
      publish();
    }).catch((e: unknown) => setError(errText(e)));
    return () => { alive = false; };
    // The graph depends on the roads only; the preset just lends its projection-bearing context.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, hasRoads, needGraph]);

  // Both modes' figures for the selected community.
  useEffect(() => {
    const client = clientRef.current;
    if (!client || !ready || !preset || selectedCommunity === null) { setCompare(null); setCompareBusy(false); return; }
    const id = ++reqId.current;
    let alive = true;
    setCompareBusy(true);
    setCompareError(null);
    client.compare(id, preset, selectedCommunity).then((c) => {
      if (!alive || !c) return;
      setCompare(c);
      setCompareBusy(false);
    }).catch((e: unknown) => { if (alive) { setCompareBusy(false); setCompareError(errText(e)); } });
    return () => { alive = false; };
  }, [ready, preset, selectedCommunity, moveVersion]);
  // A compare result for another community is not shown.
  const shownCompare = compare && compare.index === selectedCommunity ? compare : null;

  // Walking bands of the selected facility (or its whole category).
  const facility = selectedFacility !== null ? layers?.facilities[selectedFacility] ?? null : null;
  const category = facility?.category ?? null;
  useEffect(() => {
    window.__lifecircle = { ...(window.__lifecircle ?? {}), networkSelected: facility ? { id: facility.id, position: facility.position } : null };
  });
  /** What the bands shown were computed for: a new dataset that leaves the facility, its category's facilities and the roads as they were (another facility's edit) keeps them. */
  const bandsFor = useRef<{ client: NetworkClient; facility: Facility; category: readonly Facility[] | null; roads: unknown; preset: unknown } | null>(null);
  useEffect(() => {
    const client = clientRef.current;
    if (!client || !ready || !preset || selectedFacility === null || !showBands || !hasRoads || !facility) { bandsFor.current = null; setBands(null); setBandsBusy(false); return; }
    const l = live.current.layers;
    const sameCategory = (a: readonly Facility[] | null, b: readonly Facility[] | null) => a === b || (!!a && !!b && a.length === b.length && a.every((f, i) => f === b[i]));
    const want = { client, facility, category: allOfCategory && l ? l.facilities.filter((f) => f.category === facility.category) : null, roads: l?.roads, preset };
    const had = bandsFor.current;
    if (had && had.client === want.client && had.facility === want.facility && had.roads === want.roads && had.preset === want.preset && sameCategory(had.category, want.category)) return;
    bandsFor.current = want;
    const id = ++reqId.current;
    let alive = true;
    let answered = false;
    setBandsBusy(true);
    setError(null);
    const t0 = now();
    const target = allOfCategory && category ? { category } : { facility: selectedFacility };
    client.bands(id, preset, target, { tolerance_m: 'category' in target ? CATEGORY_TOLERANCE_M : BAND_TOLERANCE_M }).then((b) => {
      if (!alive || !b) return;
      answered = true;
      setBands(b);
      setBandsBusy(false);
      if ('facility' in b.target) {
        timings.current.bandsMs.push(b.ms);
        timings.current.bandsRoundTripMs.push(now() - t0);
        publish();
        // Remember the communities around it, so that a move re-computes only what it changes.
        void client.warm(preset, live.current.effMode, selectedFacility).catch(() => undefined);
      }
    }).catch((e: unknown) => { if (alive) { setBandsBusy(false); setError(errText(e)); } });
    // A request overtaken before its answer leaves nothing computed: the next run asks again.
    return () => { alive = false; if (!answered && bandsFor.current === want) bandsFor.current = null; };
  }, [ready, preset, selectedFacility, showBands, allOfCategory, category, hasRoads, publish, facility]);

  // Leaving the facility cancels a move in progress.
  useEffect(() => { setMoving(false); setPending(null); }, [selectedFacility]);

  /** Moves facility `index` to `to`: bands first (shown at once), then the move as a scenario edit and its re-audit. */
  const performMove = useCallback(async (index: number, to: Position) => {
    const client = clientRef.current;
    const { layers: l, preset: ps } = live.current;
    const f = l?.facilities[index];
    if (!client || !f || !ps || busyMove.current) return;
    busyMove.current = true;
    setMoving(false);
    setPending(to);
    setError(null);
    try {
      // Walking mode shows the bands at the new spot first; in straight-line mode the figures
      // come first (the bands follow the edit like any change of the data).
      if (live.current.selectedFacility === index && hasRoads && live.current.effMode === 'network') {
        const t0 = now();
        const b = await client.bands(++reqId.current, ps, { facility: index, position: to }, { tolerance_m: BAND_TOLERANCE_M });
        if (b) {
          setBands(b);
          timings.current.bandsMs.push(b.ms);
          timings.current.bandsRoundTripMs.push(now() - t0);
        }
      }
      const t1 = now();
      const done = untilEdited(store);
      dispatch({ type: 'scenario/edited', edit: { type: 'moveFacility', id: f.id, position: [to[0], to[1]] } });
      const r = await done;
      if (r) {
        timings.current.moves.push({ ms: r.ms, roundTripMs: now() - t1, affected: r.affected });
        publish();
        setLastMove(r);
        setMoveVersion((v) => v + 1);
      }
    } catch (e) {
      setError(errText(e));
    } finally {
      setPending(null);
      busyMove.current = false;
    }
  }, [hasRoads, publish, dispatch, store]);

  const moveSelectedTo = useCallback((to: Position) => {
    const i = live.current.selectedFacility;
    if (i !== null) void performMove(i, to);
  }, [performMove]);

  const onMapClick = useCallback((position: Position): boolean => {
    if (!live.current.moving) return false;
    moveSelectedTo(position);
    return true;
  }, [moveSelectedTo]);

  // Undo and redo walk the app's one history (every edit, not only moves).
  const undo = useCallback(() => dispatch({ type: 'history/undone' }), [dispatch]);
  const redo = useCallback(() => dispatch({ type: 'history/redone' }), [dispatch]);
  // A change of the scenario's edits (undo, redo, another panel) shows its re-audit here too.
  const lastChange = useSelector(selectLastChange);
  useEffect(() => { if (lastChange) { setLastMove(lastChange); setMoveVersion((v) => v + 1); } }, [lastChange]);

  // Esc cancels a move in progress (before the workspace clears the selection).
  useEffect(() => {
    if (!moving) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') { e.stopImmediatePropagation(); setMoving(false); setPending(null); }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [moving]);

  // A move changes the layers, on which the map re-fits to the data: put the view back (this
  // effect runs after the map's own, in the same commit).
  useEffect(() => {
    const k = keepView.current;
    const map = mapRef.current;
    if (!k || !map || k.layers !== layers) return;
    keepView.current = null;
    map.jumpTo({ center: k.center, zoom: k.zoom, bearing: k.bearing, pitch: k.pitch });
  }, [layers]);

  // Dragging the selected facility: a press within 12 px of it starts a drag (the map stops
  // panning), the handle follows the pointer and the bands follow it live (one request in flight,
  // then the latest position), the release performs the move.
  const [mapVersion, setMapVersion] = useState(0);
  const onMap = useCallback((map: MlMap | null) => { mapRef.current = map; setMapVersion((v) => v + 1); }, []);
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    let dragging = false;
    let last: Position | null = null;
    let inFlight = false;
    let sent: Position | null = null;
    const preview = () => {
      const client = clientRef.current;
      const { preset: ps, selectedFacility: i, layers: l } = live.current;
      if (!client || !ps || i === null || !dragging || inFlight || !last || last === sent || !l?.roads.length) return;
      inFlight = true;
      sent = last;
      const t0 = now();
      client.bands(++reqId.current, ps, { facility: i, position: sent }, { tolerance_m: BAND_TOLERANCE_M })
        .then((b) => {
          if (b && dragging) {
            setBands(b);
            timings.current.bandsMs.push(b.ms);
            timings.current.bandsRoundTripMs.push(now() - t0);
          }
        })
        .catch(() => undefined)
        .finally(() => { inFlight = false; preview(); });
    };
    const down = (e: MapMouseEvent) => {
      const { layers: l, selectedFacility: i } = live.current;
      const f = i !== null ? l?.facilities[i] : undefined;
      if (!f || busyMove.current) return;
      const at = map.project(f.position as [number, number]);
      if (Math.hypot(at.x - e.point.x, at.y - e.point.y) > 12) return;
      e.preventDefault();
      dragging = true;
      last = null;
      sent = null;
      map.dragPan.disable();
    };
    const move = (e: MapMouseEvent) => {
      if (!dragging) return;
      last = [e.lngLat.lng, e.lngLat.lat];
      setPending(last);
      preview();
    };
    const up = () => {
      if (!dragging) return;
      dragging = false;
      map.dragPan.enable();
      if (last) moveSelectedTo(last);
      else setPending(null);
    };
    map.on('mousedown', down);
    map.on('mousemove', move);
    map.on('mouseup', up);
    return () => { map.off('mousedown', down); map.off('mousemove', move); map.off('mouseup', up); };
  }, [mapVersion, moveSelectedTo]);

  const handle: Position | null = pending ?? facility?.position ?? null;
  const deckLayers = useMemo(() => (selectedFacility === null ? [] : networkLayers({ bands: showBands ? bands : null, handle, circles: !allOfCategory })), [selectedFacility, showBands, bands, handle, allOfCategory]);

  const categoryCount = useMemo(() => (category && layers ? layers.facilities.filter((f) => f.category === category).length : 0), [category, layers]);

  const panel: FacilityNetworkPanelProps | null = facility && preset ? {
    facility,
    preset,
    bands,
    busy: bandsBusy,
    error,
    showBands,
    allOfCategory,
    categoryCount,
    moving,
    canUndo,
    canRedo,
    graph,
    lastMove: lastMove ? { affected: lastMove.affected, ms: lastMove.ms } : null,
    onShowBands: setShowBands,
    onAllOfCategory: setAllOfCategory,
    onMove: () => setMoving(true),
    onCancelMove: () => { setMoving(false); setPending(null); },
    onUndo: undo,
    onRedo: redo,
    onClose: () => dispatch({ type: 'selection/facility', index: null }),
  } : null;

  return { hasRoads, layers: deckLayers, compare: shownCompare, compareBusy, compareError, panel, onMapClick, onMap };
}
