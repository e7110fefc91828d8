// The panel's "Archive" section, shown once a download is verified: what the archive holds (restoreInfo.txt's
// MongoDB version, engine, oplog point, encryption), an Extract button, and after extraction the mongod command
// with Copy and "Open in Terminal". The work is done by the archive commands (executeCommand, so the panel does
// not load the archive package itself); their results cross that boundary as unknown and are read with checks.
// Rendering is a pure function; every value from the archive is escaped.
import type * as vscode from 'vscode';
import { formatBytes, isRecord } from '../opsManager/common';
import { absent, copyButton, dateTimeHtml, field, section } from './elements';
import { displayText, escapeHtml } from '../core/escape';
import { relativeWords } from './relativeWords';

export interface ArchiveView {
  topFolder?: string;
  entryCount?: number;
  uncompressedBytes?: number;
  mongodbVersion?: string;
  storageEngine?: string;
  replicaSet?: string;
  lastOplogApplied?: string;
  /** The BSON timestamp in lastOplogApplied: seconds since the epoch and increment. */
  lastOplogTimestamp?: { seconds: number; increment: number };
  startupOptions?: string;
  encrypted?: boolean;
  masterKeyUuid?: string;
  restoreInfoRaw?: string;
  /** Why extraction would refuse the archive (already worded), when it would. */
  refusal?: string;
}

export interface ExtractedView {
  dataPath: string;
  command: string;
  notes: string[];
}

export type ArchiveSectionState =
  | { kind: 'inspecting'; archive: string }
  | { kind: 'failed'; archive: string }
  | { kind: 'inspected'; archive: string; view: ArchiveView }
  | { kind: 'extracting'; archive: string; view: ArchiveView }
  | { kind: 'extracted'; archive: string; view: ArchiveView; extracted: ExtractedView };

const str = (record: Record<string, unknown>, key: string): string | undefined =>
  typeof record[key] === 'string' ? record[key] : undefined;
const num = (record: Record<string, unknown>, key: string): number | undefined =>
  typeof record[key] === 'number' && Number.isFinite(record[key]) ? record[key] : undefined;

/** The inspect command's result, read field by field; undefined when it is not an inspection. */
export function readInspection(
  value: unknown,
  refusalText: (code: string, entry: string) => string,
): ArchiveView | undefined {
  if (!isRecord(value) || typeof value.entryCount !== 'number') return undefined;
  const view: ArchiveView = {};
  const set = <K extends keyof ArchiveView>(key: K, v: ArchiveView[K] | undefined): void => {
    if (v !== undefined) view[key] = v;
  };
  set('topFolder', str(value, 'topFolder'));
  set('entryCount', num(value, 'entryCount'));
  set('uncompressedBytes', num(value, 'uncompressedBytes'));
  const info = value.restoreInfo;
  if (isRecord(info)) {
    set('mongodbVersion', str(info, 'mongodbVersion'));
    set('storageEngine', str(info, 'storageEngine'));
    set('replicaSet', str(info, 'replicaSet'));
    set('lastOplogApplied', str(info, 'lastOplogApplied'));
    const ts = info.lastOplogTimestamp;
    if (isRecord(ts)) {
      const seconds = num(ts, 'seconds');
      const increment = num(ts, 'increment');
      if (seconds !== undefined && increment !== undefined) view.lastOplogTimestamp = { seconds, increment };
    }
    set('startupOptions', str(info, 'startupOptionsText'));
    set('masterKeyUuid', str(info, 'masterKeyUuid'));
    set('restoreInfoRaw', str(info, 'raw'));
    if (typeof info.encrypted === 'boolean') view.encrypted = info.encrypted;
  }
  const refusal = value.refusal;
  if (isRecord(refusal) && typeof refusal.code === 'string') {
    view.refusal = refusalText(refusal.code, str(refusal, 'entry') ?? '');
  }
  return view;
}

/** The extract command's result (its first part), read field by field. */
export function readExtraction(value: unknown): ExtractedView | undefined {
  if (!isRecord(value) || !Array.isArray(value.parts)) return undefined;
  const part: unknown = value.parts[0];
  if (!isRecord(part) || !isRecord(part.mongod)) return undefined;
  const dataPath = str(part, 'dataPath');
  const command = str(part.mongod, 'command');
  if (dataPath === undefined || command === undefined) return undefined;
  const notes = Array.isArray(part.mongod.noteText) ? part.mongod.noteText.filter((n) => typeof n === 'string') : [];
  return { dataPath, command, notes };
}

/**
 * The oplog point in the panel's one date format, from its BSON timestamp ("Nov 14, 10:13 PM (16 days ago)",
 * UTC on hover) with the timestamp mongod replays from; the text as written when it has none.
 */
function oplogPoint(
  v: ArchiveView,
  l10n: typeof vscode.l10n,
  locale: string | undefined,
  now: Date,
): string | undefined {
  const ts = v.lastOplogTimestamp;
  if (ts === undefined) {
    return v.lastOplogApplied === undefined
      ? undefined
      : `<span class="mono">${displayText(v.lastOplogApplied)}</span>`;
  }
  const iso = new Date(ts.seconds * 1000).toISOString();
  const ctx = { now, l10n, locale, relativeWords: relativeWords(l10n) };
  return `${dateTimeHtml(iso, ctx)} <span class="muted mono">(${displayText(ts.seconds)}, ${displayText(ts.increment)})</span>`;
}

