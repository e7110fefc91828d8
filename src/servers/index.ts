// Servers: add one (with a connection test), set or replace its API key, remove it.
import type * as vscode from 'vscode';
import { COMMANDS, registerCommand, type Services } from '../core';
import { addServer } from './addServer';
import { removeServer, setApiKey } from './serverCommands';

export function registerServerCommands(context: vscode.ExtensionContext, services: Services): void {
  registerCommand(context, services, COMMANDS.addServer, (arg) => addServer(services, arg));
  registerCommand(context, services, COMMANDS.setApiKey, (arg) => setApiKey(services, arg));
  registerCommand(context, services, COMMANDS.removeServer, (arg) => removeServer(services, arg));
}
