// What a person does with a file the extension saved: reveal it, open its folder, copy its path. Shared by the
// end-of-download notification and the panel's "Saved to …" line. A browser-hosted workbench (code-server) has no
// `revealFileInOS`: the file is selected in the Explorer when it is in the workspace, else its path is copied and
// the message says so.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SavedFileAction } from './downloadState';

export async function revealFile(uri: vscode.Uri): Promise<'os' | 'explorer' | 'clipboard'> {
  try {
    await vscode.commands.executeCommand('revealFileInOS', uri);
    return 'os';
  } catch {
    // not available here: fall back below
  }
  if (vscode.workspace.getWorkspaceFolder(uri) !== undefined) {
    try {
      await vscode.commands.executeCommand('revealInExplorer', uri);
      return 'explorer';
    } catch {
      // fall back to the clipboard
    }
  }
  await vscode.env.clipboard.writeText(uri.fsPath);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('This window cannot open a file manager. The path was copied to the clipboard: {0}', uri.fsPath),
  );
  return 'clipboard';
}

/** Opens the file's folder in a new window: the user's current window (and its unsaved work) is never replaced. */
export async function openContainingFolder(file: string): Promise<void> {
  await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(path.dirname(file)), {
    forceNewWindow: true,
  });
}

export async function copyPath(file: string): Promise<void> {
  await vscode.env.clipboard.writeText(file);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the path {0} to the clipboard.', file), 3000);
}

export async function runSavedFileAction(action: SavedFileAction, file: string): Promise<void> {
  if (action === 'reveal') await revealFile(vscode.Uri.file(file));
  else if (action === 'openFolder') await openContainingFolder(file);
  else await copyPath(file);
}
