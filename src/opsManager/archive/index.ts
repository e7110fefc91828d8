// The restore archive, on this machine: inspect it (restoreInfo.txt, layout, what extraction would refuse),
// extract it safely, and say how to start mongod on it. Plain Node: no `vscode` here.
export { archiveBaseName, isArchiveName, orderBatchParts, type BatchPart, type PartRole } from './batch';
export { normaliseEntryName, type Refusal } from './entryPolicy';
export { ArchiveError, isArchiveError, type ArchiveErrorCode } from './errors';
export { checkDestination, defaultFreeSpace, extractArchive, type ExtractOptions, type ExtractResult } from './extract';
export { inspectArchive, type ArchiveInspection, type ArchiveProgress, type InspectOptions } from './inspect';
export {
  buildMongodCommand,
  findFreePort,
  quoteArg,
  quoteCommand,
  type KmipSettings,
  type MongodCommand,
  type MongodCommandInput,
  type MongodNote,
  type Shell,
} from './mongod';
export {
  oplogTimestamp,
  parseRestoreInfo,
  type OplogTimestamp,
  type RestoreInfo,
  type RestoreInfoLine,
} from './restoreInfo';
