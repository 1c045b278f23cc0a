/**
 * Whether a live view is current (docs/realtime.md, "Heartbeats"). The server sends every joined case, board or list
 * a push or a heartbeat at least once a second; a heartbeat saying the server lost touch with it, or silence for
 * `staleMs`, makes the view stale. On silence `onSilence` runs (the view joins again from what it holds), and again
 * after every further `staleMs` of silence, until something arrives. Silence counts only once a heartbeat has come:
 * a server without heartbeats is not taken for a silent one.
 */
export class Freshness {
  stale = false;
  private armed = false;
  private lastHeard = Date.now();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly staleMs: number,
    private readonly onSilence: () => void,
    private readonly onChange: () => void,
  ) {}

  /** The view is joined: from now on silence counts. */
  start(): void {
    this.lastHeard = Date.now();
    clearInterval(this.timer);
    this.timer = setInterval(() => this.check(), Math.max(100, Math.floor(this.staleMs / 3)));
  }

  /** The view is not joined (disconnected, stopped): silence means nothing until it is again. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Something arrived: a push, or a heartbeat (`beat`) saying whether the server is in touch with the view (`live`). */
  heard(live = true, beat = false): void {
    this.lastHeard = Date.now();
    this.armed ||= beat;
    this.set(!live);
  }

  private check(): void {
    if (!this.armed || Date.now() - this.lastHeard <= this.staleMs) return;
    this.lastHeard = Date.now();
    this.set(true);
    this.onSilence();
  }

  private set(stale: boolean): void {
    if (stale === this.stale) return;
    this.stale = stale;
    this.onChange();
  }
}
