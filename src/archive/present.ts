// How inspection and extraction results are shown: a Markdown report (inspect, batch commands), the mongod
// command with "Copy" and "Open in Terminal" (which types the command without running it), progress text.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ArchiveInspection, ArchiveProgress, MongodCommand } from '../opsManager/archive';
import { formatBytes } from '../opsManager/common';
import { plainText } from '../core';
import { mongodNoteText, refusalOf } from './messages';

const lang = (): string => vscode.env.language;

/** "12.5 MB of 1.0 GB (1%)" by compressed bytes read. */
export function progressMessage(p: ArchiveProgress): string {
  const percent = p.totalBytes > 0 ? Math.floor((p.readBytes / p.totalBytes) * 100) : 0;
  return vscode.l10n.t(
    '{0} of {1} ({2}%)',
    formatBytes(p.readBytes, lang()),
    formatBytes(p.totalBytes, lang()),
    percent,
  );
}

/** A table cell's code span for a value read from the archive: one bounded line, fenced longer than any run of
 * backticks in it (a value cannot close it early), with `|` escaped so it stays in its cell. */
function code(value: string): string {
  const text = plainText(value, 2000).replaceAll('|', '\\|');
  const longest = Math.max(0, ...[...text.matchAll(/`+/gu)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${text} ${fence}`;
}

function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/gu)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}\n${text}\n${fence}`;
}

export function inspectionReport(inspection: ArchiveInspection, mongod: MongodCommand | undefined): string {
  const info = inspection.restoreInfo;
  const rows: [string, string | undefined][] = [
    [vscode.l10n.t('Archive'), inspection.archive],
    [vscode.l10n.t('Top folder'), inspection.topFolder ?? vscode.l10n.t('(none: entries are not in one folder)')],
    [
      vscode.l10n.t('Entries'),
      vscode.l10n.t(
        '{0} ({1} files, {2} folders, {3} links)',
        inspection.entryCount,
        inspection.fileCount,
        inspection.directoryCount,
        inspection.linkCount,
      ),
    ],
    [vscode.l10n.t('Unpacked size'), formatBytes(inspection.uncompressedBytes, lang())],
    [vscode.l10n.t('Archive size'), formatBytes(inspection.archiveBytes, lang())],
    [vscode.l10n.t('MongoDB version'), info?.mongodbVersion],
    [vscode.l10n.t('Storage engine'), info?.storageEngine],
    [vscode.l10n.t('Replica set'), info?.replicaSet],
    [vscode.l10n.t('Snapshot'), info?.snapshotTimestamp],
    [vscode.l10n.t('Last oplog applied'), info?.lastOplogApplied],
    [vscode.l10n.t('Startup options'), info?.startupOptionsText],
    [vscode.l10n.t('Encrypted'), info ? (info.encrypted ? vscode.l10n.t('yes') : vscode.l10n.t('no')) : undefined],
    [vscode.l10n.t('Master key UUID'), info?.masterKeyUuid],
    [
      vscode.l10n.t('seedSecondary.sh'),
      inspection.hasSeedSecondary ? vscode.l10n.t('present') : vscode.l10n.t('absent'),
    ],
  ];
  const lines = [`# ${vscode.l10n.t('Restore archive {0}', path.basename(inspection.archive))}`, ''];
  if (inspection.refusal) {
    lines.push(`> **${vscode.l10n.t('Extraction would refuse this archive:')}** ${refusalOf(inspection.refusal)}`, '');
  }
  lines.push(`| | |`, `|---|---|`);
  for (const [label, value] of rows) {
    if (value !== undefined) lines.push(`| ${label} | ${code(value)} |`);
  }
  if (mongod) {
    lines.push('', `## ${vscode.l10n.t('Starting mongod after extraction')}`, '', fenced(mongod.command), '');
    for (const note of mongod.notes) lines.push(`- ${mongodNoteText(note)}`);
  }
  if (info) {
    lines.push('', `## restoreInfo.txt`, '', fenced(info.raw.trimEnd()));
  } else {
    lines.push('', vscode.l10n.t('The archive has no restoreInfo.txt.'));
  }
  return `${lines.join('\n')}\n`;
}

export interface BatchLine {
  role: 'config' | 'shard';
  name: string;
  dataPath: string;
  mongod: MongodCommand;
}

export function batchReport(folder: string, parts: readonly BatchLine[]): string {
  const lines = [
    `# ${vscode.l10n.t('Sharded restore in {0}', folder)}`,
    '',
    vscode.l10n.t(
      'Start the parts in this order: the config server replica set first, then each shard; start mongos once all are up.',
    ),
  ];
  parts.forEach((part, i) => {
    const role = part.role === 'config' ? vscode.l10n.t('config server') : vscode.l10n.t('shard');
    lines.push('', `## ${i + 1}. ${part.name} (${role})`, '', fenced(part.mongod.command), '');
    for (const note of part.mongod.notes) lines.push(`- ${mongodNoteText(note)}`);
  });
  return `${lines.join('\n')}\n`;
}

export async function showMarkdown(content: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(doc, { preview: true });
}

/** A terminal in the data folder with the command typed but not run: the user reads it, then presses Enter. */
export function openInTerminal(command: string, cwd: string | undefined, name: string): vscode.Terminal {
  const terminal = vscode.window.createTerminal({ name, ...(cwd ? { cwd } : {}) });
  terminal.show();
  terminal.sendText(command, false);
  return terminal;
}

/** The end-of-extraction notification; not awaited, so the command returns its result at once. */
export function announceExtracted(destination: string, mongod: MongodCommand): void {
  const copy = vscode.l10n.t('Copy Command');
  const terminal = vscode.l10n.t('Open in Terminal');
  const notes = mongod.notes.map(mongodNoteText).join(' ');
  void vscode.window
    .showInformationMessage(
      vscode.l10n.t('Extracted to {0}. Start mongod on it with: {1} {2}', destination, mongod.command, notes),
      copy,
      terminal,
    )
    .then(async (choice) => {
      if (choice === copy) {
        await vscode.env.clipboard.writeText(mongod.command);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the mongod command to the clipboard.'), 3000);
      } else if (choice === terminal) {
        openInTerminal(mongod.command, destination, vscode.l10n.t('mongod (restore)'));
      }
    });
}
