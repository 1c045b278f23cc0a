// @vitest-environment happy-dom
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { useStore } from '../src/hooks';

/** A store like the sessions: a value, and listeners told when it changes. */
class Store {
  value = 'Henter …';
  private readonly listeners = new Set<() => void>();
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(value: string): void {
    this.value = value;
    for (const l of [...this.listeners]) l();
  }
}

function View({ store }: { store: Store }) {
  useStore(store);
  return <p>{store.value}</p>;
}

const rendered = () => new Promise((r) => setTimeout(r, 50));

describe('useStore', () => {
  it('shows a change that comes right after the first render, before the browser has painted', async () => {
    const store = new Store();
    const root = document.createElement('div');
    render(<View store={store} />, root);
    // A join answered this fast: the change comes before an effect run after painting would have subscribed.
    await Promise.resolve();
    store.set('3 saker');
    await rendered();
    expect(root.textContent).toBe('3 saker');
  });

  it('follows later changes and stops listening when the view goes', async () => {
    const store = new Store();
    const root = document.createElement('div');
    render(<View store={store} />, root);
    store.set('1 sak');
    await rendered();
    expect(root.textContent).toBe('1 sak');
    render(null, root);
    store.set('2 saker');
    await rendered();
    expect(root.textContent).toBe('');
  });
});
