/** A store views re-render from (`useStore`): listeners told after every change. */
export class Emitter {
  private readonly listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected emit(): void {
    for (const l of [...this.listeners]) l();
  }

  protected clearListeners(): void {
    this.listeners.clear();
  }
}
