// A restore job: label the created time, description the delivery status, icon by status; clicking opens its panel.
// The node carries the JobRef fields (server, groupId, clusterId, hostId, jobId) as own properties, so commands
// that take a JobRef also accept the node VS Code passes from the context menu.
import * as vscode from 'vscode';
import { checkDownloadable, type RestoreJob } from '../../opsManager/api';
import { shortDateTime } from '../../opsManager/common';
import { COMMANDS, formatDateTime, type JobRef, plainText, type StatusKind, statusWords } from '../../core';
import { jobDescription, jobIcon } from '../jobPresentation';
import { fieldsTooltip } from '../markdown';
import { TreeNode } from './common';

/** The third argument of a job row's command: the row was clicked (or activated with Enter) in the tree. */
export const TREE_CLICK = 'treeClick';

export class RestoreJobNode extends TreeNode implements JobRef {
  readonly server: string;
  readonly groupId: string;
  readonly clusterId?: string;
  readonly hostId?: string;
  readonly jobId: string;
  constructor(
    parent: TreeNode & { server: string; groupId: string; clusterId?: string },
    readonly job: RestoreJob,
    /** When the job was listed (epoch ms): the panel shows this copy at once and fetches it again if it is old. */
    readonly listedAt: number,
  ) {
    super(`${parent.id}/job:${job.id}`, parent);
    this.server = parent.server;
    this.groupId = parent.groupId;
    this.clusterId = parent.clusterId;
    if (job.hostId !== undefined && parent.clusterId === undefined) this.hostId = job.hostId;
    this.jobId = job.id;
  }

  /** The plain JobRef, without the job or tree links. */
  get ref(): JobRef {
    const ref: JobRef = { server: this.server, groupId: this.groupId, jobId: this.jobId };
    if (this.clusterId !== undefined) ref.clusterId = this.clusterId;
    if (this.hostId !== undefined) ref.hostId = this.hostId;
    return ref;
  }

  getTreeItem(): vscode.TreeItem {
    const job = this.job;
    const created = formatDateTime(job.created);
    // A short label (no year this year, no seconds) so the status in the description fits the default sidebar width.
    const label = shortDateTime(job.created, new Date(), vscode.env.language, false) ?? plainText(job.id);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = jobDescription(job);
    item.iconPath = jobIcon(job);
    // `downloadable` drives the Download action's `when` clause: no Download on an expired, used-up or unready job.
    item.contextValue = checkDownloadable(job, new Date()).ok ? 'restoreJob downloadable' : 'restoreJob';
    item.tooltip = fieldsTooltip(vscode.l10n.t('Restore job {0}', job.id), [
      [vscode.l10n.t('Created'), withSent(created, job.created)],
      [vscode.l10n.t('Status'), statusWithSent('job', job.statusName)],
      [
        vscode.l10n.t('Delivery'),
        [job.delivery?.methodName, statusWithSent('delivery', job.delivery?.statusName)]
          .filter((s) => s !== undefined)
          .join(' · '),
      ],
      [vscode.l10n.t('Expires'), withSent(formatDateTime(job.delivery?.expires), job.delivery?.expires)],
      [vscode.l10n.t('Job ID'), job.id],
      [vscode.l10n.t('Cluster ID'), job.clusterId ?? this.clusterId],
      [vscode.l10n.t('Host ID'), job.hostId],
      [vscode.l10n.t('Group ID'), job.groupId ?? this.groupId],
      [vscode.l10n.t('Snapshot ID'), job.snapshotId],
      [vscode.l10n.t('Snapshot time'), formatDateTime(job.timestamp?.date)],
      [vscode.l10n.t('Batch ID'), job.batchId],
      [vscode.l10n.t('Point in time'), job.pointInTime === undefined ? undefined : String(job.pointInTime)],
    ]);
    item.accessibilityInformation = {
      label: vscode.l10n.t('Restore job created {0}, {1}', created ?? plainText(job.id), jobDescription(job)),
    };
    item.command = {
      command: COMMANDS.openRestoreJob,
      title: vscode.l10n.t('Open Restore Job'),
      // The third argument says "a click in the tree": it opens the preview panel (viewCommands.ts); the fourth
      // is when the row's copy of the job was listed.
      arguments: [this.ref, this.job, TREE_CLICK, this.listedAt],
    };
    return item;
  }
}

/**
 * For tooltips, where operators match what the API and Ops Manager's own pages show: a value in words or formatted,
 * with what the server sent beside it ("Ready (READY)"), or that text once when there is nothing else to say.
 */
function withSent(shown: string | undefined, sent: string | undefined): string | undefined {
  return shown === undefined || sent === undefined || shown === sent ? sent : vscode.l10n.t('{0} ({1})', shown, sent);
}

function statusWithSent(kind: StatusKind, sent: string | undefined): string | undefined {
  return withSent(sent === undefined ? undefined : statusWords(kind, sent, vscode.l10n), sent);
}
