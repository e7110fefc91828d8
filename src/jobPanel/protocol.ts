// The messages exchanged by the restore-job panel's host (extension) and its webview script.
// Both sides import this file, so it must stay free of `vscode` and of Node and DOM APIs.
// Shape of the exchange: the webview posts `ready` once its script runs; the host answers with the current state
// (job, download progress), and from then on pushes updates. Requests that expect an answer carry a
// `requestId`, echoed by the host's `reply`.
import type { JobRef } from '../core/jobRef';
import { isRecord } from '../opsManager/common/json';

/** What the webview saves with `setState`, and what the serializer gets back after a window reload. */
export interface PanelState {
  ref: JobRef;
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

export type WebviewMessage = ReadyMessage | RefreshMessage | DownloadMessage | CopyMessage | FixMessage;

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

export interface DownloadProgress {
  /** Bytes written so far. */
  received: number;
  /** Total bytes, when the server sent a length. */
  total?: number;
  percent?: number;
  bytesPerSecond?: number;
  etaSeconds?: number;
}

export interface DownloadProgressMessage {
  type: 'downloadProgress';
  progress: DownloadProgress;
  /** The same progress as a sentence, formatted and localised by the host. */
  text: string;
}

export type DownloadStateKind = 'running' | 'verified' | 'unverified' | 'failed' | 'cancelled';

export interface DownloadState {
  state: DownloadStateKind;
  /** What happened, for the person: the file path, the reason of a failure. */
  message?: string;
}

export interface DownloadStateMessage {
  type: 'downloadState';
  state: DownloadStateKind;
  message?: string;
}

export interface ReplyMessage {
  type: 'reply';
  requestId: number;
  ok: boolean;
  message?: string;
}

export type HostMessage =
  JobMessage | LoadingMessage | ErrorMessage | DownloadProgressMessage | DownloadStateMessage | ReplyMessage;

// ---- checks (messages cross a trust boundary: never cast) -----------------------------------------------------

function optionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

function optionalRequestId(value: unknown): boolean {
  return value === undefined || (typeof value === 'number' && Number.isSafeInteger(value));
}

/** A JobRef rebuilt from unknown input (saved webview state, command arguments), or undefined. */
export function parseJobRef(value: unknown): JobRef | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  const { server, groupId, clusterId, hostId, jobId } = value;
  if (typeof server !== 'string' || server === '' || typeof groupId !== 'string' || typeof jobId !== 'string') {
    return undefined;
  }
  if (!optionalString(clusterId) || !optionalString(hostId)) {
    return undefined;
  }
  if (typeof clusterId !== 'string' && typeof hostId !== 'string') {
    return undefined;
  }
  const ref: JobRef = { server, groupId, jobId };
  if (typeof clusterId === 'string') {
    ref.clusterId = clusterId;
  }
  if (typeof hostId === 'string') {
    ref.hostId = hostId;
  }
  return ref;
}

export function parsePanelState(value: unknown): PanelState | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  const ref = parseJobRef(value.ref);
  return ref ? { ref } : undefined;
}

/** Validates a message from the webview; anything malformed is dropped by the host. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'download':
      return { type: 'download' };
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
    default:
      return undefined;
  }
}

const HOST_MESSAGE_TYPES: ReadonlySet<string> = new Set([
  'job',
  'loading',
  'error',
  'downloadProgress',
  'downloadState',
  'reply',
]);

/** A light check on the webview side: the host is trusted, but a stray message must not throw. */
export function isHostMessage(value: unknown): value is HostMessage {
  return isRecord(value) && typeof value.type === 'string' && HOST_MESSAGE_TYPES.has(value.type);
}
