// What the batch command was given: nothing (palette), the batch node of the tree, the batch panel's
// `{server, groupId, clusterId, batchId}` (with `retry` for "Retry Failed Parts"), a part's JobRef (its panel),
// or `{server, groupId, clusterId, batchId, destination}` from a test or another extension (no questions asked).
// Read field by field, never cast; anything malformed is refused before any request.
import * as vscode from 'vscode';
import { booleanField, field, type JobRef, stringField } from '../core';
import { isObjectId, OpsManagerError } from '../opsManager/common';
import type { BatchRef } from './protocol';

export interface BatchArgs {
  ref?: BatchRef;
  /** A part of the batch: its batchId is read from the job. */
  part?: JobRef;
  /** A folder: the batch gets a new folder inside it. */
  destination?: string;
  /** Download only the parts not verified by the last run into the same folder. */
  retry?: boolean;
  /** With a destination: wait for parts still being prepared (default true). */
  wait?: boolean;
}

export function parseBatchArgs(arg: unknown): BatchArgs {
  if (arg === undefined || arg === null) return {};
  if (typeof arg !== 'object') {
    throw invalid(vscode.l10n.t('The sharded restore command expects a batch, not "{0}".', String(arg).slice(0, 40)));
  }
  const nested = field(arg, 'ref');
  const source = typeof nested === 'object' && nested !== null ? nested : arg;
  const out: BatchArgs = {};
  const destination = stringField(arg, 'destination');
  if (destination !== undefined) {
    if (destination.trim() === '') throw invalid(vscode.l10n.t('The destination given to the command is empty.'));
    out.destination = destination;
  }
  if (booleanField(arg, 'retry') === true) out.retry = true;
  const wait = booleanField(arg, 'wait');
  if (wait !== undefined) out.wait = wait;

  const server = stringField(source, 'server');
  const groupId = stringField(source, 'groupId')?.trim();
  const clusterId = stringField(source, 'clusterId')?.trim();
  const batchId = stringField(source, 'batchId')?.trim();
  const jobId = stringField(source, 'jobId')?.trim();
  if ([server, groupId, clusterId, batchId, jobId].every((v) => v === undefined)) return out;
  if (server === undefined || server.trim() === '') {
    throw invalid(vscode.l10n.t('The sharded restore command needs the server name as well as the IDs.'));
  }
  if (!isObjectId(groupId)) {
    throw invalid(vscode.l10n.t('The group ID "{0}" is not 24 hexadecimal characters.', groupId ?? ''));
  }
  if (!isObjectId(clusterId)) {
    throw invalid(
      vscode.l10n.t(
        'The cluster ID "{0}" is not 24 hexadecimal characters. Give the sharded cluster\'s ID.',
        clusterId ?? '',
      ),
    );
  }
  if (batchId !== undefined) {
    if (!isObjectId(batchId)) {
      throw invalid(vscode.l10n.t('The batch ID "{0}" is not 24 hexadecimal characters.', batchId));
    }
    out.ref = {
      server,
      groupId: groupId.toLowerCase(),
      clusterId: clusterId.toLowerCase(),
      batchId: batchId.toLowerCase(),
    };
    return out;
  }
  if (!isObjectId(jobId)) {
    throw invalid(vscode.l10n.t('The sharded restore command needs a batch ID or the ID of one of its restore jobs.'));
  }
  out.part = { server, groupId: groupId.toLowerCase(), clusterId: clusterId.toLowerCase(), jobId: jobId.toLowerCase() };
  return out;
}

/** One key per batch: one download of it at a time, and the folder a retry continues in. */
export function batchKey(ref: BatchRef): string {
  return [ref.server, ref.groupId, ref.clusterId, ref.batchId].join('\u0000');
}

export function invalid(message: string): OpsManagerError {
  return new OpsManagerError({ kind: 'invalid-input', message });
}
