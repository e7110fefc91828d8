// The messages exchanged by the restore-job panel's host (extension) and its webview script.
// Both sides import this file, so it must stay free of `vscode` and of Node and DOM APIs.
// Shape of the exchange: the webview posts `ready` once its script runs; the host answers with the current state
// (job, download progress), and from then on pushes updates. Requests that expect an answer carry a
// `requestId`, echoed by the host's `reply`.
import type { DownloadProgress, DownloadStateKind, SavedFileAction } from '../core/downloadState';
import { parseJobRef, type JobRef } from '../core/jobRef';

export type { DownloadProgress, DownloadState, DownloadStateKind, SavedFileAction } from '../core/downloadState';
export type { JobRef } from '../core/jobRef';
import { isRecord } from '../opsManager/common';

/** What the webview saves with `setState`, and what the serializer gets back after a window reload. */
export interface PanelState {
  ref: JobRef;
  /** The panel was the preview panel (not kept open yet): it comes back as the preview after a reload. */
  preview?: boolean;
}

// ---- webview → host ------------------------------------------------------------------------------------------

export interface ReadyMessage {
  type: 'ready';
}
export interface RefreshMessage {
  type: 'refresh';
  requestId?: number;
}
export interface DownloadMessage {
  type: 'download';
}
/** "Download Sharded Restore…" from a part of a batch. */
export interface DownloadBatchMessage {
  type: 'downloadBatch';
}

/** The panel's own Cancel button for the running download of its job. */
export interface CancelDownloadMessage {
  type: 'cancelDownload';
}
export interface CopyMessage {
  type: 'copy';
  requestId?: number;
  text: string;
  /** What is being copied, for the status bar message ("Job ID", "Download URL"). */
  label: string;
}

/** A fix the error banner offers with a button (today: a refused or missing API key). */
export type BannerFix = 'setApiKey';

/** The banner's fix button was clicked. */
export interface FixMessage {
  type: 'fix';
  fix: BannerFix;
}

/** Reveal, open the folder of, or copy the path of the file the last download saved (the host knows which). */
export interface SavedFileMessage {
  type: 'savedFile';
  action: SavedFileAction;
}

/** The Archive section's Extract button. */
export interface ExtractMessage {
  type: 'extract';
}
/** The Archive section's "Open in Terminal": types the mongod command the host knows, without running it. */
export interface OpenTerminalMessage {
  type: 'openTerminal';
}

/** The preview panel's "Keep Open": pin it, so that the next job opened from the tree gets a panel of its own. */
export interface KeepOpenMessage {
  type: 'keepOpen';
}

export type WebviewMessage =
  | KeepOpenMessage
  | ReadyMessage
  | RefreshMessage
  | DownloadMessage
  | DownloadBatchMessage
  | CancelDownloadMessage
  | CopyMessage
  | SavedFileMessage
  | ExtractMessage
  | OpenTerminalMessage
  | FixMessage;

// ---- host → webview ------------------------------------------------------------------------------------------

/** The parts of a job the webview script needs beyond the rendered HTML. */
export interface JobSnapshot {
  id: string;
  statusName?: string;
  deliveryStatusName?: string;
  downloadable: boolean;
}

export interface JobMessage {
  type: 'job';
  ref: JobRef;
  /** Header with the title, badges and the Download/Refresh toolbar; every server value already escaped. */
  headerHtml: string;
  /** The field sections; every server value already escaped. */
  bodyHtml: string;
  job: JobSnapshot;
}

export interface LoadingMessage {
  type: 'loading';
  loading: boolean;
}

export interface ErrorMessage {
  type: 'error';
  /** Undefined clears the banner. */
  message?: string;
  /** Shows the banner's button for this fix. */
  fix?: BannerFix;
}

export interface DownloadProgressMessage {
  type: 'downloadProgress';
  progress: DownloadProgress;
  /** The same progress as a sentence, formatted and localised by the host. */
  text: string;
  /** Said once to screen readers ("Download 50% done."): set only when a quarter is passed. */
  announcement?: string;
}

export interface DownloadStateMessage {
  type: 'downloadState';
  state: DownloadStateKind;
  message?: string;
  /** A file was saved: show its Reveal, Open Folder and Copy Path actions. */
  saved?: boolean;
  /** Said once to screen readers: the start and the end; absent when the state is only re-sent. */
  announcement?: string;
}

export interface ReplyMessage {
  type: 'reply';
  requestId: number;
  ok: boolean;
  message?: string;
}

/** The Archive section, rendered by the host (every archive value escaped). */
export interface ArchiveMessage {
  type: 'archive';
  html: string;
}

/** The panel was pinned: the script removes the preview bar (its "Keep Open" button). */
export interface PinnedMessage {
  type: 'pinned';
  /** Said once to screen readers when the person pinned it from the panel. */
  announcement?: string;
}

export type HostMessage =
  | PinnedMessage
  | JobMessage
  | LoadingMessage
  | ErrorMessage
  | DownloadProgressMessage
  | DownloadStateMessage
  | ReplyMessage
  | ArchiveMessage;

// ---- checks (messages cross a trust boundary: never cast) -----------------------------------------------------

function optionalRequestId(value: unknown): boolean {
  return value === undefined || (typeof value === 'number' && Number.isSafeInteger(value));
}

export function parsePanelState(value: unknown): PanelState | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  const ref = parseJobRef(value.ref);
  if (!ref) return undefined;
  return value.preview === true ? { ref, preview: true } : { ref };
}

/** Validates a message from the webview; anything malformed is dropped by the host. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'keepOpen':
      return { type: 'keepOpen' };
    case 'download':
      return { type: 'download' };
    case 'extract':
      return { type: 'extract' };
    case 'openTerminal':
      return { type: 'openTerminal' };
    case 'downloadBatch':
      return { type: 'downloadBatch' };
    case 'cancelDownload':
      return { type: 'cancelDownload' };
    case 'fix':
      return value.fix === 'setApiKey' ? { type: 'fix', fix: value.fix } : undefined;
    case 'refresh':
      if (!optionalRequestId(value.requestId)) {
        return undefined;
      }
      return typeof value.requestId === 'number'
        ? { type: 'refresh', requestId: value.requestId }
        : { type: 'refresh' };
    case 'copy': {
      const { text, label, requestId } = value;
      if (typeof text !== 'string' || typeof label !== 'string' || !optionalRequestId(requestId)) {
        return undefined;
      }
      return typeof requestId === 'number' ? { type: 'copy', text, label, requestId } : { type: 'copy', text, label };
    }
    case 'savedFile':
      return value.action === 'reveal' || value.action === 'openFolder' || value.action === 'copyPath'
        ? { type: 'savedFile', action: value.action }
        : undefined;
    default:
      return undefined;
  }
}

const HOST_MESSAGE_TYPES: ReadonlySet<string> = new Set([
  'pinned',
  'job',
  'loading',
  'error',
  'downloadProgress',
  'downloadState',
  'reply',
  'archive',
]);

/** A light check on the webview side: the host is trusted, but a stray message must not throw. */
export function isHostMessage(value: unknown): value is HostMessage {
  return isRecord(value) && typeof value.type === 'string' && HOST_MESSAGE_TYPES.has(value.type);
}
