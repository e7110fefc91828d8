// The address of one restore job on one configured server: the one type, the one reader of untrusted input
// (command arguments, tree nodes, saved webview state) and the one identity key. The webview script shares this
// file, so it imports only src/opsManager/common (no Node, no `vscode`).
import { isHostId, isObjectId, isRecord } from '../opsManager/common';

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

/** Which part of a job reference is missing or malformed; the VS Code layers word it. */
export type JobRefProblem =
  | { code: 'server-missing' }
  | { code: 'group-id-invalid'; value: string }
  | { code: 'job-id-invalid'; value: string }
  | { code: 'cluster-id-invalid'; value: string }
  | { code: 'host-id-invalid'; value: string }
  | { code: 'parent-missing' };

export type JobRefReading = { ref: JobRef } | { problem: JobRefProblem } | { empty: true };

function text(value: unknown, key: string): string | undefined {
  if (!isRecord(value)) return undefined;
  const field = value[key];
  return typeof field === 'string' ? field.trim() : undefined;
}

/**
 * Reads a job reference from untrusted input. IDs are trimmed and ObjectIds lower-cased (they are case-insensitive);
 * host IDs keep their spelling for the URL, and the key compares them case-insensitively. `{empty: true}` when the input names no job at all.
 */
export function readJobRef(value: unknown): JobRefReading {
  const server = text(value, 'server');
  const groupId = text(value, 'groupId');
  const clusterId = text(value, 'clusterId');
  const hostId = text(value, 'hostId');
  const jobId = text(value, 'jobId');
  if ([server, groupId, clusterId, hostId, jobId].every((part) => part === undefined)) return { empty: true };
  if (server === undefined || server === '') return { problem: { code: 'server-missing' } };
  if (!isObjectId(groupId)) return { problem: { code: 'group-id-invalid', value: groupId ?? '' } };
  if (!isObjectId(jobId)) return { problem: { code: 'job-id-invalid', value: jobId ?? '' } };
  const ref: JobRef = { server, groupId: groupId.toLowerCase(), jobId: jobId.toLowerCase() };
  if (clusterId !== undefined) {
    if (!isObjectId(clusterId)) return { problem: { code: 'cluster-id-invalid', value: clusterId } };
    ref.clusterId = clusterId.toLowerCase();
  } else if (hostId !== undefined) {
    if (!isHostId(hostId)) return { problem: { code: 'host-id-invalid', value: hostId } };
    ref.hostId = hostId;
  } else {
    return { problem: { code: 'parent-missing' } };
  }
  return { ref };
}

/** A valid job reference from untrusted input, or undefined. */
export function parseJobRef(value: unknown): JobRef | undefined {
  const reading = readJobRef(value);
  return 'ref' in reading ? reading.ref : undefined;
}

/** One job's identity: panels, running downloads and tree nodes all key by it. */
export function jobRefKey(ref: JobRef): string {
  return [
    ref.server,
    ref.groupId.toLowerCase(),
    ref.clusterId?.toLowerCase() ?? '',
    ref.hostId?.toLowerCase() ?? '',
    ref.jobId.toLowerCase(),
  ].join('\u0000');
}

/** A copy without extra properties, so nothing handed out aliases another holder's reference. */
export function copyJobRef(ref: JobRef): JobRef {
  const copy: JobRef = { server: ref.server, groupId: ref.groupId, jobId: ref.jobId };
  if (ref.clusterId !== undefined) copy.clusterId = ref.clusterId;
  if (ref.hostId !== undefined) copy.hostId = ref.hostId;
  return copy;
}
