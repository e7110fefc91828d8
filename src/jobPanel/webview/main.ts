// The restore-job panel's script, running inside the webview (bundled to dist/webview.js). It owns no data: the
// host renders and escapes the HTML and pushes it here; this script swaps it in, turns clicks into messages,
// keeps relative times current and shows download progress.

import type { JobRef } from '../../core/jobRef';
import { relativeTime } from '../format';
import {
  isHostMessage,
  parsePanelState,
  type BannerFix,
  type DownloadStateKind,
  type HostMessage,
  type PanelState,
  type WebviewMessage,
} from '../protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: PanelState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const locale = document.body.dataset.locale || undefined;
/** Replies to requests, by id. */
const pending = new Map<number, (ok: boolean, message?: string) => void>();
let nextRequestId = 1;
let downloadRunning = false;

function byId(id: string): HTMLElement | undefined;
function byId<T extends HTMLElement>(id: string, type: { new (): T; prototype: T }): T | undefined;
function byId(
  id: string,
  type: { new (): HTMLElement; prototype: HTMLElement } = HTMLElement,
): HTMLElement | undefined {
  const element = document.getElementById(id);
  return element instanceof type ? element : undefined;
}

function saveRef(ref: JobRef): void {
  vscode.setState({ ref });
}

function request(
  message: { type: 'refresh' } | { type: 'copy'; text: string; label: string },
  onReply: (ok: boolean, message?: string) => void,
): void {
  const requestId = nextRequestId++;
  pending.set(requestId, onReply);
  vscode.postMessage({ ...message, requestId });
}

function announce(text: string): void {
  const live = byId('live');
  if (live) {
    live.textContent = text;
  }
}

// ---- relative times ------------------------------------------------------------------------------------------

function updateRelativeTimes(): void {
  const now = new Date();
  document.querySelectorAll<HTMLTimeElement>('time[data-relative]').forEach((element) => {
    const time = Date.parse(element.dateTime);
    if (!Number.isNaN(time)) {
      element.textContent = relativeTime(new Date(time), now, locale);
    }
  });
}

const relativeTimer = setInterval(updateRelativeTimes, 15_000);
window.addEventListener('pagehide', () => clearInterval(relativeTimer));

// ---- rendering -----------------------------------------------------------------------------------------------

function setDownloadEnabledByJob(): void {
  const button = byId('download-button', HTMLButtonElement);
  if (button && downloadRunning) {
    button.disabled = true;
  }
}

function showJob(headerHtml: string, bodyHtml: string): void {
  const header = byId('job-header');
  const body = byId('job-body');
  // Keep keyboard focus on the same control across a re-render (the watch re-renders while someone tabs).
  const focusedAction =
    document.activeElement instanceof HTMLElement ? document.activeElement.dataset.action : undefined;
  const openDetails = body?.querySelector<HTMLDetailsElement>('details#section-raw')?.open ?? false;
  if (header) {
    header.innerHTML = headerHtml;
  }
  if (body) {
    body.innerHTML = bodyHtml;
    body.setAttribute('aria-busy', 'false');
    const raw = body.querySelector<HTMLDetailsElement>('details#section-raw');
    if (raw && openDetails) {
      raw.open = true;
    }
  }
  if (focusedAction === 'refresh' || focusedAction === 'download') {
    const target = document.querySelector<HTMLButtonElement>(`button[data-action="${focusedAction}"]`);
    if (target && !target.disabled) {
      target.focus();
    }
  }
  setDownloadEnabledByJob();
  updateRelativeTimes();
}

function setLoading(loading: boolean): void {
  const refresh = byId('refresh-button', HTMLButtonElement);
  const icon = refresh?.querySelector('.codicon');
  icon?.classList.toggle('codicon-modifier-spin', loading);
  refresh?.setAttribute('aria-busy', String(loading));
  byId('job-body')?.setAttribute('aria-busy', String(loading));
}

function setError(message: string | undefined, fix: BannerFix | undefined): void {
  const banner = byId('banner');
  const text = byId('banner-text');
  if (!banner || !text) {
    return;
  }
  text.textContent = message ?? '';
  banner.hidden = message === undefined || message === '';
  const button = byId('banner-fix', HTMLButtonElement);
  if (button) {
    button.hidden = banner.hidden || fix !== 'setApiKey';
  }
}

