// The restore-job panel: what the rest of the extension uses.
import * as vscode from 'vscode';
import type { Services } from '../core';
import { RESTORE_JOB_VIEW_TYPE, RestoreJobPanels } from './RestoreJobPanels';

export { RESTORE_JOB_VIEW_TYPE, RestoreJobPanels, type PanelSnapshot, type ShowOptions } from './RestoreJobPanels';

/** Creates the panel controller and the serializer that brings panels back after a window reload. */
export function registerRestoreJobPanels(context: vscode.ExtensionContext, services: Services): RestoreJobPanels {
  const panels = new RestoreJobPanels(context.extensionUri, services);
  context.subscriptions.push(
    panels,
    vscode.window.registerWebviewPanelSerializer(RESTORE_JOB_VIEW_TYPE, {
      deserializeWebviewPanel: (panel: vscode.WebviewPanel, state: unknown) => panels.restore(panel, state),
    }),
  );
  return panels;
}
