// Composition root: builds the services and registers the view, the commands and the panel. Nothing else.
// The HTTP stack (client, undici) is not loaded here: the client cache requires it on first use.
import * as vscode from 'vscode';
import { registerCommands } from './core/registerCommands';
import { ClientCache } from './core/clients';
import { fetchJob } from './core/jobs';
import { ServerRegistry } from './core/registry';
import { registerDownloadCommand } from './download';
import { createLog } from './core/log';
import { registerRestoreJobPanels } from './jobPanel/index';
import type { Services } from './core/services';
import { RestoreJobsTreeProvider, VIEW_ID } from './explorer/provider';

/** Returned by activate() for the integration tests only; not an API for other extensions. */
export interface TestApi {
  treeProvider: RestoreJobsTreeProvider;
  treeView: vscode.TreeView<unknown>;
  /** The restore-job panels (the panel suite inspects their state). */
  panels: ReturnType<typeof registerRestoreJobPanels>;
  /** Where this extension host writes its logs (the output channel's file is beside it). */
  logUri: vscode.Uri;
}

export function activate(context: vscode.ExtensionContext): TestApi {
  const log = createLog();
  const servers = new ServerRegistry(context.secrets);
  const clients = new ClientCache(servers, log);
  const tree = new RestoreJobsTreeProvider(servers, clients, log);
  context.subscriptions.push(log, servers, clients, tree);

  const services: Services = {
    log,
    servers,
    clients,
    fetchJob: (ref, signal, onRetryWait) => fetchJob(clients, ref, signal, onRetryWait),
    refreshTree: (ref) => tree.refreshMatching(ref),
  };

  const treeView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(treeView);

  const panels = registerRestoreJobPanels(context, services);
  registerCommands({ context, services, clientFactory: clients, tree, panels });
  registerDownloadCommand(context, services, panels);

  log.info(`Ops Manager extension activated (VS Code ${vscode.version}).`);
  return { treeProvider: tree, treeView, panels, logUri: context.logUri };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
