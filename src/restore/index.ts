// "Create Restore Job…": what extension.ts wires. The feature talks to the tree, the panel and the downloads only
// through Services, the panel contract and command IDs: it imports no other feature.
import type * as vscode from 'vscode';
import { COMMANDS, type JobPanels, registerCommand, type Services } from '../core';
import { createRestoreJob } from './createRestoreJob';
import { RestoreWatcher } from './watcher';

export function registerRestoreCommands(
  context: vscode.ExtensionContext,
  services: Services,
  panels: JobPanels,
): vscode.Disposable {
  const watcher = new RestoreWatcher(services);
  context.subscriptions.push(watcher);
  const env = { context, services, panels, watcher };
  registerCommand(context, services, COMMANDS.createRestoreJob, (arg) => createRestoreJob(env, arg));
  // The snapshot node's inline "Restore…": the same command, with the snapshot chosen.
  registerCommand(context, services, COMMANDS.restoreSnapshot, (arg) => createRestoreJob(env, arg));
  return watcher;
}
