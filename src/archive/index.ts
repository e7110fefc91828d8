// The restore-archive feature: "Inspect Restore Archive…" and "Extract Restore Archive…", wired through the
// shared command wrapper. The archive package itself (tar-stream) loads on first use, not at activation.
import type * as vscode from 'vscode';
import { COMMANDS, registerCommand, type Services } from '../core';
import { extractRestoreArchive, inspectRestoreArchive } from './commands';
import { InspectionCache } from './inspections';

export type { ExtractCommandResult, ExtractPartResult, MongodResult } from './commands';

/**
 * Registers both commands. Arguments: none (asks), a path or Uri, or `{archive, destination?, port?, kmip?}`
 * (`archive` may be a folder of batch parts). Inspect resolves to the inspection; extract to
 * `{batch, parts: [{destination, dataPath, restoreInfo, mongod: {command, argv, port, notes, noteText}, …}]}`.
 */
export function registerArchiveCommands(context: vscode.ExtensionContext, services: Services): void {
  const env = { context, services, cache: new InspectionCache() };
  registerCommand(context, services, COMMANDS.inspectRestoreArchive, (arg) => inspectRestoreArchive(env, arg));
  registerCommand(context, services, COMMANDS.extractRestoreArchive, (arg) => extractRestoreArchive(env, arg));
}
