import { useLayoutEffect, useReducer } from 'preact/hooks';

/**
 * Re-render whenever a store with a `subscribe(listener)` method says it changed. Subscribed in a layout effect, which
 * runs in the same task as the render: a plain effect runs after the browser has painted, and a change in between (a
 * join answered that fast) would reach no listener, leaving the view on what it rendered first ("Henter …") for good.
 */
export function useStore(store: { subscribe(listener: () => void): () => void } | null | undefined): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useLayoutEffect(() => (store ? store.subscribe(() => bump(undefined)) : undefined), [store]);
}
