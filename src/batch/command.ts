// "Download Sharded Restore…": every part of a batch into one new folder, in parallel (bounded), each verified,
// with one cancellable progress notification, and restore-manifest.json once every part is verified. Parts still
// being prepared are waited for (after asking); one-use links are confirmed once for the whole batch; a part that
// can never be downloaded stops the command before anything is fetched, since a sharded restore needs every part.
// Over 300 lines because the palette, node, panel and argument entry points share the waiting, confirmation,
// retry and reporting of one batch run.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  expandHome,
  formatProgress,
  type JobRef,
  opsManagerRuntime,
  type Services,
  transportOptions,
  UserCancelledError,
} from '../core';
import {
  batchFolderName,
  type BatchPart,
  checkDownloadable,
  describePart,
  expectedSha1FromJob,
  type RestoreBatch,
} from '../opsManager/api';
import { OpsManagerError, sleep } from '../opsManager/common';
import type { BatchPartInput, BatchPartLink, BatchProgress, BatchResult, PartOutcome } from '../opsManager/download';
import { type BatchArgs, batchKey, invalid, parseBatchArgs } from './args';
import { type BatchDownloadView, batchStatusText, downloadStatusText } from './html';
import { loadBatch, type LoadedBatch, noPartsMessage } from './load';
import type { BatchPanels } from './panel';
import { pickBatch } from './pick';
import type { BatchRef } from './protocol';
import { blockerText, COMMANDS, hashAfterDownload, plainText } from '../core';

export const PARALLEL_SETTING = 'batchParallelDownloads';

export interface BatchEnv {
  services: Services;
  panels: BatchPanels;
  runs: BatchRuns;
}

export interface BatchCommandResult {
  folder: string;
  manifestPath?: string;
  cancelled: boolean;
  parts: Array<{
    name: string;
    role: string;
    jobId: string;
    status: string;
    file: string;
    sha1?: string;
    bytes?: number;
    error?: string;
  }>;
}

/** The batches being downloaded, and where the last run of each left its verified parts (for a retry). */
export class BatchRuns {
  private readonly running = new Map<string, AbortController>();
  private readonly last = new Map<string, { folder: string; parts: PartOutcome[] }>();

  start(ref: BatchRef): AbortController | undefined {
    const key = batchKey(ref);
    if (this.running.has(key)) return undefined;
    const abort = new AbortController();
    this.running.set(key, abort);
    return abort;
  }

  finish(ref: BatchRef): void {
    this.running.delete(batchKey(ref));
  }

  remember(ref: BatchRef, result: BatchResult): void {
    this.last.set(batchKey(ref), { folder: result.folder, parts: result.parts });
  }

  previous(ref: BatchRef): { folder: string; parts: PartOutcome[] } | undefined {
    return this.last.get(batchKey(ref));
  }

  dispose(): void {
    for (const abort of this.running.values()) abort.abort();
  }
}

/** Ops Manager adds `hashes` after a download: read the job again a few times, a second apart. */

export async function downloadRestoreBatch(env: BatchEnv, arg: unknown): Promise<BatchCommandResult | undefined> {
  const { services } = env;
  const args = parseBatchArgs(arg);
  const ref = args.ref ?? (await refFromPart(services, args.part)) ?? (await pickBatch(services, describeBatch));
  const abort = env.runs.start(ref);
  if (abort === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This sharded restore is already being downloaded.'));
    return undefined;
  }
  try {
    const loaded = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading the parts of the sharded restore…') },
      () => loadBatch(services, ref, abort.signal),
    );
    env.panels.update(ref, loaded);
    return await run(env, ref, args, loaded, abort);
  } finally {
    env.runs.finish(ref);
    services.refreshTree({ server: ref.server, groupId: ref.groupId, clusterId: ref.clusterId });
  }
}

