import { useEffect, useReducer } from 'preact/hooks';

/** Re-render whenever a store with a `subscribe(listener)` method says it changed. */
export function useStore(store: { subscribe(listener: () => void): () => void } | null | undefined): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => (store ? store.subscribe(() => bump(undefined)) : undefined), [store]);
}
