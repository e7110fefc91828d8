// "Inspect Restore Archive…" and "Extract Restore Archive…". With arguments ({archive, destination}) they ask
// nothing and resolve to a result object; from the palette they ask for the archive (and where to unpack it).
// ArchiveError codes are worded here (messages.ts) and thrown for the command wrapper to show.
// Over 300 lines because both commands share the archive and destination prompts, the batch-folder walk and
// the result shapes they return.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { archiveRuntime, plainText, type Services, UserCancelledError } from '../core';
import type {
  ArchiveError,
  ArchiveInspection,
  ArchiveProgress,
  ExtractResult,
  KmipSettings,
  MongodCommand,
  RestoreInfo,
  Shell,
} from '../opsManager/archive';
import { OpsManagerError } from '../opsManager/common';
import { parseArchiveArgs } from './args';
import type { InspectionCache } from './inspections';
import { archiveErrorText, mongodNoteText } from './messages';
import {
  announceExtracted,
  batchReport,
  inspectionReport,
  progressMessage,
  showMarkdown,
  type BatchLine,
} from './present';

export interface ArchiveEnv {
  context: vscode.ExtensionContext;
  services: Services;
  cache: InspectionCache;
}

export interface MongodResult extends MongodCommand {
  port: number;
  /** The notes as sentences. */
  noteText: string[];
}

export interface ExtractPartResult extends ExtractResult {
  role?: 'config' | 'shard';
  restoreInfo?: RestoreInfo;
  mongod: MongodResult;
}

export interface ExtractCommandResult {
  /** One archive: its result. A batch folder: every part, in start order. */
  parts: ExtractPartResult[];
  batch: boolean;
}

const SHELL: Shell = process.platform === 'win32' ? 'powershell' : 'posix';
const ARCHIVE_FILTERS = { [vscode.l10n.t('Restore archives')]: ['gz', 'tgz', 'tar'] };

function worded(error: unknown, archive: string): unknown {
  if (archiveRuntime().isArchiveError(error)) {
    const archiveError: ArchiveError = error;
    return new OpsManagerError({
      kind: archiveError.code === 'NO_SPACE' || archiveError.code === 'WRITE_FAILED' ? 'io' : 'invalid-input',
      message: archiveErrorText(archiveError, archive),
      errorCode: archiveError.code,
      cause: archiveError,
    });
  }
  return error;
}

async function withArchiveProgress<T>(
  title: string,
  task: (signal: AbortSignal, onProgress: (p: ArchiveProgress) => void) => Promise<T>,
  quiet = false,
): Promise<T> {
  return vscode.window.withProgress(
    {
      location: quiet ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification,
      title,
      cancellable: !quiet,
    },
    async (progress, token) => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      let shown = 0;
      try {
        return await task(abort.signal, (p) => {
          const percent = p.totalBytes > 0 ? (p.readBytes / p.totalBytes) * 100 : 0;
          progress.report({ message: progressMessage(p), increment: Math.max(0, percent - shown) });
          shown = Math.max(shown, percent);
        });
      } finally {
        cancel.dispose();
      }
    },
  );
}

async function pickArchives(many: boolean): Promise<string[]> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: many,
    filters: ARCHIVE_FILTERS,
    openLabel: many ? vscode.l10n.t('Extract') : vscode.l10n.t('Inspect'),
    title: many
      ? vscode.l10n.t('Restore archive to extract (several: the parts of a sharded restore)')
      : vscode.l10n.t('Restore archive to inspect'),
  });
  if (!picked || picked.length === 0) throw new UserCancelledError();
  return picked.map((uri) => uri.fsPath);
}

// ---- inspect ---------------------------------------------------------------------------------------------------

export async function inspectRestoreArchive(env: ArchiveEnv, arg: unknown): Promise<ArchiveInspection> {
  const args = parseArchiveArgs(arg);
  const interactive = args.archive === undefined;
  const archive = args.archive ?? (await pickArchives(false))[0];
  const runtime = archiveRuntime();
  let inspection: ArchiveInspection;
  try {
    inspection = await withArchiveProgress(
      vscode.l10n.t('Inspecting {0}', path.basename(archive)),
      (signal, onProgress) => runtime.inspectArchive(archive, { signal, onProgress }),
    );
  } catch (error) {
    env.services.log.warn(`Inspecting ${archive} failed: ${error instanceof Error ? error.message : String(error)}`);
    throw worded(error, archive);
  }
  await env.cache.set(archive, inspection);
  env.services.log.info(
    `Inspected ${archive}: ${inspection.entryCount} entries, ${inspection.uncompressedBytes} bytes unpacked, ` +
      `MongoDB ${plainText(inspection.restoreInfo?.mongodbVersion ?? '?', 60)}, ${Math.round(inspection.elapsedMs)} ms` +
      (inspection.refusal
        ? `, extraction would refuse: ${inspection.refusal.code} ${plainText(inspection.refusal.entry)}`
        : ''),
  );
  if (interactive) {
    const preview = runtime.buildMongodCommand({
      restoreInfo: inspection.restoreInfo,
      dbPath: defaultDestination(archive),
      port: args.port ?? 27017,
      shell: SHELL,
      ...(args.kmip ? { kmip: args.kmip } : {}),
    });
    await showMarkdown(inspectionReport(inspection, preview));
  }
  return inspection;
}

// ---- extract ---------------------------------------------------------------------------------------------------

export function defaultDestination(archive: string): string {
  return path.join(path.dirname(archive), archiveRuntime().archiveBaseName(archive));
}

async function isDirectory(file: string): Promise<boolean> {
  try {
    return (await fs.promises.stat(file)).isDirectory();
  } catch {
    return false;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.promises.lstat(file);
    return true;
  } catch {
    return false;
  }
}