async function run(
  env: BatchEnv,
  ref: BatchRef,
  args: BatchArgs,
  loaded: LoadedBatch,
  abort: AbortController,
): Promise<BatchCommandResult | undefined> {
  const { services } = env;
  const { batch, clusterName } = loaded;
  if (batch.parts.length === 0) throw invalid(noPartsMessage(ref));
  const previous = args.retry === true ? env.runs.previous(ref) : undefined;
  const verifiedBefore = previous?.parts.filter((p) => p.status === 'verified') ?? [];
  const todo = batch.parts.filter((p) => !verifiedBefore.some((v) => v.jobId === p.job.id));
  if (todo.length === 0 && previous !== undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Every part is already verified in {0}.', previous.folder));
    return undefined;
  }

  const lost = todo.filter((p) => p.state === 'unavailable');
  if (lost.length > 0) {
    const list = lost
      .map(
        (p) =>
          `${p.name}: ${(p.blocker !== undefined ? blockerText(p.blocker, vscode.l10n) : undefined) ?? p.job.delivery?.statusName ?? ''}`,
      )
      .join(' ');
    throw invalid(
      vscode.l10n.t(
        '{0} of {1} parts of this sharded restore cannot be downloaded, and a sharded cluster is restored from every part together; nothing was downloaded. {2} Start a new restore job for the cluster in Ops Manager.',
        lost.length,
        batch.parts.length,
        list,
      ),
    );
  }
  const interactive = args.destination === undefined;
  const waiting = todo.filter((p) => p.state === 'preparing');
  if (waiting.length > 0) {
    if (!interactive && args.wait === false) {
      throw invalid(vscode.l10n.t('{0} parts are still being prepared; nothing was downloaded.', waiting.length));
    }
    if (interactive) await confirmWait(waiting, batch);
  }
  const oneUse = todo.filter((p) => p.job.delivery?.maxDownloads === 1);
  if (oneUse.length > 0 && interactive) await confirmOneUse(oneUse);

  const folder = previous?.folder ?? (await createFolder(args, clusterName, batch));
  const parallel = parallelSetting();
  const server = services.servers.require(ref.server);
  const inputs = todo.map((part) => {
    const input = partInput(services, ref, loaded, part);
    // Saved without a hash to check it by the last run: downloaded again over it.
    if (previous?.parts.some((p) => p.jobId === part.job.id && p.status === 'unverified')) input.overwrite = true;
    return input;
  });
  services.log.info(
    `Downloading sharded restore ${ref.batchId} of ${plainText(clusterName)}: ${todo.length} parts into ${folder} (${parallel} at a time)`,
  );
  const parts: Record<string, { status: PartOutcome['status']; sha1?: string; error?: string }> = {};
  for (const v of verifiedBefore) parts[v.jobId] = { status: 'verified', sha1: v.sha1 };
  const view = (state: BatchDownloadView['state'], extra: Partial<BatchDownloadView> = {}): BatchDownloadView => ({
    state,
    folder,
    parts: { ...parts },
    ...extra,
  });
  env.panels.setDownload(ref, view('running'));

  const result = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Downloading the sharded restore of {0}', plainText(clusterName)),
      cancellable: true,
    },
    async (progress, token) => {
      const cancel = token.onCancellationRequested(() => abort.abort());
      let shown = 0;
      try {
        return await opsManagerRuntime().downloadBatch({
          folder,
          parts: inputs,
          alreadyVerified: verifiedBefore,
          parallel,
          signal: abort.signal,
          transport: transportOptions(server),
          progressIntervalMs: 250,
          manifest: {
            batchId: ref.batchId,
            groupId: ref.groupId,
            cluster: { id: ref.clusterId, name: clusterName },
            snapshotTime: batch.snapshotTime,
            snapshotIds: batch.snapshotIds,
            pointInTime: batch.pointInTime,
          },
          onPart: (p) => {
            parts[p.jobId] = { status: p.status, sha1: p.sha1, error: p.error?.message };
            env.panels.setDownload(ref, view('running'));
          },
          onProgress: (p) => {
            const line = progressLine(p);
            const increment = p.percent === undefined ? undefined : Math.max(0, p.percent - shown);
            shown = p.percent ?? shown;
            progress.report({ message: line, increment });
            env.panels.setDownload(ref, view('running', { line, percent: p.percent }));
          },
        });
      } finally {
        cancel.dispose();
      }
    },
  );
  env.runs.remember(ref, result);
  for (const p of result.parts) parts[p.jobId] = { status: p.status, sha1: p.sha1, error: p.error?.message };
  const complete = result.manifestPath !== undefined;
  env.panels.setDownload(ref, view(complete ? 'complete' : result.cancelled ? 'cancelled' : 'incomplete'));
  for (const p of result.parts) {
    services.log.info(
      `Batch ${ref.batchId} part ${p.name} (${p.jobId}): ${p.status}${p.sha1 ? `, SHA-1 ${p.sha1}` : ''}${p.error ? `: ${p.error.message}` : ''}`,
    );
  }
  announce(ref, result, batch.parts.length);
  // Downloads left and hashes change with a download: the panel shows the parts as Ops Manager now has them.
  void loadBatch(services, ref)
    .then((fresh) => env.panels.update(ref, fresh))
    .catch((error: unknown) => services.log.debug(`Re-reading batch ${ref.batchId} failed: ${String(error)}`));
  return {
    folder: result.folder,
    manifestPath: result.manifestPath,
    cancelled: result.cancelled,
    parts: result.parts.map((p) => ({
      name: p.name,
      role: p.role,
      jobId: p.jobId,
      status: p.status,
      file: p.fileName,
      sha1: p.sha1,
      bytes: p.bytes,
      error: p.error?.message,
    })),
  };
}

