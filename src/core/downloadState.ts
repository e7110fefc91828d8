// A download as the panel and the progress notification show it. Types only: the webview script shares them.

export interface DownloadProgress {
  /** Bytes written so far. */
  received: number;
  /** Total bytes, when the server sent a length. */
  total?: number;
  percent?: number;
  bytesPerSecond?: number;
  etaSeconds?: number;
}

export type DownloadStateKind = 'running' | 'verified' | 'unverified' | 'failed' | 'cancelled';

export interface DownloadState {
  state: DownloadStateKind;
  /** What happened, for the person: the file path, the reason of a failure. */
  message?: string;
}
