// "Download Restore Archive": fetch the job fresh, explain why it cannot be downloaded or confirm a last use,
// choose where it goes, then stream it with a cancellable progress notification mirrored in the job's panel.
// Errors are thrown as OpsManagerError for the command wrapper to show; the result is returned for callers.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  blockerText,
  errorText,
  hashAfterDownload,
  rateLimitedText,
  type DownloadProgress as PanelProgress,
  type DownloadState,
  type JobRef,
  opsManagerRuntime,
  type Services,
  transportOptions,
  UserCancelledError,
} from '../core';
import type { DownloadProgress } from '../opsManager/download';
import { checkDownloadable, expectedSha1FromJob, redactUrl, type RestoreJob } from '../opsManager/api';
import { isCancellation } from '../opsManager/common';
import { parseDownloadArgs } from './args';
import {
  configuredFolder,
  dialogDestination,
  folderDestination,
  givenDestination,
  type Destination,
} from './destination';
import { pickJobRef } from './pickJob';
import { announceSaved, progressText, toPanelProgress } from './presentation';
import type { DownloadTracker } from './tracker';

/** The part of the panel helper's RestoreJobPanels a download talks to. */
export interface DownloadPanels {
  postDownloadProgress(ref: JobRef, progress: PanelProgress): void;
  /** `cancel` comes with the running state: the panel's own Cancel button calls it. */
  postDownloadState(ref: JobRef, state: DownloadState, cancel?: () => void): void;
  refresh(ref: JobRef): Promise<void> | void;
}

export interface DownloadEnv {
  context: vscode.ExtensionContext;
  services: Services;
  panels: DownloadPanels;
  tracker: DownloadTracker;
}

export interface DownloadCommandResult {
  path: string;
  sha1: string;
  verified: boolean;
  bytes: number;
}

/** Tries to read the hash Ops Manager adds after a download this many times, a second apart. */

export async function downloadRestoreArchive(
  env: DownloadEnv,
  arg: unknown,
): Promise<DownloadCommandResult | undefined> {
  const args = parseDownloadArgs(arg);
  const ref = args.ref ?? (await pickJobRef(env.services));
  const running = env.tracker.start(ref);
  if (running === undefined) {
    const current = env.tracker.get(ref)?.destination;
    void vscode.window.showInformationMessage(
      current === undefined
        ? vscode.l10n.t('Restore job {0} is already being downloaded.', ref.jobId)
        : vscode.l10n.t('Restore job {0} is already being downloaded to {1}.', ref.jobId, current),
    );
    return undefined;
  }
  let started = false;
  try {
    const job = await fetchWithProgress(env.services, ref, running.abort.signal);
    const check = checkDownloadable(job);
    if (!check.ok) {
      env.services.log.warn(
        `Restore job ${ref.jobId} not downloadable: ${check.blocker} ${JSON.stringify(check.params)}`,
      );
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Restore job {0} cannot be downloaded. {1}', ref.jobId, blockerText(check, vscode.l10n)),
      );
      return undefined;
    }
    const noQuestions = args.destination !== undefined;
    if (check.lastUse && !noQuestions) {
      await confirmLastUse();
    }
    const destination = await chooseDestination(env, args, check.fileName, ref.jobId);
    running.destination = destination.path;
    const server = env.services.servers.require(ref.server);
    const known = expectedSha1FromJob(job, check.url);

    env.services.log.info(`Downloading restore job ${ref.jobId} from ${redactUrl(check.url)} to ${destination.path}`);
    env.panels.postDownloadState(ref, { state: 'running', message: destination.path }, () => running.abort.abort());
    started = true;
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Downloading {0}', path.basename(destination.path)),
        cancellable: true,
      },
      async (progress, token) => {
        const cancel = token.onCancellationRequested(() => running.abort.abort());
        let shownPercent = 0;
        try {
          // The HTTP stack (undici) is loaded on the first download, not at activation (src/runtimeModule.ts).
          return await opsManagerRuntime().downloadArchive({
            url: check.url,
            headers: check.headers,
            destination: destination.path,
            overwrite: destination.overwrite,
            expectedSha1: known,
            resolveExpectedSha1:
              known === undefined ? (signal) => hashAfterDownload(env.services, ref, check.url, signal) : undefined,
            signal: running.abort.signal,
            transport: transportOptions(server),
            progressIntervalMs: 250,
            onProgress: (p: DownloadProgress) => {
              const done = p.totalBytes !== undefined && p.receivedBytes >= p.totalBytes;
              const increment = p.percent !== undefined ? Math.max(0, p.percent - shownPercent) : undefined;
              shownPercent = p.percent ?? shownPercent;
              progress.report({
                message: done ? vscode.l10n.t('{0} · checking the SHA-1…', progressText(p)) : progressText(p),
                increment,
              });
              env.panels.postDownloadProgress(ref, toPanelProgress(p));
            },
          });
        } finally {
          cancel.dispose();
        }
      },
    );
    env.services.log.info(
      `Saved restore job ${ref.jobId} to ${result.path} (${result.bytes} bytes, SHA-1 ${result.sha1}, ` +
        `${result.verified ? 'verified' : `not verified: ${result.unverifiedReason ?? ''}`}, ${Math.round(result.elapsedMs)} ms)`,
    );
    env.panels.postDownloadState(ref, {
      state: result.verified ? 'verified' : 'unverified',
      path: result.path,
      message: result.verified
        ? vscode.l10n.t('Saved to {0}. SHA-1 verified.', result.path)
        : vscode.l10n.t('Saved to {0}, not verified: {1}', result.path, result.unverifiedReason ?? ''),
    });
    announceSaved(result);
    return { path: result.path, sha1: result.sha1, verified: result.verified, bytes: result.bytes };
  } catch (error) {
    if (started) {
      const cancelled = isCancellation(error);
      env.panels.postDownloadState(ref, {
        state: cancelled ? 'cancelled' : 'failed',
        message: cancelled ? vscode.l10n.t('Download cancelled; nothing was saved.') : errorText(error, vscode.l10n),
      });
    }
    throw error;
  } finally {
    env.tracker.finish(running);
    if (started) {
      // Downloads left and hashes change after a download, and an expired link shows up as such.
      void Promise.resolve(env.panels.refresh(ref)).catch(() => undefined);
      env.services.refreshTree(ref);
    }
  }
}

async function fetchWithProgress(services: Services, ref: JobRef, signal: AbortSignal): Promise<RestoreJob> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Checking restore job {0}…', ref.jobId) },
    (progress) =>
      services.fetchJob(ref, signal, ({ seconds }) =>
        progress.report({ message: rateLimitedText(seconds, vscode.l10n) }),
      ),
  );
}

async function confirmLastUse(): Promise<void> {
  const download = vscode.l10n.t('Download');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('This link can be used once.'),
    {
      modal: true,
      detail: vscode.l10n.t(
        'Downloading uses the link up (maxDownloads is 1): if the download fails or the file is lost, you will need a new restore job in Ops Manager.',
      ),
    },
    download,
  );
  if (choice !== download) {
    throw new UserCancelledError();
  }
}

async function chooseDestination(
  env: DownloadEnv,
  args: { destination?: string; overwrite?: boolean },
  fileName: string,
  jobId: string,
): Promise<Destination> {
  if (args.destination !== undefined) {
    return givenDestination(args.destination, fileName, args.overwrite === true);
  }
  const folder = configuredFolder();
  if (folder !== undefined) {
    return folderDestination(folder, fileName);
  }
  return dialogDestination(env.context, fileName, jobId);
}
