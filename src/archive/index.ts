// The restore-archive feature: "Inspect Restore Archive…" and "Extract Restore Archive…", wired through the
// shared command wrapper. The archive package itself (tar-stream) loads on first use, not at activation.
import type * as vscode from 'vscode';
import type { Services } from '../core/services';
import { registerCommand } from '../core/wrapper';
import { extractRestoreArchive, inspectRestoreArchive } from './commands';
import { InspectionCache } from './inspections';

export const INSPECT_ARCHIVE_COMMAND = 'opsManager.inspectRestoreArchive';
export const EXTRACT_ARCHIVE_COMMAND = 'opsManager.extractRestoreArchive';
export type { ExtractCommandResult, ExtractPartResult, MongodResult } from './commands';

/**
 * Registers both commands. Arguments: none (asks), a path or Uri, or `{archive, destination?, port?, kmip?}`
 * (`archive` may be a folder of batch parts). Inspect resolves to the inspection; extract to
 * `{batch, parts: [{destination, dataPath, restoreInfo, mongod: {command, argv, port, notes, noteText}, …}]}`.
 */
export function registerArchiveCommands(context: vscode.ExtensionContext, services: Services): void {
  const env = { context, services, cache: new InspectionCache() };
  registerCommand(context, services, INSPECT_ARCHIVE_COMMAND, (arg) => inspectRestoreArchive(env, arg));
  registerCommand(context, services, EXTRACT_ARCHIVE_COMMAND, (arg) => extractRestoreArchive(env, arg));
}
