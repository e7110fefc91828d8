// What each problem of a restore request means for the user and what to do next, in the UI language. The domain
// speaks codes (validation codes with their values in `parameters`, Ops Manager's errorCodes); this file words them.
import * as vscode from 'vscode';
import { formatDateTime } from '../core';
import { isRestoreProblem, RESTORE_OUTCOME_UNKNOWN, type RestoreProblemCode } from '../opsManager/api';
import { isOpsManagerError, OpsManagerError } from '../opsManager/common';

function param(error: OpsManagerError, i: number): string {
  const value = error.parameters?.[i];
  return value === undefined || value === null ? '?' : String(value);
}

/** The message for a RestoreProblemCode (exported for tests and the wizard's live validation). */
export function problemText(code: RestoreProblemCode | 'CONFIRMATION_MISMATCH', error?: OpsManagerError): string {
  const p = (i: number): string => (error === undefined ? '?' : param(error, i));
  switch (code) {
    case 'GROUP_ID_INVALID':
      return vscode.l10n.t('The project ID "{0}" is not 24 hexadecimal characters. Copy it from the tree.', p(0));
    case 'CLUSTER_ID_INVALID':
      return vscode.l10n.t(
        'The cluster ID "{0}" is not 24 hexadecimal characters (the API needs the ID, not the name). Copy it from the tree.',
        p(0),
      );
    case 'SOURCE_MISSING':
      return vscode.l10n.t(
        'Say what to restore: a snapshotId, a pointInTimeUTCMillis, an oplogTs with oplogInc, or a checkpointId.',
      );
    case 'SOURCE_AMBIGUOUS':
      return vscode.l10n.t(
        'Give exactly one of snapshotId, pointInTimeUTCMillis, oplogTs with oplogInc, or checkpointId, not several.',
      );
    case 'SNAPSHOT_ID_INVALID':
      return vscode.l10n.t(
        'The snapshot ID "{0}" is not 24 hexadecimal characters. Choose a snapshot from the list.',
        p(0),
      );
    case 'SNAPSHOT_INCOMPLETE':
      return vscode.l10n.t(
        'Snapshot {0} is not complete yet: Ops Manager cannot restore it. Wait until it completes, or choose a complete snapshot.',
        p(0),
      );
    case 'CHECKPOINT_ID_INVALID':
      return vscode.l10n.t(
        'The checkpoint ID "{0}" is not 24 hexadecimal characters. Choose a checkpoint from the list.',
        p(0),
      );
    case 'CHECKPOINT_NOT_RESTORABLE':
      return vscode.l10n.t('Checkpoint {0} is not restorable. Choose another checkpoint, or a snapshot.', p(0));
    case 'POINT_IN_TIME_INVALID':
      return vscode.l10n.t('The point in time must be a whole number of milliseconds since 1970 (UTC); got {0}.', p(0));
    case 'POINT_IN_TIME_IN_FUTURE':
      return vscode.l10n.t('{0} is in the future. Choose a time that has passed.', formatDateTime(p(0)));
    case 'POINT_IN_TIME_OUTSIDE_WINDOW':
      return error?.parameters?.[1] === undefined
        ? vscode.l10n.t(
            '{0} is outside the restorable window of this cluster. Choose a later time.',
            formatDateTime(p(0)),
          )
        : vscode.l10n.t(
            '{0} is outside the restorable window of this cluster: choose a time from {1} to {2}.',
            formatDateTime(p(0)),
            formatDateTime(p(1)),
            formatDateTime(p(2)),
          );
    case 'OPLOG_TS_INVALID':
      return vscode.l10n.t('The oplog timestamp must be whole seconds since 1970, 1 or more; got {0}.', p(0));
    case 'OPLOG_INC_INVALID':
      return vscode.l10n.t('The oplog increment must be a whole number, 1 or more; got {0}.', p(0));
    case 'SOURCE_NEEDS_AUTOMATED_RESTORE':
      return vscode.l10n.t(
        'Ops Manager restores a point in time, an oplog timestamp or a checkpoint only as an automated restore. Choose an automated restore, or restore a snapshot as a download link.',
      );
    case 'DELIVERY_METHOD_INVALID':
      return vscode.l10n.t('The delivery must be "HTTP" (a download link) or "AUTOMATED_RESTORE"; got "{0}".', p(0));
    case 'MAX_DOWNLOADS_INVALID':
      return vscode.l10n.t('The number of downloads must be a whole number, 1 or more; got {0}.', p(0));
    case 'EXPIRATION_CONFLICT':
      return vscode.l10n.t('Give the link lifetime in hours (expirationHours) or an end time (expires), not both.');
    case 'EXPIRATION_HOURS_INVALID':
      return vscode.l10n.t('The link lifetime must be a whole number of hours, 1 or more; got {0}.', p(0));
    case 'EXPIRES_INVALID':
      return vscode.l10n.t('"{0}" is not a date and time such as 2030-01-31T12:00:00Z.', p(0));
    case 'EXPIRES_IN_PAST':
      return vscode.l10n.t(
        'The link would expire at {0}, which has passed. Choose a later time.',
        formatDateTime(p(0)),
      );
    case 'EXPIRES_AFTER_SNAPSHOT_DELETION':
      return vscode.l10n.t(
        'The link would outlive the snapshot, which is deleted at {1}. Choose a shorter lifetime.',
        formatDateTime(p(0)),
        formatDateTime(p(1)),
      );
    case 'TARGET_GROUP_ID_INVALID':
      return vscode.l10n.t('The target project ID "{0}" is not 24 hexadecimal characters.', p(0));
    case 'TARGET_CLUSTER_ID_INVALID':
      return vscode.l10n.t(
        'The target cluster ID "{0}" is not 24 hexadecimal characters (the API needs the ID, not the name).',
        p(0),
      );
    case 'TARGET_IS_SOURCE':
      return vscode.l10n.t(
        'An automated restore cannot overwrite the cluster it restores from. Choose another target cluster.',
      );
    case 'CONFIRMATION_MISMATCH':
      return vscode.l10n.t(
        'An automated restore replaces all data on the target cluster: pass confirmTarget equal to the target cluster ID ({0}) to confirm it.',
        p(0),
      );
  }
}

