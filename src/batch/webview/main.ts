// The batch panel's script: swaps in the HTML the host rendered (already escaped) and sends button clicks back as
// typed messages. It builds no markup from data itself.
import { parseHostMessage, type WebviewMessage } from '../protocol';

declare function acquireVsCodeApi(): { postMessage(message: WebviewMessage): void };

const vscode = acquireVsCodeApi();
const root = document.getElementById('batch');

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseHostMessage(event.data);
  if (message !== undefined && root !== null) root.innerHTML = message.html;
});

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
  if (!(target instanceof HTMLButtonElement) || target.disabled) return;
  const action = target.dataset.action;
  if (action === 'openPart') {
    const jobId = target.dataset.jobId;
    if (jobId !== undefined) vscode.postMessage({ type: 'openPart', jobId });
  } else if (action === 'downloadAll' || action === 'retryFailed' || action === 'refresh') {
    vscode.postMessage({ type: action });
  }
});

vscode.postMessage({ type: 'ready' });
