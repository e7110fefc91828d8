// Sharded restores as one unit: the batch panel and "Download Sharded Restore…", wired through the shared
// command wrapper. The explorer's batch nodes reach this feature through the command IDs only.
import * as vscode from 'vscode';
import { COMMANDS, registerCommand, type Services } from '../core';
import { parseBatchArgs } from './args';
import { BatchRuns, downloadRestoreBatch } from './command';
import { BatchPanels } from './panel';

export type { BatchCommandResult } from './command';
export type { BatchPanels } from './panel';

/**
 * Registers `opsManager.downloadRestoreBatch` (arguments: none, a batch node, `{server, groupId, clusterId,
 * batchId, destination?, wait?, retry?}`, or a part's JobRef; resolves to the folder, the manifest path and every
 * part's outcome) and `opsManager.openRestoreBatch` (the batch panel; same arguments).
 */
export function registerBatchFeature(context: vscode.ExtensionContext, services: Services): BatchPanels {
  const panels = new BatchPanels(context.extensionUri, services);
  const runs = new BatchRuns();
  context.subscriptions.push(panels, runs);
  registerCommand(context, services, COMMANDS.downloadRestoreBatch, (arg) =>
    downloadRestoreBatch({ services, panels, runs }, arg),
  );
  registerCommand(context, services, COMMANDS.openRestoreBatch, (arg) => {
    const ref = parseBatchArgs(arg).ref;
    if (ref === undefined) {
      throw new Error(vscode.l10n.t('Open a sharded restore from its node in the Ops Manager view.'));
    }
    panels.show(ref);
  });
  return panels;
}
