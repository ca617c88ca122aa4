// A minimal store in the style of redux / kepler.gl: one state value, changed only by a pure
// reducer `(state, action) => state`, and listeners told after every change. React components
// subscribe to the slice they show through useSyncExternalStore with a selector, so a change
// re-renders only the components whose selected value changed (compared with Object.is, or a
// given equality). No library: the whole mechanism is these few lines.
import { createContext, createElement, useCallback, useContext, useRef, useSyncExternalStore, type ReactNode } from 'react';

export type Reducer<S, A> = (state: S, action: A) => S;

export interface Store<S, A> {
  getState(): S;
  dispatch(action: A): void;
  /** Called after every dispatch that changed the state; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

export function createStore<S, A>(reducer: Reducer<S, A>, initial: S): Store<S, A> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    dispatch(action) {
      const next = reducer(state, action);
      if (next === state) return;
      state = next;
      for (const l of [...listeners]) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

// ----------------------------------------------------------------------------------------------
// React binding

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const StoreContext = createContext<Store<any, any> | null>(null);

export function StoreProvider<S, A>({ store, children }: { store: Store<S, A>; children?: ReactNode }) {
  return createElement(StoreContext.Provider, { value: store }, children);
}

export function useStore<S, A>(): Store<S, A> {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore: no StoreProvider above this component');
  return store as Store<S, A>;
}

/**
 * The part of the state that `selector` picks, re-rendering only when it changes. The selection is
 * remembered per state value, so a selector may build a new object as long as `equal` says when
 * two are the same.
 */
export function useSelector<S, T>(selector: (state: S) => T, equal: (a: T, b: T) => boolean = Object.is): T {
  const store = useStore<S, unknown>();
  const memo = useRef<{ state: S; selector: (state: S) => T; value: T } | null>(null);
  const pick = useCallback(() => {
    const state = store.getState();
    const m = memo.current;
    if (m && m.state === state && m.selector === selector) return m.value;
    const value = selector(state);
    const kept = m && equal(m.value, value) ? m.value : value;
    memo.current = { state, selector, value: kept };
    return kept;
  }, [store, selector, equal]);
  return useSyncExternalStore(store.subscribe, pick, pick);
}

/** Shallow equality of two plain objects (one level), for selectors that pick several fields. */
export function shallowEqual<T>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) return false;
  const ka = Object.keys(a) as (keyof T)[];
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.is(a[k], b[k]));
}