/** The message for Ops Manager's refusal of a create, by errorCode; undefined to keep the general wording. */
function serverText(error: OpsManagerError): string | undefined {
  const code = error.errorCode ?? '';
  switch (code) {
    case 'SNAPSHOT_NOT_FOUND':
    case 'INVALID_SNAPSHOT_ID':
      return vscode.l10n.t(
        'Ops Manager has no such snapshot for this cluster: it may have expired or been deleted. Refresh the Snapshots list and choose another.',
      );
    case 'CANNOT_START_RESTORE_JOB_FOR_DELETED_SNAPSHOT':
    case 'CANNOT_START_RESTORE_JOB_FOR_DELETED_CLUSTER_SNAPSHOT':
      return vscode.l10n.t('The snapshot has been deleted. Refresh the Snapshots list and choose another.');
    case 'CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT':
      return vscode.l10n.t('The snapshot is not complete yet. Wait until it completes, or choose a complete snapshot.');
    case 'NO_CHECKPOINT_FOR_PIT_RESTORE':
      return vscode.l10n.t(
        'Ops Manager cannot restore to that point in time (no suitable checkpoint or snapshot before it). Choose a time inside the restorable window, or a snapshot.',
      );
    case 'LINK_EXPIRATION_AFTER_SNAPSHOT_DELETION':
      return vscode.l10n.t('The download link would outlive the snapshot. Choose a shorter link lifetime.');
    case 'CHECKPOINT_NOT_FOUND':
    case 'INVALID_CHECKPOINT_ID':
      return vscode.l10n.t(
        'Ops Manager has no restorable checkpoint with that ID for this cluster. Choose another checkpoint, or a snapshot.',
      );
    case 'UNSUPPORTED_DELIVERY_METHOD':
      return vscode.l10n.t(
        'Ops Manager does not support this delivery for this restore. Restore a point in time as an automated restore, or a snapshot as a download link.',
      );
    case 'AUTOMATED_RESTORE_OF_SHARD_NOT_ALLOWED':
      return vscode.l10n.t('A single shard cannot be restored on its own: restore the whole sharded cluster.');
    case 'RESOURCE_REQUIRES_ACCESS_LIST':
    case 'RESOURCE_REQUIRES_WHITELIST':
    case 'ORG_REQUIRES_WHITELIST':
    case 'IP_ADDRESS_NOT_ON_ACCESS_LIST':
    case 'IP_ADDRESS_NOT_ON_WHITELIST':
      return vscode.l10n.t(
        "Ops Manager creates restore jobs only for API keys with an access list that includes this machine. Add this machine's IP address to the API key's access list (Access Manager → API Keys → Edit), then try again. Nothing was created.",
      );
    case 'NOT_IN_GROUP':
    case 'USER_UNAUTHORIZED':
      return vscode.l10n.t(
        'This API key may not create restore jobs here: it needs the Backup Admin role in the project (and Automation Admin in the target project for an automated restore). Nothing was created.',
      );
    case 'CLUSTER_NOT_FOUND':
    case 'INVALID_CLUSTER_ID':
    case 'GROUP_NOT_FOUND':
    case 'INVALID_GROUP_ID':
      return vscode.l10n.t(
        'Ops Manager did not find the project or cluster (source or target). Refresh the tree and choose them again.',
      );
    case 'RATE_LIMITED':
      return vscode.l10n.t(
        'Ops Manager is rate-limiting requests. The restore job was not created and is not retried automatically: try again in a minute.',
      );
    default:
      if (error.status === 400 || error.status === 409)
        return vscode.l10n.t(
          'Ops Manager refused the restore request ({0}). Nothing was created.',
          code || String(error.status),
        );
      return undefined;
  }
}

