// The address of one restore job on one configured server. Pure (no imports): the webview script shares it.

/** Identifies one restore job on one configured server. */
export interface JobRef {
  /** Server name from the `opsManager.servers` setting. */
  server: string;
  groupId: string;
  /** Restore jobs of a replica set or sharded cluster. */
  clusterId?: string;
  /** Restore jobs of a config server (SCCC), asked of the host. */
  hostId?: string;
  jobId: string;
}
