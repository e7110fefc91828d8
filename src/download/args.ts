// What the download command was given: nothing (palette), a JobRef (panel button), a tree node carrying `ref`,
// or `{server, groupId, clusterId|hostId, jobId, destination?, overwrite?}` from a test or another extension.
// Read field by field, never cast; anything malformed is refused before any request.
import * as vscode from 'vscode';
import { booleanField, field, stringField } from '../core/args';
import { OpsManagerError } from '../opsManager/common/errors';
import { isHostId, isObjectId } from '../opsManager/api/ids';
import type { JobRef } from '../core/services';

export interface DownloadArgs {
  ref?: JobRef;
  /** A file path, or a folder (existing, or ending with a separator) to put the default file name in. */
  destination?: string;
  overwrite?: boolean;
}

export function parseDownloadArgs(arg: unknown): DownloadArgs {
  if (arg === undefined || arg === null) {
    return {};
  }
  if (typeof arg !== 'object') {
    throw invalid(vscode.l10n.t('The download command expects a restore job, not "{0}".', String(arg).slice(0, 40)));
  }
  // A tree node (or anything else) that carries the job as `ref`.
  const nested = field(arg, 'ref');
  const source = typeof nested === 'object' && nested !== null ? nested : arg;
  const out: DownloadArgs = {};
  const destination = stringField(arg, 'destination');
  if (destination !== undefined) {
    if (destination.trim() === '') {
      throw invalid(vscode.l10n.t('The destination given to the download command is empty.'));
    }
    out.destination = destination;
  }
  const overwrite = booleanField(arg, 'overwrite');
  if (overwrite !== undefined) {
    out.overwrite = overwrite;
  }
  const server = stringField(source, 'server');
  const groupId = stringField(source, 'groupId')?.trim();
  const clusterId = stringField(source, 'clusterId')?.trim();
  const hostId = stringField(source, 'hostId')?.trim();
  const jobId = stringField(source, 'jobId')?.trim();
  if (
    server === undefined &&
    groupId === undefined &&
    jobId === undefined &&
    clusterId === undefined &&
    hostId === undefined
  ) {
    return out; // nothing about a job: ask for one
  }
  if (server === undefined || server.trim() === '') {
    throw invalid(vscode.l10n.t('The download command needs the server name as well as the IDs.'));
  }
  if (!isObjectId(groupId)) {
    throw invalid(vscode.l10n.t('The group ID "{0}" is not 24 hexadecimal characters.', groupId ?? ''));
  }
  if (!isObjectId(jobId)) {
    throw invalid(vscode.l10n.t('The restore job ID "{0}" is not 24 hexadecimal characters.', jobId ?? ''));
  }
  const ref: JobRef = { server, groupId: groupId.toLowerCase(), jobId: jobId.toLowerCase() };
  if (clusterId !== undefined) {
    if (!isObjectId(clusterId)) {
      throw invalid(vscode.l10n.t('The cluster ID "{0}" is not 24 hexadecimal characters.', clusterId));
    }
    ref.clusterId = clusterId.toLowerCase();
  } else if (hostId !== undefined) {
    if (!isHostId(hostId)) {
      throw invalid(vscode.l10n.t('The host ID "{0}" is not a valid host ID.', hostId));
    }
    ref.hostId = hostId;
  } else {
    throw invalid(vscode.l10n.t('The download command needs a cluster ID (or a config server host ID).'));
  }
  out.ref = ref;
  return out;
}

/** A stable key for one job: one download per job at a time. */
export function jobKey(ref: JobRef): string {
  return [ref.server, ref.groupId, ref.clusterId ?? '', ref.hostId ?? '', ref.jobId].join('\u0000');
}

function invalid(message: string): OpsManagerError {
  return new OpsManagerError({ kind: 'invalid-input', message });
}