export function renderArchiveSection(
  state: ArchiveSectionState,
  l10n: typeof vscode.l10n,
  locale?: string,
  now: Date = new Date(),
): string {
  const title = l10n.t('Archive');
  if (state.kind === 'inspecting') {
    return section(
      'archive',
      title,
      `<p class="placeholder" id="archive-status" data-state="inspecting"><span class="codicon codicon-loading codicon-modifier-spin" aria-hidden="true"></span><span>${displayText(l10n.t('Reading the archive…'))}</span></p>`,
      'file-zip',
    );
  }
  if (state.kind === 'failed') {
    return section(
      'archive',
      title,
      `<p class="placeholder" id="archive-status" data-state="failed"><span class="codicon codicon-warning" aria-hidden="true"></span><span>${displayText(l10n.t('The archive could not be read: see the notification or the log.'))}</span></p>`,
      'file-zip',
    );
  }
  const v = state.view;
  const text = (value: string | undefined, why: string): string =>
    value === undefined ? absent(why) : `<span class="mono">${displayText(value)}</span>`;
  const noInfo = l10n.t('not in restoreInfo.txt');
  const fields = [
    field('mongodbVersion', l10n.t('MongoDB version'), text(v.mongodbVersion, noInfo)),
    field('storageEngine', l10n.t('Storage engine'), text(v.storageEngine, noInfo)),
    field('replicaSet', l10n.t('Replica set'), text(v.replicaSet, noInfo)),
    field('lastOplogApplied', l10n.t('Last oplog applied'), oplogPoint(v, l10n, locale, now) ?? absent(noInfo)),
    field('startupOptions', l10n.t('Startup options'), text(v.startupOptions, noInfo)),
    field(
      'encrypted',
      l10n.t('Encrypted'),
      v.encrypted === undefined
        ? absent(noInfo)
        : displayText(
            v.encrypted
              ? v.masterKeyUuid === undefined
                ? l10n.t('yes')
                : l10n.t('yes, master key {0}', v.masterKeyUuid)
              : l10n.t('no'),
          ),
    ),
    field('topFolder', l10n.t('Top folder'), text(v.topFolder, l10n.t('none: the entries are not in one folder'))),
    field(
      'entryCount',
      l10n.t('Entries'),
      v.entryCount === undefined
        ? absent('?')
        : displayText(
            v.uncompressedBytes === undefined
              ? String(v.entryCount)
              : l10n.t('{0}, {1} unpacked', v.entryCount, formatBytes(v.uncompressedBytes, locale)),
          ),
    ),
  ].join('\n');
  const parts = [`<dl class="fields">${fields}</dl>`];
  if (v.refusal !== undefined) {
    parts.push(
      `<p class="archive-refusal" id="archive-refusal"><span class="codicon codicon-warning" aria-hidden="true"></span> ${displayText(l10n.t('Extraction would refuse this archive: {0}', v.refusal))}</p>`,
    );
  }
  if (state.kind === 'extracted') {
    const x = state.extracted;
    parts.push(
      `<div class="archive-extracted" id="archive-extracted">
<p>${displayText(l10n.t('Extracted to {0}. Start mongod on it with:', x.dataPath))}</p>
<pre class="mono mongod-command" id="mongod-command">${displayText(x.command)}</pre>
<div class="archive-actions">${copyButton(x.command, l10n.t('mongod command'), l10n)}<button type="button" class="button secondary" data-action="open-terminal" id="open-terminal-button"><span class="codicon codicon-terminal" aria-hidden="true"></span><span>${displayText(l10n.t('Open in Terminal'))}</span></button></div>
${x.notes.length === 0 ? '' : `<ul class="archive-notes">${x.notes.map((n) => `<li>${displayText(n)}</li>`).join('')}</ul>`}
</div>`,
    );
  } else {
    const busy = state.kind === 'extracting';
    parts.push(
      `<div class="archive-actions"><button type="button" id="extract-button" class="button primary" data-action="extract"${busy || v.refusal !== undefined ? ' disabled' : ''} aria-busy="${String(busy)}"><span class="codicon ${busy ? 'codicon-loading codicon-modifier-spin' : 'codicon-package'}" aria-hidden="true"></span><span>${displayText(busy ? l10n.t('Extracting…') : l10n.t('Extract…'))}</span></button></div>`,
    );
  }
  if (v.restoreInfoRaw !== undefined) {
    parts.push(
      `<details id="archive-restore-info"><summary>restoreInfo.txt</summary><pre class="mono">${displayText(v.restoreInfoRaw, true)}</pre></details>`,
    );
  }
  return section(
    'archive',
    title,
    `<div id="archive-status" data-state="${escapeHtml(state.kind)}">${parts.join('\n')}</div>`,
    'file-zip',
  );
}
