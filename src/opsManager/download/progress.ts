// Progress of a download as the caller sees it: bytes, percent, a recent speed and the time left, reported at
// most every few hundred milliseconds. An update that arrives too soon is not lost: the latest count is sent when
// the interval ends, so a transfer that stalls right after a burst still shows how far it got, and a stalled
// transfer keeps being reported so its speed falls instead of freezing at the last value.

export interface DownloadProgress {
  receivedBytes: number;
  /** From Content-Length, when the server sent one. */
  totalBytes?: number;
  /** 0–100, when the total is known. */
  percent?: number;
  /** Recent average over the last few seconds. */
  bytesPerSecond: number;
  /** Time left at the recent speed, when the total is known and data is flowing. */
  etaSeconds?: number;
  elapsedMs: number;
}

const SPEED_WINDOW_MS = 5000;
/** While no data arrives, the display is still refreshed this often so the speed falls and the time left grows. */
const MIN_HEARTBEAT_MS = 1000;

export class ProgressMeter {
  private readonly started = performance.now();
  private lastEmit = -Infinity;
  private latest = 0;
  private timer?: { handle: NodeJS.Timeout; due: number };
  private readonly samples: Array<{ t: number; bytes: number }> = [];

  constructor(
    private readonly total: number | undefined,
    private readonly intervalMs: number,
    private readonly callback: ((progress: DownloadProgress) => void) | undefined,
  ) {}

  update(bytes: number, force: boolean): void {
    if (this.callback === undefined) {
      return;
    }
    this.latest = bytes;
    const now = performance.now();
    if (force || now - this.lastEmit >= this.intervalMs) {
      this.emit(now);
    } else {
      this.arm(this.lastEmit + this.intervalMs - now);
    }
  }

  /** Stops the timer: called when the transfer ends, whichever way. */
  dispose(): void {
    if (this.timer) {
      clearTimeout(this.timer.handle);
      this.timer = undefined;
    }
  }

  /** Makes sure a report goes out within `delayMs` (an earlier one already due is kept). */
  private arm(delayMs: number): void {
    const due = performance.now() + delayMs;
    if (this.timer && this.timer.due <= due) {
      return;
    }
    this.dispose();
    const handle = setTimeout(() => {
      this.timer = undefined;
      this.emit(performance.now());
    }, delayMs);
    handle.unref();
    this.timer = { handle, due };
  }

  private emit(now: number): void {
    const bytes = this.latest;
    this.lastEmit = now;
    this.arm(Math.max(this.intervalMs, MIN_HEARTBEAT_MS));
    this.samples.push({ t: now, bytes });
    while (this.samples.length > 2 && now - this.samples[0].t > SPEED_WINDOW_MS) {
      this.samples.shift();
    }
    const first = this.samples[0];
    const span = (now - first.t) / 1000;
    const elapsed = now - this.started;
    const bytesPerSecond = span > 0.05 ? (bytes - first.bytes) / span : elapsed > 50 ? (bytes * 1000) / elapsed : 0;
    const progress: DownloadProgress = { receivedBytes: bytes, bytesPerSecond, elapsedMs: elapsed };
    if (this.total !== undefined) {
      progress.totalBytes = this.total;
      progress.percent = this.total > 0 ? Math.min(100, (bytes / this.total) * 100) : 100;
      if (bytesPerSecond > 0) {
        progress.etaSeconds = Math.max(0, (this.total - bytes) / bytesPerSecond);
      }
    }
    try {
      this.callback?.(progress);
    } catch {
      // A failing progress display must not break the download.
    }
  }
}
