// The streaming download engine: one archive from a backup host to disk, SHA-1 while streaming, verified before an
// atomic rename. Values pull in undici: the VS Code layer reaches downloadArchive through src/opsManager/runtime.ts.
export { downloadArchive } from './download';
export type { DownloadOptions, DownloadResult } from './download';
export type { HashingMode } from './hasher';
export type { DownloadProgress } from './progress';
// Types only beside the two values runtime.ts needs: a value import would pull the engine into the main bundle.
export { createBatchFolder, downloadBatch } from './batch';
export type * from './batch';
