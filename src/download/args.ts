// What the download command was given: nothing (palette), a JobRef (panel button), a tree node carrying `ref`,
// or `{server, groupId, clusterId|hostId, jobId, destination?, overwrite?}` from a test or another extension.
// Read field by field, never cast; anything malformed is refused before any request.
import * as vscode from 'vscode';
import { booleanField, field, type JobRef, readJobRef, requireJobRef, stringField } from '../core';
import { OpsManagerError } from '../opsManager/common';

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
  const reading = readJobRef(source);
  if ('empty' in reading) {
    return out; // nothing about a job: ask for one
  }
  out.ref = requireJobRef(source);
  return out;
}

function invalid(message: string): OpsManagerError {
  return new OpsManagerError({ kind: 'invalid-input', message });
}