/** The outcome-unknown message (the job may exist). */
export function outcomeUnknownText(): string {
  return vscode.l10n.t(
    'The request to create the restore job was sent, but no answer came back. The job may have been created: check the newest restore jobs of the cluster before trying again.',
  );
}

/** The same error worded for the user; anything not specific to creating a restore is returned unchanged. */
export function worded(error: unknown): unknown {
  if (!isOpsManagerError(error)) return error;
  let message: string | undefined;
  if (isRestoreProblem(error)) message = problemText(error.errorCode, error);
  else if (error.errorCode === RESTORE_OUTCOME_UNKNOWN) message = outcomeUnknownText();
  else if (error.kind === 'http') {
    const text = serverText(error);
    if (text !== undefined) {
      const detail = error.detail === undefined ? '' : ` ${vscode.l10n.t('Ops Manager said: "{0}"', error.detail)}`;
      message = `${text}${detail} (HTTP ${error.status ?? '?'}${error.errorCode === undefined ? '' : ` ${error.errorCode}`})`;
    }
  }
  if (message === undefined) return error;
  return new OpsManagerError({
    kind: error.kind,
    message,
    status: error.status,
    errorCode: error.errorCode,
    reason: error.reason,
    detail: error.detail,
    parameters: error.parameters,
    url: error.url,
    cause: error,
  });
}

export function confirmationError(targetClusterId: string): OpsManagerError {
  return new OpsManagerError({
    kind: 'invalid-input',
    errorCode: 'CONFIRMATION_MISMATCH',
    message: problemText(
      'CONFIRMATION_MISMATCH',
      new OpsManagerError({ kind: 'invalid-input', message: '', parameters: [targetClusterId] }),
    ),
    parameters: [targetClusterId],
  });
}