/** A part's panel gives a job: its batchId names the batch. */
async function refFromPart(services: Services, part: JobRef | undefined): Promise<BatchRef | undefined> {
  if (part === undefined || part.clusterId === undefined) return undefined;
  const job = await services.fetchJob(part);
  if (job.batchId === undefined || job.batchId === '') {
    throw invalid(vscode.l10n.t('Restore job {0} is not part of a sharded restore (it has no batch ID).', part.jobId));
  }
  return { server: part.server, groupId: part.groupId, clusterId: part.clusterId, batchId: job.batchId.toLowerCase() };
}

function describeBatch(batch: RestoreBatch): string {
  const created = batch.created === undefined ? batch.batchId : new Date(batch.created).toLocaleString();
  return `${created} · ${batchStatusText(batch, vscode.l10n)}`;
}

async function confirmWait(waiting: BatchPart[], batch: RestoreBatch): Promise<void> {
  const go = vscode.l10n.t('Download and Wait');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} of {1} parts are still being prepared.', waiting.length, batch.parts.length),
    {
      modal: true,
      detail: vscode.l10n.t(
        'The ready parts download now; each other part ({0}) downloads as soon as Ops Manager marks it READY. The manifest is written once every part is verified.',
        waiting.map((p) => p.name).join(', '),
      ),
    },
    go,
  );
  if (choice !== go) throw new UserCancelledError();
}

async function confirmOneUse(parts: BatchPart[]): Promise<void> {
  const download = vscode.l10n.t('Download');
  const choice = await vscode.window.showWarningMessage(
    parts.length === 1
      ? vscode.l10n.t('The link of {0} can be used once.', parts[0].name)
      : vscode.l10n.t('The links of {0} parts can be used once.', parts.length),
    {
      modal: true,
      detail: vscode.l10n.t(
        'Downloading uses up the links of {0} (maxDownloads is 1): if one of these downloads fails or the file is lost, you will need a new restore job in Ops Manager.',
        parts.map((p) => p.name).join(', '),
      ),
    },
    download,
  );
  if (choice !== download) throw new UserCancelledError();
}

/** The parent folder (argument, setting, or a folder dialog), then a new folder for this batch inside it. */
async function createFolder(args: BatchArgs, clusterName: string, batch: RestoreBatch): Promise<string> {
  const parent = args.destination ?? configuredFolder() ?? (await askFolder());
  return opsManagerRuntime().createBatchFolder(absolutePath(parent), batchFolderName(clusterName, batch));
}

function configuredFolder(): string | undefined {
  const value = vscode.workspace.getConfiguration('opsManager').get<unknown>('downloadDirectory');
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

async function askFolder(): Promise<string> {
  const uris = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: vscode.l10n.t('Download Here'),
    title: vscode.l10n.t('Choose where the sharded restore’s folder is created'),
    defaultUri: vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri,
  });
  const uri = uris?.[0];
  if (uri === undefined) throw new UserCancelledError();
  if (uri.scheme !== 'file') {
    throw invalid(
      vscode.l10n.t(
        'The parts can only be saved on the machine where the extension runs; {0} is somewhere else. Choose a folder there (or set opsManager.downloadDirectory).',
        uri.toString(true),
      ),
    );
  }
  return uri.fsPath;
}

function absolutePath(text: string): string {
  const expanded = expandHome(text);
  if (path.isAbsolute(expanded)) return path.normalize(expanded);
  const workspace = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  if (workspace !== undefined) return path.resolve(workspace.uri.fsPath, expanded);
  throw invalid(
    vscode.l10n.t('"{0}" is a relative path and no folder is open to resolve it against. Use an absolute path.', text),
  );
}

function parallelSetting(): number {
  const value = vscode.workspace.getConfiguration('opsManager').get<unknown>(PARALLEL_SETTING);
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 16 ? value : 3;
}

