// One wrapper around every command (as vscode-azuretools does): cancellation is silent, failures are logged in
// full and shown as one short message with the action that fixes them and "Show Log". Nothing is rethrown: a
// throwing command run from the palette would show VS Code's modal "Command resulted in an error" instead.
import * as vscode from 'vscode';
import { describeError, maskSecrets } from './log';
import { isCancellation } from '../opsManager/common';
import type { Services } from './services';
import { stringField } from './args';
import { explainError, type FixAction, showLogAction } from './errorHelp';
import { COMMANDS } from './commandIds';
import { errorText } from './errorText';

/** Thrown (or returned as undefined) when the user dismissed a prompt: ends the command without a message. */
export class UserCancelledError extends Error {
  /** The error kind isCancellation() looks for, whichever bundle asks. */
  readonly kind = 'cancelled';
  constructor() {
    super('Cancelled by the user');
    this.name = 'UserCancelledError';
  }
}

export type CommandHandler = (...args: unknown[]) => unknown;

/** Logs and shows a failure: what the wrapper does with an error a command throws. */
function reportError(services: Pick<Services, 'log'>, commandId: string, error: unknown, server?: string): void {
  if (isCancellation(error) || error instanceof vscode.CancellationError) {
    services.log.debug(`${commandId}: cancelled`);
    return;
  }
  services.log.error(`${commandId} failed: ${describeError(error)}`);
  if (error instanceof Error && error.stack) services.log.debug(maskSecrets(error.stack));
  const help = explainError(error, server);
  const actions: FixAction[] = [...help.actions.filter((a) => a.command !== COMMANDS.showLog), showLogAction()].slice(
    0,
    3,
  );
  const text = errorText(error, vscode.l10n);
  void vscode.window.showErrorMessage(text, ...actions.map((a) => a.label)).then((choice) => {
    const action = actions.find((a) => a.label === choice);
    if (action !== undefined) void vscode.commands.executeCommand(action.command, ...action.args);
  });
}

/** Registers `id` with the wrapper; the handler's result is the command's result (undefined after a failure). */
export function registerCommand(
  context: vscode.ExtensionContext,
  services: Pick<Services, 'log'>,
  id: string,
  handler: CommandHandler,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (error) {
        reportError(services, id, error, serverOf(args[0]));
        return undefined;
      }
    }),
  );
}

function serverOf(arg: unknown): string | undefined {
  return stringField(arg, 'server');
}
