// The public face of src/opsManager/api for the VS Code features. Types of the client are exported as types only:
// the client (and undici behind it) is loaded lazily through src/opsManager/runtime.ts, so importing a value from
// here must never pull the HTTP stack into the activation bundle.
export type {
  ClientOptions,
  CreatedRestore,
  CreateRestoreOptions,
  ListOptions,
  OpsManagerClient,
  RequestOptions,
  SnapshotListOptions,
} from './client';
export * from './model';
export * from './ids';
export * from './clusterHierarchy';
export * from './snapshots';
export * from './createRestore';
