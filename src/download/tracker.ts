// One download per job at a time; several jobs at once are fine. Running downloads are cancelled when the
// extension is deactivated, so no temporary file outlives the window.
import type * as vscode from 'vscode';
import { type JobRef, jobRefKey } from '../core';

export interface RunningDownload {
  ref: JobRef;
  /** Set once the destination is known. */
  destination?: string;
  abort: AbortController;
}

export class DownloadTracker implements vscode.Disposable {
  private readonly running = new Map<string, RunningDownload>();

  /** The download already running for this job, if any. */
  get(ref: JobRef): RunningDownload | undefined {
    return this.running.get(jobRefKey(ref));
  }

  /** Claims the job; undefined when it is already being downloaded. */
  start(ref: JobRef): RunningDownload | undefined {
    const key = jobRefKey(ref);
    if (this.running.has(key)) {
      return undefined;
    }
    const entry: RunningDownload = { ref, abort: new AbortController() };
    this.running.set(key, entry);
    return entry;
  }

  finish(entry: RunningDownload): void {
    const key = jobRefKey(entry.ref);
    if (this.running.get(key) === entry) {
      this.running.delete(key);
    }
  }

  dispose(): void {
    for (const entry of this.running.values()) {
      entry.abort.abort();
    }
    this.running.clear();
  }
}
