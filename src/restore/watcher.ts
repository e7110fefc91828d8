// Follows the jobs a create made until Ops Manager has prepared them, then says so: "Download" for a download
// link (every part of a sharded batch), a plain note for an automated restore, a warning when a job failed.
// Polls at opsManager.watchIntervalSeconds, gives up after a day, and stops when the extension is disposed.
import * as vscode from 'vscode';
import type { CreatedRestore, RestoreJob } from '../opsManager/api';
import { COMMANDS, plainText, type Services } from '../core';

const MAX_WATCH_MS = 24 * 3_600_000;

interface Target {
  server: string;
  groupId: string;
  clusterId: string;
}

function intervalMs(): number {
  const value = vscode.workspace.getConfiguration('opsManager').get<unknown>('watchIntervalSeconds');
  const seconds = typeof value === 'number' && Number.isFinite(value) ? Math.min(3600, Math.max(2, value)) : 10;
  return seconds * 1000;
}

const failed = (job: RestoreJob): boolean =>
  job.statusName === 'BROKEN' ||
  job.statusName === 'KILLED' ||
  job.delivery?.statusName === 'FAILED' ||
  job.delivery?.statusName === 'INTERRUPTED';
const automated = (job: RestoreJob): boolean =>
  job.delivery?.methodName === 'AUTOMATED_RESTORE' || job.delivery?.targetClusterId !== undefined;
const done = (job: RestoreJob): boolean =>
  failed(job) || (automated(job) ? job.statusName === 'FINISHED' : job.delivery?.statusName === 'READY');

export class RestoreWatcher implements vscode.Disposable {
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private disposed = false;

  constructor(private readonly services: Services) {}

  /**
   * `panelWatches`: the first job's panel is open and watches it; its own notification (with Download) then
   * covers a single job, so this one speaks only for a batch, a failure, or when no panel was opened.
   */
  watch(target: Target, created: CreatedRestore, panelWatches: boolean): void {
    const started = Date.now();
    const ids = created.jobs.map((j) => j.id);
    const tick = async (): Promise<void> => {
      if (this.disposed) return;
      let jobs: RestoreJob[];
      try {
        const client = await this.services.clients.get(target.server);
        jobs = await Promise.all(ids.map((id) => client.getRestoreJob(target.groupId, target.clusterId, id)));
      } catch (error) {
        this.services.log.debug(
          `Watching ${ids.join(', ')}: ${error instanceof Error ? error.message : String(error)}`,
        );
        jobs = [];
      }
      if (jobs.length > 0 && jobs.every(done)) {
        this.services.refreshTree({ ...target, jobId: ids[0] });
        if (!(panelWatches && jobs.length === 1 && !jobs.some(failed))) this.announce(target, jobs, created.batchId);
        return;
      }
      if (Date.now() - started < MAX_WATCH_MS) this.schedule(tick);
    };
    this.schedule(tick);
  }

  private schedule(tick: () => Promise<void>): void {
    if (this.disposed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void tick();
    }, intervalMs());
    this.timers.add(timer);
  }

  private announce(target: Target, jobs: RestoreJob[], batchId: string | undefined): void {
    const bad = jobs.filter(failed);
    if (bad.length > 0) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'Restore job {0} failed ({1}). Open it for details.',
          plainText(bad[0].id, 40),
          plainText(bad[0].statusName ?? '?', 60),
        ),
      );
      return;
    }
    if (jobs.every(automated)) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('The automated restore {0} has finished.', plainText(jobs[0].id, 40)),
      );
      return;
    }
    const download = vscode.l10n.t('Download');
    const message =
      jobs.length > 1
        ? vscode.l10n.t(
            'The sharded restore (batch {0}) is ready: {1} archives to download.',
            plainText(batchId ?? '?', 40),
            jobs.length,
          )
        : vscode.l10n.t('Restore job {0} is ready to download.', plainText(jobs[0].id, 40));
    void vscode.window.showInformationMessage(message, download).then(async (choice) => {
      if (choice !== download) return;
      const refs = jobs.map((job) => ({ ...target, jobId: job.id }));
      if (
        jobs.length > 1 &&
        batchId !== undefined &&
        (await vscode.commands.getCommands(true)).includes(COMMANDS.downloadRestoreBatch)
      ) {
        await vscode.commands.executeCommand(COMMANDS.downloadRestoreBatch, { ...target, batchId });
        return;
      }
      for (const ref of refs) await vscode.commands.executeCommand(COMMANDS.downloadRestoreArchive, ref);
    });
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
