// Composition root: builds the services and hands them to each feature. Nothing else.
// The HTTP stack (client, undici) is not loaded here: the client cache requires it on first use.
import * as vscode from 'vscode';
import { ClientCache, COMMANDS, createLog, fetchJob, registerCommand, ServerRegistry, type Services } from './core';
import { registerArchiveCommands } from './archive';
import { registerDownloadCommand } from './download';
import { registerBatchFeature } from './batch';
import { createExplorerView, registerExplorerCommands, RestoreJobsTreeProvider } from './explorer';
import { registerRestoreJobPanels } from './jobPanel';
import { registerLookupCommand } from './lookup';
import { registerRestoreCommands } from './restore';
import { registerServerCommands } from './servers';

/** Returned by activate() for the integration tests only; not an API for other extensions. */
export interface TestApi {
  treeProvider: RestoreJobsTreeProvider;
  treeView: vscode.TreeView<unknown>;
  /** The restore-job panels (the panel suite inspects their state). */
  panels: ReturnType<typeof registerRestoreJobPanels>;
  /** Where this extension host writes its logs (the output channel's file is beside it). */
  logUri: vscode.Uri;
  /** The sharded-restore panels. */
  batchPanels: ReturnType<typeof registerBatchFeature>;
  /** Where the tree keeps what is expanded across reloads (src/explorer/expansionMemory.ts). */
  workspaceState: vscode.Memento;
}

export function activate(context: vscode.ExtensionContext): TestApi {
  const log = createLog();
  const servers = new ServerRegistry(context.secrets);
  const clients = new ClientCache(servers, log);
  const tree = new RestoreJobsTreeProvider(servers, clients, log);
  context.subscriptions.push(log, servers, clients);

  const services: Services = {
    log,
    servers,
    clients,
    fetchJob: (ref, signal, onRetryWait) => fetchJob(clients, ref, signal, onRetryWait),
    refreshTree: (ref) => tree.refreshMatching(ref),
  };

  const treeView = createExplorerView(context, tree);
  const panels = registerRestoreJobPanels(context, services);
  registerServerCommands(context, services);
  registerLookupCommand(context, { services, panels });
  registerExplorerCommands(context, services, tree, panels);
  registerRestoreCommands(context, services, panels);
  registerDownloadCommand(context, services, panels);
  registerArchiveCommands(context, services);
  const batchPanels = registerBatchFeature(context, services);
  registerCommand(context, services, COMMANDS.showLog, () => log.show());

  log.info(`Ops Manager extension activated (VS Code ${vscode.version}).`);
  return {
    treeProvider: tree,
    treeView,
    panels,
    logUri: context.logUri,
    batchPanels,
    workspaceState: context.workspaceState,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
