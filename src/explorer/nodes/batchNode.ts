// A sharded restore: the restore jobs sharing a batchId under one node ("Nov 26 18:33" · "4 parts · ready" or
// "4 parts · 2 of 4 ready"), each part named by its shard or replica set, or as the config server, with its own
// status. The node carries the batch's IDs as own properties, so the batch commands accept it from the menu.
import * as vscode from 'vscode';
import type { BatchPart, RestoreBatch } from '../../opsManager/api';
import { jobDescription } from '../jobPresentation';
import { fieldsTooltip } from '../markdown';
import { TreeNode } from './common';
import { RestoreJobNode } from './restoreJobNode';
import { COMMANDS, plainText } from '../../core';

export class BatchNode extends TreeNode {
  readonly server: string;
  readonly groupId: string;
  readonly clusterId: string;
  readonly batchId: string;

  constructor(
    parent: TreeNode & { server: string; groupId: string; clusterId: string },
    readonly batch: RestoreBatch,
    /** When the parts' jobs were listed (epoch ms), handed on to the part nodes. */
    private readonly listedAt: number,
  ) {
    super(`${parent.id}/batch:${batch.batchId}`, parent);
    this.server = parent.server;
    this.groupId = parent.groupId;
    this.clusterId = parent.clusterId;
    this.batchId = batch.batchId;
  }

  getTreeItem(): vscode.TreeItem {
    const batch = this.batch;
    const when = shortDate(batch.created) ?? batch.batchId;
    const item = new vscode.TreeItem(when, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = statusText(batch);
    item.contextValue = batch.status === 'unavailable' ? 'restoreBatch' : 'restoreBatch downloadable';
    item.iconPath = new vscode.ThemeIcon(
      'layers',
      new vscode.ThemeColor(
        batch.status === 'ready' ? 'charts.green' : batch.status === 'unavailable' ? 'charts.red' : 'charts.blue',
      ),
    );
    item.tooltip = fieldsTooltip(vscode.l10n.t('Sharded restore {0}', batch.batchId), [
      [vscode.l10n.t('Status'), statusText(batch)],
      [vscode.l10n.t('Snapshot'), batch.snapshotTime],
      [vscode.l10n.t('Created'), batch.created],
      [vscode.l10n.t('Batch ID'), batch.batchId],
      [vscode.l10n.t('Parts'), batch.parts.map((p) => p.name).join(', ')],
    ]);
    item.accessibilityInformation = {
      label: vscode.l10n.t('Sharded restore created {0}, {1}', when, statusText(batch)),
    };
    item.command = {
      command: COMMANDS.openRestoreBatch,
      title: vscode.l10n.t('Open Sharded Restore'),
      arguments: [{ server: this.server, groupId: this.groupId, clusterId: this.clusterId, batchId: this.batchId }],
    };
    return item;
  }

  override getChildren(): Promise<TreeNode[]> {
    return Promise.resolve(this.batch.parts.map((part) => new BatchPartNode(this, part, this.listedAt)));
  }
}

/** One part: the restore job node, labelled with the part's name and role. */
export class BatchPartNode extends RestoreJobNode {
  constructor(
    parent: BatchNode,
    readonly part: BatchPart,
    listedAt: number,
  ) {
    super(parent, part.job, listedAt);
  }

  override getTreeItem(): vscode.TreeItem {
    const item = super.getTreeItem();
    const part = this.part;
    item.label = plainText(part.name);
    const role =
      part.role === 'config'
        ? vscode.l10n.t('Config server')
        : part.role === 'shard'
          ? vscode.l10n.t('Shard')
          : undefined;
    item.description = [role, jobDescription(part.job)].filter((s) => s !== undefined && s !== '').join(' · ');
    if (part.nameSource !== 'cluster-list') {
      const source =
        part.nameSource === 'cluster-name'
          ? vscode.l10n.t('Named from the job’s clusterName.')
          : part.nameSource === 'file-name'
            ? vscode.l10n.t('Named from its archive file name.')
            : vscode.l10n.t('No shard name is known for this part.');
      item.tooltip = new vscode.MarkdownString(source)
        .appendMarkdown('\n\n')
        .appendMarkdown(
          item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? ''),
        );
    }
    item.accessibilityInformation = {
      label: vscode.l10n.t('Part {0}, {1}', plainText(part.name), String(item.description)),
    };
    return item;
  }
}

/** "4 parts · ready", "4 parts · 2 of 4 ready", "4 parts · being prepared", "4 parts · 1 cannot be downloaded". */
export function statusText(batch: RestoreBatch): string {
  const total = batch.parts.length;
  switch (batch.status) {
    case 'ready':
      return vscode.l10n.t('{0} parts · ready', total);
    case 'partly-ready':
      return vscode.l10n.t('{0} parts · {1} of {0} ready', total, batch.readyCount);
    case 'preparing':
      return vscode.l10n.t('{0} parts · being prepared', total);
    case 'unavailable':
      return vscode.l10n.t(
        '{0} parts · {1} cannot be downloaded',
        total,
        batch.parts.filter((p) => p.state === 'unavailable').length,
      );
  }
}

/** "Nov 26 18:33" in the UI language. */
function shortDate(iso: string | undefined): string | undefined {
  if (iso === undefined) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(vscode.env.language, {
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(date);
  } catch {
    return date.toISOString().slice(0, 16).replace('T', ' ');
  }
}