function pollSeconds(): number {
  const value = vscode.workspace.getConfiguration('opsManager').get<unknown>('watchIntervalSeconds');
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? value : 10;
}

function partInput(services: Services, ref: BatchRef, loaded: LoadedBatch, part: BatchPart): BatchPartInput {
  const jobRef: JobRef = { server: ref.server, groupId: ref.groupId, clusterId: ref.clusterId, jobId: part.job.id };
  const linkOf = (current: BatchPart): BatchPartLink => {
    const check = checkDownloadable(current.job);
    if (!check.ok) throw new OpsManagerError({ kind: 'invalid-input', message: blockerText(check, vscode.l10n) });
    const known = expectedSha1FromJob(current.job, check.url);
    return {
      url: check.url,
      headers: check.headers,
      expectedSha1: known,
      resolveExpectedSha1:
        known === undefined ? (signal) => hashAfterDownload(services, jobRef, check.url, signal) : undefined,
    };
  };
  const base = {
    jobId: part.job.id,
    name: part.name,
    role: part.role,
    fileName: part.fileName ?? `${part.name}-${part.job.id}.tar.gz`,
    snapshotId: part.job.snapshotId,
  };
  if (part.state === 'ready') return { ...base, link: linkOf(part) };
  return {
    ...base,
    link: async (signal) => {
      const cancelled = (): OpsManagerError => new OpsManagerError({ kind: 'cancelled', message: 'Cancelled.' });
      for (;;) {
        await sleep(pollSeconds() * 1000, signal, cancelled);
        const fresh = describePart(await services.fetchJob(jobRef, signal), loaded.members);
        if (fresh.state === 'ready') return linkOf(fresh);
        if (fresh.state === 'unavailable') {
          throw new OpsManagerError({
            kind: 'invalid-input',
            message:
              (fresh.blocker !== undefined ? blockerText(fresh.blocker, vscode.l10n) : undefined) ??
              vscode.l10n.t('This part can no longer be downloaded.'),
          });
        }
      }
    },
  };
}

/** "2 of 4 parts · 740.2 MB of 1.0 GB (72%) · 85.3 MB/s · 3 s left" */
export function progressLine(p: BatchProgress): string {
  const bytes = formatProgress(
    {
      received: p.receivedBytes,
      total: p.totalBytes,
      percent: p.percent,
      bytesPerSecond: p.bytesPerSecond,
      etaSeconds: p.etaSeconds,
    },
    vscode.l10n,
    vscode.env.language,
  );
  return vscode.l10n.t('{0} of {1} parts · {2}', p.partsDone, p.partsTotal, bytes);
}

function announce(ref: BatchRef, result: BatchResult, total: number): void {
  const openFolder = vscode.l10n.t('Open Folder');
  const retry = vscode.l10n.t('Retry Failed Parts');
  const showLog = vscode.l10n.t('Show Log');
  const verified = result.parts.filter((p) => p.status === 'verified').length;
  let shown: Thenable<string | undefined>;
  if (result.manifestPath !== undefined) {
    shown = vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Saved all {0} parts of the sharded restore to {1}. Every SHA-1 verified; restore-manifest.json written.',
        total,
        result.folder,
      ),
      openFolder,
    );
  } else if (result.cancelled) {
    shown = vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Download cancelled. Kept {0} verified parts in {1}; unfinished parts were removed. No manifest was written.',
        verified,
        result.folder,
      ),
      retry,
    );
  } else {
    const bad = result.parts.filter((p) => p.status !== 'verified');
    const list = bad
      // Part names and errors carry the server's text: one bounded line each, never a link in the notification.
      .map(
        (p) => `${plainText(p.name, 100)}: ${plainText(p.error?.message ?? downloadStatusText(p.status, vscode.l10n))}`,
      )
      .join(' ');
    shown = vscode.window.showErrorMessage(
      vscode.l10n.t(
        '{0} of {1} parts were not verified. {2} Verified parts were kept in {3}; no manifest was written.',
        bad.length,
        total,
        list,
        result.folder,
      ),
      retry,
      showLog,
    );
  }
  void shown.then((choice) => {
    if (choice === retry) {
      void vscode.commands.executeCommand(COMMANDS.downloadRestoreBatch, { ...ref, retry: true });
    } else if (choice === showLog) {
      void vscode.commands.executeCommand(COMMANDS.showLog);
    } else if (choice === openFolder) {
      void vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(result.folder), {
        forceNewWindow: true,
      });
    }
  });
}
