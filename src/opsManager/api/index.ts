// The Ops Manager public API v1.0: the typed client, the model parsed from JSON with checks, snapshots and
// creating restore jobs, what a restore job allows (can it be downloaded, under which file name, with which hash),
// and sharded batches. The client class is exported as a type only: its value pulls in undici, which the VS Code
// layer loads lazily through src/opsManager/runtime.ts (activation speed).
export type {
  ClientOptions,
  CreatedRestore,
  CreateRestoreOptions,
  ListOptions,
  OpsManagerClient,
  RequestOptions,
  SnapshotListOptions,
} from './client';
export * from './batch';
export * from './clusterHierarchy';
export * from './createRestore';
export * from './downloadable';
export * from './fileName';
export * from './model';
export * from './snapshots';
