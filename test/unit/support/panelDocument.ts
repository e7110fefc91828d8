// The restore-job panel's whole page for unit tests: renderDocument with the inputs a test does not care about
// filled in (a job reference, a nonce, webview URIs, a fixed "now", English), so each test states only what matters.
import type { JobRef } from '../../../src/core/jobRef';
import { renderDocument, type DocumentInput } from '../../../src/jobPanel/document';
import { englishL10n } from '../../../src/jobPanel/translate';

export const PANEL_REF: JobRef = {
  server: 'prod',
  groupId: '5f2b3c4d5e6f708192a3b4c1',
  clusterId: '60a1b2c3d4e5f60718293a01',
  jobId: '65e0f1a2b3c4d5e6f7a8b901',
};

export function renderPanel(extra: Partial<DocumentInput> = {}): string {
  return renderDocument({
    ref: PANEL_REF,
    nonce: 'bm9uY2U=',
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    codiconsUri: 'https://x/codicon.css',
    stylesUri: 'https://x/panel.css',
    scriptUri: 'https://x/webview.js',
    now: new Date('2016-03-04T22:30:00Z'),
    locale: 'en',
    l10n: englishL10n,
    ...extra,
  });
}

/** What a browser makes of escaped text (only the entities escapeHtml produces). */
export function decodeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
