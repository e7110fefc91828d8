// The Ops Manager public API v1.0: the typed client, the model parsed from JSON with checks, IDs and URLs, and
// what a restore job allows (can it be downloaded, under which file name, with which hash).
// The client class is exported as a type only: its value pulls in undici, which the VS Code layer loads lazily
// through src/opsManager/runtime.ts (activation speed).
export type { ClientOptions, ListOptions, OpsManagerClient, RequestOptions } from './client';
export * from './clusterHierarchy';
export * from './downloadable';
export * from './fileName';
export * from './model';
export * from './batch';
