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
  /** The saved file, once a download is verified or unverified: the panel offers Reveal, Open Folder, Copy Path. */
  path?: string;
  /** What happened, for the person: the file path, the reason of a failure. */
  message?: string;
}

/** What the panel's "Saved to …" line offers for the saved file. */
export type SavedFileAction = 'reveal' | 'openFolder' | 'copyPath';
