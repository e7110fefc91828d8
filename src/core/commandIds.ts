// Every command the extension registers, by one name each. package.json's `contributes.commands` must list the
// same IDs (test/unit/core/commandIds.test.ts checks both ways).
export const COMMANDS = {
  addServer: 'opsManager.addServer',
  setApiKey: 'opsManager.setApiKey',
  removeServer: 'opsManager.removeServer',
  refresh: 'opsManager.refresh',
  fetchRestoreJob: 'opsManager.fetchRestoreJob',
  downloadRestoreArchive: 'opsManager.downloadRestoreArchive',
  showLog: 'opsManager.showLog',
  openRestoreJob: 'opsManager.openRestoreJob',
  copyId: 'opsManager.copyId',
  openSettings: 'opsManager.openSettings',
  inspectRestoreArchive: 'opsManager.inspectRestoreArchive',
  extractRestoreArchive: 'opsManager.extractRestoreArchive',
  downloadRestoreBatch: 'opsManager.downloadRestoreBatch',
  openRestoreBatch: 'opsManager.openRestoreBatch',
  createRestoreJob: 'opsManager.createRestoreJob',
  restoreSnapshot: 'opsManager.restoreSnapshot',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
