// Where the archive goes: a path given by the caller (no questions), the `opsManager.downloadDirectory` setting,
// or a save dialog. An existing file is replaced only when someone said so: the caller's `overwrite`, our modal
// question, or the save dialog's own confirmation (both the native dialog and code-server's simple dialog ask,
// so we do not ask twice).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { downloadDirectorySetting, expandHome, UserCancelledError } from '../core';
import { OpsManagerError } from '../opsManager/common';

const LAST_FOLDER_KEY = 'opsManager.lastDownloadFolder';

export interface Destination {
  path: string;
  overwrite: boolean;
}

/** A path given as an argument: a file, or a folder (existing, or ending with a separator). Asks nothing. */
export async function givenDestination(given: string, fileName: string, overwrite: boolean): Promise<Destination> {
  const absolute = absolutePath(given, vscode.l10n.t('The destination "{0}"', given));
  const endsWithSeparator = /[\\/]$/u.test(given);
  if (endsWithSeparator || (await isDirectory(absolute))) {
    await makeFolder(absolute);
    return { path: path.join(absolute, fileName), overwrite };
  }
  return { path: absolute, overwrite };
}

/** The download folder setting, or undefined when it is empty. */
export function configuredFolder(): string | undefined {
  const value = downloadDirectorySetting();
  return value === undefined
    ? undefined
    : absolutePath(value, vscode.l10n.t('The opsManager.downloadDirectory setting "{0}"', value));
}

/** `fileName` inside the configured folder; asks before replacing a file that is already there. */
export async function folderDestination(folder: string, fileName: string): Promise<Destination> {
  await makeFolder(folder);
  const target = path.join(folder, fileName);
  if (!(await exists(target))) {
    return { path: target, overwrite: false };
  }
  const replace = vscode.l10n.t('Replace');
  const keepBoth = vscode.l10n.t('Keep Both');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} already exists in {1}. Replace it?', fileName, folder),
    { modal: true, detail: vscode.l10n.t('"Keep Both" saves the new download under a numbered name.') },
    replace,
    keepBoth,
  );
  if (choice === replace) {
    return { path: target, overwrite: true };
  }
  if (choice === keepBoth) {
    return { path: await freeName(folder, fileName), overwrite: false };
  }
  throw new UserCancelledError();
}

/** The save dialog, starting in the last folder used (else the workspace, else home) with the default name. */
export async function dialogDestination(
  context: vscode.ExtensionContext,
  fileName: string,
  jobId: string,
): Promise<Destination> {
  const remembered = context.globalState.get<unknown>(LAST_FOLDER_KEY);
  const start =
    typeof remembered === 'string' && (await isDirectory(remembered))
      ? remembered
      : (vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath ?? os.homedir());
  const uri = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.file(path.join(start, fileName)),
    saveLabel: vscode.l10n.t('Download'),
    title: vscode.l10n.t('Save the archive of restore job {0}', jobId),
    filters: { [vscode.l10n.t('Compressed archives')]: ['tar.gz', 'tgz', 'gz'], [vscode.l10n.t('All files')]: ['*'] },
  });
  if (uri === undefined) {
    throw new UserCancelledError();
  }
  if (uri.scheme !== 'file') {
    throw new OpsManagerError({
      kind: 'invalid-input',
      message: vscode.l10n.t(
        'The archive can only be saved on the machine where the extension runs; {0} is somewhere else. Choose a folder there (or set opsManager.downloadDirectory).',
        uri.toString(true),
      ),
    });
  }
  const chosen = uri.fsPath;
  await context.globalState.update(LAST_FOLDER_KEY, path.dirname(chosen));
  // The dialog already asked whether to replace an existing file.
  return { path: chosen, overwrite: await exists(chosen) };
}

/** `name (1).tar.gz`, `name (2).tar.gz`, … the first that does not exist. */
export async function freeName(folder: string, fileName: string): Promise<string> {
  const match = /^(.*?)((?:\.[A-Za-z0-9]{1,8}){0,2})$/u.exec(fileName);
  const stem = match?.[1] !== undefined && match[1] !== '' ? match[1] : fileName;
  const extension = stem === fileName ? '' : (match?.[2] ?? '');
  for (let n = 1; n < 1000; n++) {
    const candidate = path.join(folder, `${stem} (${n})${extension}`);
    if (!(await exists(candidate))) {
      return candidate;
    }
  }
  throw new OpsManagerError({
    kind: 'io',
    message: vscode.l10n.t('Too many files named like {0} in {1}.', fileName, folder),
  });
}

function absolutePath(text: string, what: string): string {
  const expanded = expandHome(text);
  if (path.isAbsolute(expanded)) {
    return path.normalize(expanded);
  }
  const workspace = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  if (workspace !== undefined) {
    return path.resolve(workspace.uri.fsPath, expanded);
  }
  throw new OpsManagerError({
    kind: 'invalid-input',
    message: vscode.l10n.t(
      '{0} is a relative path and no folder is open to resolve it against. Use an absolute path.',
      what,
    ),
  });
}

async function makeFolder(folder: string): Promise<void> {
  try {
    await fs.promises.mkdir(folder, { recursive: true });
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'error';
    throw new OpsManagerError({
      kind: 'io',
      message: vscode.l10n.t('Cannot create the download folder {0} ({1}). Choose another folder.', folder, code),
      cause: error,
    });
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.promises.lstat(file);
    return true;
  } catch {
    return false;
  }
}

async function isDirectory(file: string): Promise<boolean> {
  try {
    return (await fs.promises.stat(file)).isDirectory();
  } catch {
    return false;
  }
}
