// The download command, wired through the shared command wrapper (silent on cancel, "Show Log" on failure).
import type * as vscode from 'vscode';
import { COMMANDS, registerCommand, type Services } from '../core';
import { type DownloadPanels, downloadRestoreArchive } from './downloadCommand';
import { DownloadTracker } from './tracker';

/**
 * Registers `opsManager.downloadRestoreArchive`. Arguments: none (asks for a job), a JobRef (panel), a tree node
 * with a `ref` property, or `{server, groupId, clusterId|hostId, jobId, destination?, overwrite?}` (no prompts
 * when `destination` is given). Resolves to `{path, sha1, verified, bytes}`, or undefined when nothing was saved.
 */
export function registerDownloadCommand(
  context: vscode.ExtensionContext,
  services: Services,
  panels: DownloadPanels,
): void {
  const tracker = new DownloadTracker();
  context.subscriptions.push(tracker);
  registerCommand(context, services, COMMANDS.downloadRestoreArchive, (arg) =>
    downloadRestoreArchive({ context, services, panels, tracker }, arg),
  );
}
