// The small commands behind the tree: refresh, open a job, copy an ID, open the settings, show the log.
import * as vscode from 'vscode';
import { OpsManagerError } from '../opsManager/common';
import type { RestoreJob } from '../opsManager/api';
import { field, type JobPanels, type JobRef, jobRefKey, plainText, requireJobRef, stringField } from '../core';
import { TreeNode } from './nodes/common';
import { ClusterNode } from './nodes/clusterNode';
import { GroupNode } from './nodes/groupNode';
import { RestoreJobNode, TREE_CLICK } from './nodes/restoreJobNode';
import type { RestoreJobsTreeProvider } from './provider';
import type { RepeatActivation } from './repeatActivation';

/** What the tree's commands need. */
export interface ExplorerDeps {
  tree: RestoreJobsTreeProvider;
  panels: JobPanels;
  /** The tree's selected node: what a command run from a keybinding (no argument) acts on. */
  selected?: () => unknown;
  /** Tells a double click on a job row from a single one. */
  clicks?: RepeatActivation;
}

export function refresh(deps: ExplorerDeps, arg: unknown): void {
  if (arg instanceof TreeNode) {
    deps.tree.refresh(arg);
  } else if (stringField(arg, 'server') !== undefined) {
    deps.tree.refreshMatching({
      server: stringField(arg, 'server'),
      groupId: stringField(arg, 'groupId'),
      clusterId: stringField(arg, 'clusterId'),
      jobId: stringField(arg, 'jobId'),
    });
  } else {
    deps.tree.refresh();
  }
}

function isRestoreJob(value: unknown): value is RestoreJob {
  return (
    typeof field(value, 'id') === 'string' &&
    typeof field(value, 'raw') === 'object' &&
    typeof field(value, 'extra') === 'object'
  );
}

/**
 * Tree click ([JobRef, job, TREE_CLICK, listedAt]), context menu (the node), a keybinding (the selected node) or a
 * caller's JobRef. A single click shows the job in the preview panel; a double click (a second click on the same
 * row, see repeatActivation.ts) pins it. Every other way in opens a pinned panel, as VS Code's own "Open" commands
 * do. The tree's copy of the job is shown at once with the time it was listed, so the panel fetches it again when
 * that copy is old.
 */
export async function openRestoreJob(
  deps: ExplorerDeps,
  given: unknown,
  second: unknown,
  third?: unknown,
  fourth?: unknown,
): Promise<void> {
  const arg = given ?? deps.selected?.();
  if (arg === undefined || (arg instanceof TreeNode && !(arg instanceof RestoreJobNode))) {
    throw new OpsManagerError({
      kind: 'invalid-input',
      message: vscode.l10n.t('Select a restore job in the Ops Manager view first.'),
    });
  }
  const ref: JobRef = arg instanceof RestoreJobNode ? arg.ref : requireJobRef(arg);
  const job = arg instanceof RestoreJobNode ? arg.job : isRestoreJob(second) ? second : undefined;
  const click = third === TREE_CLICK;
  const preview = click && !(deps.clicks?.isRepeat(jobRefKey(ref)) ?? false);
  // From a row's arguments only a real past time counts: a future one would mark the copy fresh for good.
  const listedAt =
    arg instanceof RestoreJobNode
      ? arg.listedAt
      : click && typeof fourth === 'number' && fourth > 0 && fourth <= Date.now()
        ? fourth
        : undefined;
  await deps.panels.show(ref, job, listedAt === undefined ? { preview } : { preview, fetchedAt: new Date(listedAt) });
}

export async function copyId(arg: unknown): Promise<string> {
  let id: string | undefined;
  let message: (id: string) => string;
  if (arg instanceof RestoreJobNode) {
    id = arg.jobId;
    message = (value) => vscode.l10n.t('Copied restore job ID {0}.', value);
  } else if (arg instanceof ClusterNode) {
    id = arg.clusterId;
    message = (value) => vscode.l10n.t('Copied cluster ID {0}.', value);
  } else if (arg instanceof GroupNode) {
    id = arg.groupId;
    message = (value) => vscode.l10n.t('Copied group ID {0}.', value);
  } else {
    id = stringField(arg, 'id') ?? stringField(arg, 'jobId');
    message = (value) => vscode.l10n.t('Copied {0}.', value);
  }
  if (id === undefined) {
    throw new OpsManagerError({ kind: 'invalid-input', message: vscode.l10n.t('There is no ID to copy here.') });
  }
  await vscode.env.clipboard.writeText(id);
  // The ID as listed by the server: copied exactly, shown safely.
  void vscode.window.showInformationMessage(message(plainText(id, 60)));
  return id;
}

export async function openSettings(arg: unknown): Promise<void> {
  const query = typeof arg === 'string' && arg.startsWith('opsManager') ? arg : 'opsManager.servers';
  await vscode.commands.executeCommand('workbench.action.openSettings', query);
}
