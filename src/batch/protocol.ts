// The batch panel's messages, shared by the host and the webview script (pure: no vscode, no DOM, no Node).
// The host renders all HTML (escaped); the script only swaps it in and sends clicks back.

/** What identifies a sharded restore: the batch of one cluster on one configured server. */
export interface BatchRef {
  server: string;
  groupId: string;
  clusterId: string;
  batchId: string;
}

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'downloadAll' }
  | { type: 'retryFailed' }
  | { type: 'refresh' }
  | { type: 'openPart'; jobId: string };

export type HostMessage = { type: 'render'; html: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A message from the webview, checked field by field; undefined for anything else. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') return undefined;
  if (value.type === 'openPart') {
    return typeof value.jobId === 'string' && /^[0-9a-fA-F]{24}$/.test(value.jobId)
      ? { type: 'openPart', jobId: value.jobId }
      : undefined;
  }
  switch (value.type) {
    case 'ready':
    case 'downloadAll':
    case 'retryFailed':
    case 'refresh':
      return { type: value.type };
    default:
      return undefined;
  }
}

/** A message from the host; undefined for anything else. */
export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value) || value.type !== 'render' || typeof value.html !== 'string') return undefined;
  return { type: 'render', html: value.html };
}
