// Registers every command through the wrapper.
import type { CommandDeps } from './commandDeps';
import { addServer } from '../servers/addServer';
import { fetchRestoreJob } from '../lookup/fetchRestoreJob';
import { removeServer, setApiKey } from '../servers/serverCommands';
import { copyId, openRestoreJob, openSettings, refresh } from '../explorer/viewCommands';
import { registerCommand } from './wrapper';

export function registerCommands(deps: CommandDeps): void {
  const { context, services } = deps;
  registerCommand(context, services, 'opsManager.addServer', (arg) => addServer(deps, arg));
  registerCommand(context, services, 'opsManager.setApiKey', (arg) => setApiKey(deps, arg));
  registerCommand(context, services, 'opsManager.removeServer', (arg) => removeServer(deps, arg));
  registerCommand(context, services, 'opsManager.refresh', (arg) => refresh(deps, arg));
  registerCommand(context, services, 'opsManager.fetchRestoreJob', (arg) => fetchRestoreJob(deps, arg));
  registerCommand(context, services, 'opsManager.openRestoreJob', (arg, second) => openRestoreJob(deps, arg, second));
  registerCommand(context, services, 'opsManager.copyId', (arg) => copyId(arg));
  registerCommand(context, services, 'opsManager.openSettings', (arg) => openSettings(arg));
  registerCommand(context, services, 'opsManager.showLog', () => services.log.show());
}