const STATE_ICONS: Record<DownloadStateKind, string> = {
  running: 'codicon-cloud-download',
  verified: 'codicon-verified',
  unverified: 'codicon-warning',
  failed: 'codicon-error',
  cancelled: 'codicon-circle-slash',
};

function showDownloadStatus():
  { status: HTMLElement; bar: HTMLProgressElement; text: HTMLElement; icon: HTMLElement } | undefined {
  const status = byId('download-status');
  const bar = byId('download-progress', HTMLProgressElement);
  const text = byId('download-text');
  const icon = byId('download-icon');
  if (!status || !bar || !text || !icon) {
    return undefined;
  }
  status.hidden = false;
  return { status, bar, text, icon };
}

function setDownloadState(state: DownloadStateKind, message: string | undefined): void {
  const parts = showDownloadStatus();
  if (!parts) {
    return;
  }
  downloadRunning = state === 'running';
  parts.status.dataset.state = state;
  parts.icon.className = `codicon ${STATE_ICONS[state]}`;
  parts.bar.hidden = state !== 'running';
  if (message !== undefined) {
    parts.text.textContent = message;
  }
  const button = byId('download-button', HTMLButtonElement);
  if (button && downloadRunning) {
    button.disabled = true;
  }
  if (state !== 'running' && message) {
    announce(message);
  }
}

function setProgress(received: number, total: number | undefined, text: string): void {
  const parts = showDownloadStatus();
  if (!parts) {
    return;
  }
  if (!downloadRunning) {
    setDownloadState('running', undefined);
  }
  if (total !== undefined && total > 0) {
    parts.bar.max = total;
    parts.bar.value = Math.min(received, total);
  } else {
    parts.bar.removeAttribute('value'); // indeterminate
  }
  parts.text.textContent = text;
}

function handle(message: HostMessage): void {
  switch (message.type) {
    case 'job':
      saveRef(message.ref);
      showJob(message.headerHtml, message.bodyHtml);
      break;
    case 'loading':
      setLoading(message.loading);
      break;
    case 'error':
      setError(message.message, message.fix);
      break;
    case 'downloadProgress':
      setProgress(message.progress.received, message.progress.total, message.text);
      break;
    case 'downloadState':
      setDownloadState(message.state, message.message);
      break;
    case 'reply': {
      const callback = pending.get(message.requestId);
      pending.delete(message.requestId);
      callback?.(message.ok, message.message);
      break;
    }
  }
}

// ---- input ---------------------------------------------------------------------------------------------------

function flashCopied(button: HTMLButtonElement, label: string): void {
  const icon = button.querySelector('.codicon');
  icon?.classList.replace('codicon-copy', 'codicon-check');
  button.classList.add('copied');
  announce(`${label} ✓`);
  setTimeout(() => {
    icon?.classList.replace('codicon-check', 'codicon-copy');
    button.classList.remove('copied');
  }, 1500);
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-action]') : null;
  if (!target || (target instanceof HTMLButtonElement && target.disabled)) {
    return;
  }
  switch (target.dataset.action) {
    case 'refresh':
      setLoading(true);
      request({ type: 'refresh' }, () => setLoading(false));
      break;
    case 'download':
      vscode.postMessage({ type: 'download' });
      break;
    case 'fix':
      if (target.dataset.fix === 'setApiKey') {
        vscode.postMessage({ type: 'fix', fix: 'setApiKey' });
      }
      break;
    case 'copy': {
      const text = target.dataset.copy ?? '';
      const label = target.dataset.label ?? '';
      request({ type: 'copy', text, label }, (ok) => {
        if (ok && target instanceof HTMLButtonElement) {
          flashCopied(target, label);
        }
      });
      break;
    }
  }
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHostMessage(event.data)) {
    handle(event.data);
  }
});

// Save the job's identity right away, so the serializer can restore the panel even if no update ever comes.
const initialRef = parsePanelState({ ref: safeParse(document.body.dataset.ref) })?.ref;
if (initialRef) {
  saveRef(initialRef);
}

function safeParse(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

updateRelativeTimes();
vscode.postMessage({ type: 'ready' });