/** Where to unpack: the default beside the archive, or a folder chosen in a dialog (the name stays the archive's). */
async function chooseDestination(archive: string): Promise<string> {
  const fallback = defaultDestination(archive);
  const here: vscode.QuickPickItem = {
    label: vscode.l10n.t('Extract to {0}', path.basename(fallback)),
    description: path.dirname(fallback),
    detail: (await exists(fallback)) ? vscode.l10n.t('Already exists: extraction would refuse it.') : undefined,
  };
  const elsewhere: vscode.QuickPickItem = { label: vscode.l10n.t('Choose Another Folder…') };
  const choice = await vscode.window.showQuickPick([here, elsewhere], {
    title: vscode.l10n.t('Extract {0}', path.basename(archive)),
    placeHolder: vscode.l10n.t('Where to unpack the archive (a new folder is created)'),
  });
  if (choice === undefined) throw new UserCancelledError();
  if (choice === here) return fallback;
  const folder = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: vscode.l10n.t('Extract Here'),
    defaultUri: vscode.Uri.file(path.dirname(archive)),
  });
  if (!folder || folder.length === 0) throw new UserCancelledError();
  return path.join(folder[0].fsPath, path.basename(fallback));
}

export async function extractRestoreArchive(env: ArchiveEnv, arg: unknown): Promise<ExtractCommandResult> {
  const args = parseArchiveArgs(arg);
  let archives: string[];
  let batchFolder: string | undefined;
  if (args.archive === undefined) {
    archives = await pickArchives(true);
    if (archives.length > 1) batchFolder = path.dirname(archives[0]);
  } else if (await isDirectory(args.archive)) {
    batchFolder = args.archive;
    const names = (await fs.promises.readdir(batchFolder)).filter((n) => archiveRuntime().isArchiveName(n));
    if (names.length === 0) {
      throw new OpsManagerError({
        kind: 'invalid-input',
        message: vscode.l10n.t('{0} holds no .tar.gz archives to extract.', batchFolder),
      });
    }
    archives = names.map((n) => path.join(batchFolder ?? '', n));
  } else {
    archives = [args.archive];
  }

  if (batchFolder === undefined) {
    const archive = archives[0];
    const destination = args.destination ?? (await chooseDestination(archive));
    const part = await extractOne(env, archive, destination, args, new Set());
    announceExtracted(part.dataPath, part.mongod);
    return { parts: [part], batch: false };
  }

  // A batch: every part into its own folder (named after it) inside the destination, in start order.
  const parent = args.destination ?? batchFolder;
  const ordered = archiveRuntime().orderBatchParts(archives);
  const ports = new Set<number>();
  const parts: ExtractPartResult[] = [];
  for (const part of ordered) {
    const result = await extractOne(env, part.archive, path.join(parent, part.name), args, ports);
    parts.push({ ...result, role: part.role });
  }
  const lines: BatchLine[] = parts.map((p) => ({
    role: p.role ?? 'shard',
    name: path.basename(p.destination),
    dataPath: p.dataPath,
    mongod: p.mongod,
  }));
  const show = vscode.l10n.t('Show Commands');
  void vscode.window
    .showInformationMessage(vscode.l10n.t('Extracted {0} parts into {1}.', parts.length, parent), show)
    .then((choice) => (choice === show ? showMarkdown(batchReport(parent, lines)) : undefined));
  return { parts, batch: true };
}

async function extractOne(
  env: ArchiveEnv,
  archive: string,
  destination: string,
  args: { port?: number; kmip?: KmipSettings },
  usedPorts: Set<number>,
): Promise<ExtractPartResult> {
  const runtime = archiveRuntime();
  const known = await env.cache.get(archive);
  let result: ExtractResult;
  env.services.log.info(`Extracting ${archive} to ${destination}`);
  try {
    result = await withArchiveProgress(vscode.l10n.t('Extracting {0}', path.basename(archive)), (signal, onProgress) =>
      runtime.extractArchive(archive, destination, {
        signal,
        onProgress,
        ...(known ? { expectedBytes: known.uncompressedBytes } : {}),
      }),
    );
  } catch (error) {
    env.services.log.warn(`Extracting ${archive} failed: ${error instanceof Error ? error.message : String(error)}`);
    throw worded(error, archive);
  }
  env.services.log.info(
    `Extracted ${archive} to ${result.destination}: ${result.fileCount} files, ${result.writtenBytes} bytes, ${Math.round(result.elapsedMs)} ms`,
  );
  const restoreInfo = await readRestoreInfo(result.dataPath);
  const preferred = Array.from({ length: 20 }, (_, i) => 27017 + i).filter((p) => !usedPorts.has(p));
  const port = args.port ?? (await runtime.findFreePort(preferred));
  usedPorts.add(port);
  const command = runtime.buildMongodCommand({
    dbPath: result.dataPath,
    port,
    shell: SHELL,
    ...(restoreInfo ? { restoreInfo } : {}),
    ...(args.kmip ? { kmip: args.kmip } : {}),
  });
  const mongod: MongodResult = { ...command, port, noteText: command.notes.map(mongodNoteText) };
  return { ...result, ...(restoreInfo ? { restoreInfo } : {}), mongod };
}

async function readRestoreInfo(dataPath: string): Promise<RestoreInfo | undefined> {
  try {
    const handle = await fs.promises.open(path.join(dataPath, 'restoreInfo.txt'), 'r');
    try {
      const buffer = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return archiveRuntime().parseRestoreInfo(buffer.subarray(0, bytesRead).toString('utf8'));
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}
