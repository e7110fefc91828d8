// The restore-job panel's script, running inside the webview (bundled to dist/webview.js). It owns no data: the
// host renders and escapes the HTML and pushes it here; this script merges it in, turns clicks into messages,
// keeps relative times current and shows download progress.
// Updates are merged into the page with morphdom (a small, well-kept DOM-diffing library) rather than replaced
// with innerHTML: only what changed is touched, so keyboard focus, a screen reader's place and the Raw JSON
// toggle survive every poll of a job in progress.
// Over 300 lines because it is the whole browser side of the panel (merge, focus, progress, announcements,
// clicks, archive actions); the host keeps the logic.

import morphdom from 'morphdom';
import { ENGLISH_RELATIVE_WORDS, relativeTime, type RelativeWords } from '../../core/dateTime';
import {
  isHostMessage,
  parsePanelState,
  type BannerFix,
  type DownloadStateKind,
  type HostMessage,
  type JobRef,
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
/** "in {0}", "{0} ago", "now" in the UI language, as the host rendered them. */
const relativeWords = parseRelativeWords(document.body.dataset.relativeWords);
/** Replies to requests, by id. */
const pending = new Map<number, (ok: boolean, message?: string) => void>();
let nextRequestId = 1;
let downloadRunning = false;
/** Whether the job shown can be downloaded (from the last update): where focus goes when a download ends. */
let jobDownloadable = false;

function byId(id: string): HTMLElement | undefined;
function byId<T extends HTMLElement>(id: string, type: { new (): T; prototype: T }): T | undefined;
function byId(
  id: string,
  type: { new (): HTMLElement; prototype: HTMLElement } = HTMLElement,
): HTMLElement | undefined {
  const element = document.getElementById(id);
  return element instanceof type ? element : undefined;
}

/** Saves the identity the serializer restores the panel from; a preview panel (its bar shown) comes back as one. */
function saveRef(ref: JobRef): void {
  vscode.setState(byId('preview-bar') ? { ref, preview: true } : { ref });
}

/** The panel was pinned: the preview bar goes (focus on its Keep Open moves to Refresh), and the state says so. */
function pinned(): void {
  const bar = byId('preview-bar');
  if (!bar) {
    return;
  }
  const hadFocus = bar.contains(document.activeElement);
  bar.remove();
  if (hadFocus) {
    focusFallback(undefined);
  }
  const ref = parsePanelState(vscode.getState())?.ref;
  if (ref) {
    saveRef(ref);
  }
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

function parseRelativeWords(text: string | undefined): RelativeWords {
  const value = safeParse(text);
  if (typeof value !== 'object' || value === null) return ENGLISH_RELATIVE_WORDS;
  const word = (key: keyof RelativeWords): string => {
    const found: unknown = Reflect.get(value, key);
    return typeof found === 'string' ? found : ENGLISH_RELATIVE_WORDS[key];
  };
  return { future: word('future'), past: word('past'), now: word('now') };
}

function updateRelativeTimes(): void {
  const now = new Date();
  document.querySelectorAll<HTMLTimeElement>('time[data-relative]').forEach((element) => {
    const time = Date.parse(element.dateTime);
    const text = Number.isNaN(time) ? undefined : relativeTime(new Date(time), now, locale, relativeWords);
    // Only a real change touches the DOM: a rewritten text node makes some screen readers re-read it.
    if (text !== undefined && element.textContent !== text) {
      element.textContent = text;
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

/** What identifies a control across updates: its id, else its action and what it copies. */
function controlKey(element: Element | null): string | undefined {
  if (!(element instanceof HTMLElement) || element === document.body) {
    return undefined;
  }
  if (element.id) {
    return `#${element.id}`;
  }
  const action = element.dataset.action;
  if (action !== undefined) {
    return `[data-action="${CSS.escape(action)}"][data-label="${CSS.escape(element.dataset.label ?? '')}"]`;
  }
  return undefined;
}

/** The control to focus instead of one that went away or was disabled: the same one if it is back, else nearby. */
function focusFallback(key: string | undefined): void {
  const same = key === undefined ? null : document.querySelector<HTMLElement>(key);
  if (same && !(same instanceof HTMLButtonElement && same.disabled) && !same.closest('[hidden]')) {
    same.focus();
    return;
  }
  // A disabled Download button after a download: the outcome beside it says why; otherwise Refresh, always there.
  const status = byId('download-status');
  if (key === '#download-button' && status && !status.hidden) {
    status.focus();
    return;
  }
  byId('refresh-button', HTMLButtonElement)?.focus();
}

/** Focus fell to the page while someone is in the panel, or sits on a control that was disabled or hidden. */
function focusLost(): boolean {
  const active = document.activeElement;
  if (active === null || active === document.body) {
    return document.hasFocus();
  }
  return (active instanceof HTMLButtonElement && active.disabled) || active.closest('[hidden]') !== null;
}

/** Merges new HTML into `container`, touching only what differs; an open <details> stays open. */
function merge(container: HTMLElement, html: string): void {
  morphdom(container, `<div>${html}</div>`, {
    childrenOnly: true,
    onBeforeElUpdated: (from, to) => {
      if (from instanceof HTMLDetailsElement && to instanceof HTMLDetailsElement) {
        to.open = from.open;
      }
      return !from.isEqualNode(to);
    },
  });
}

function showJob(headerHtml: string, bodyHtml: string): void {
  const header = byId('job-header');
  const body = byId('job-body');
  const focusedKey = controlKey(document.activeElement);
  if (header) {
    merge(header, headerHtml);
  }
  if (body) {
    merge(body, bodyHtml);
    body.setAttribute('aria-busy', 'false');
  }
  setDownloadEnabledByJob();
  updateRelativeTimes();
  if (returnFocusToDownload) {
    const button = byId('download-button', HTMLButtonElement);
    if (button && !button.disabled && (focusLost() || document.activeElement === byId('download-status'))) {
      button.focus();
    }
    returnFocusToDownload = false;
  }
  if (focusedKey !== undefined && focusLost()) {
    focusFallback(focusedKey);
  }
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

/** A download ended while focus was on its Cancel button: give focus back to Download once it is enabled again. */
let returnFocusToDownload = false;

function setDownloadState(state: DownloadStateKind, message: string | undefined, saved = false): void {
  const parts = showDownloadStatus();
  if (!parts) {
    return;
  }
  const actions = byId('saved-actions');
  if (actions) {
    actions.hidden = !saved;
  }
  const wasRunning = downloadRunning;
  downloadRunning = state === 'running';
  parts.status.dataset.state = state;
  parts.icon.className = `codicon ${STATE_ICONS[state]}`;
  parts.bar.hidden = state !== 'running';
  if (message !== undefined) {
    parts.text.textContent = message;
  }
  const button = byId('download-button', HTMLButtonElement);
  const cancel = byId('download-cancel', HTMLButtonElement);
  // Where focus was before this change: the Download button that started it, the Cancel button, or nowhere in
  // particular while someone is in the panel. Focus is not pulled into a panel nobody is using.
  const focused = document.activeElement;
  const hadFocus = focused === button || focused === cancel || focusLost();
  if (button && downloadRunning) {
    button.disabled = true;
  }
  if (cancel) {
    cancel.hidden = !downloadRunning;
    cancel.disabled = false;
  }
  if (downloadRunning && !wasRunning && hadFocus) {
    // The focused Download button is now disabled: the Cancel button is the useful control.
    cancel?.focus();
  } else if (!downloadRunning && wasRunning && hadFocus) {
    // Back to Download when it can be used again (the host's next update enables it), else to the outcome.
    if (button && jobDownloadable) {
      button.disabled = false;
      button.focus();
    } else {
      parts.status.focus();
      returnFocusToDownload = true;
    }
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
    case 'pinned':
      pinned();
      if (message.announcement !== undefined) {
        announce(message.announcement);
      }
      break;
    case 'job':
      saveRef(message.ref);
      jobDownloadable = message.job.downloadable;
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
      if (message.announcement !== undefined) {
        announce(message.announcement);
      }
      break;
    case 'downloadState':
      setDownloadState(message.state, message.message, message.saved === true);
      if (message.announcement !== undefined) {
        announce(message.announcement);
      }
      break;
    case 'archive': {
      const container = byId('archive-section');
      if (container) {
        const open = container.querySelector<HTMLDetailsElement>('details#archive-restore-info')?.open ?? false;
        container.innerHTML = message.html;
        container.hidden = false;
        const details = container.querySelector<HTMLDetailsElement>('details#archive-restore-info');
        if (details && open) {
          details.open = true;
        }
      }
      break;
    }
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
    case 'keepOpen':
      vscode.postMessage({ type: 'keepOpen' });
      break;
    case 'refresh':
      setLoading(true);
      request({ type: 'refresh' }, () => setLoading(false));
      break;
    case 'download':
      vscode.postMessage({ type: 'download' });
      break;
    case 'savedFile': {
      const action = target.dataset.savedAction;
      if (action === 'reveal' || action === 'openFolder' || action === 'copyPath') {
        vscode.postMessage({ type: 'savedFile', action });
      }
      break;
    }
    case 'extract':
      vscode.postMessage({ type: 'extract' });
      break;
    case 'open-terminal':
      vscode.postMessage({ type: 'openTerminal' });
      break;
    case 'downloadBatch':
      vscode.postMessage({ type: 'downloadBatch' });
      break;
    case 'cancel-download':
      // Not disabled here: focus stays on it until the download ends and gives focus back to Download.
      vscode.postMessage({ type: 'cancelDownload' });
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
