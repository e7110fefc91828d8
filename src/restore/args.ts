// Reading the command's arguments, field by field: a snapshot node, a cluster node, or
// `{server, groupId, clusterId, snapshotId | pointInTimeUTCMillis | oplogTs + oplogInc | checkpointId, delivery,
// confirmTarget?}` from a caller. Numbers may come as numbers or numeric strings (the docs quote them).
import { OpsManagerError } from '../opsManager/common';
import type { RestoreDelivery, RestoreSource } from '../opsManager/api';
import { field, stringField } from '../core';
import { problemText } from './wording';

export interface RestoreArgs {
  server?: string;
  groupId?: string;
  clusterId?: string;
  source?: RestoreSource;
  delivery?: RestoreDelivery;
  confirmTarget?: string;
}

function numberField(arg: unknown, key: string): number | undefined {
  const value = field(arg, key);
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*-?\d+(?:\.\d+)?\s*$/.test(value)) return Number(value);
  if (value === undefined || value === null) return undefined;
  return Number.NaN; // present but not a number: the checks name it
}

function invalid(code: 'SOURCE_AMBIGUOUS' | 'DELIVERY_METHOD_INVALID', parameters: unknown[] = []): OpsManagerError {
  const error = new OpsManagerError({ kind: 'invalid-input', errorCode: code, message: code, parameters });
  return new OpsManagerError({ kind: 'invalid-input', errorCode: code, message: problemText(code, error), parameters });
}

/** The source the arguments name, undefined when none; several is an error. */
function readSource(arg: unknown): RestoreSource | undefined {
  const snapshotId = stringField(arg, 'snapshotId')?.trim();
  const pit = numberField(arg, 'pointInTimeUTCMillis');
  const oplogTs = numberField(arg, 'oplogTs');
  const oplogInc = numberField(arg, 'oplogInc');
  const checkpointId = stringField(arg, 'checkpointId')?.trim();
  const sources: RestoreSource[] = [];
  if (snapshotId !== undefined) sources.push({ kind: 'snapshot', snapshotId });
  if (pit !== undefined) sources.push({ kind: 'pointInTime', pointInTimeUTCMillis: pit });
  if (oplogTs !== undefined || oplogInc !== undefined)
    sources.push({ kind: 'oplog', oplogTs: oplogTs ?? Number.NaN, oplogInc: oplogInc ?? Number.NaN });
  if (checkpointId !== undefined) sources.push({ kind: 'checkpoint', checkpointId });
  if (sources.length > 1) throw invalid('SOURCE_AMBIGUOUS');
  return sources[0];
}

function readDelivery(arg: unknown): RestoreDelivery | undefined {
  const delivery = field(arg, 'delivery');
  if (delivery === undefined) return undefined;
  const method = stringField(delivery, 'methodName') ?? (typeof delivery === 'string' ? delivery : undefined);
  if (method === 'HTTP') {
    const expirationHours = numberField(delivery, 'expirationHours');
    const expires = stringField(delivery, 'expires');
    return {
      methodName: 'HTTP',
      maxDownloads: numberField(delivery, 'maxDownloads') ?? 1,
      ...(expirationHours === undefined ? {} : { expirationHours }),
      ...(expires === undefined ? {} : { expires }),
    };
  }
  if (method === 'AUTOMATED_RESTORE') {
    return {
      methodName: 'AUTOMATED_RESTORE',
      targetGroupId: stringField(delivery, 'targetGroupId')?.trim() ?? '',
      targetClusterId: stringField(delivery, 'targetClusterId')?.trim() ?? '',
    };
  }
  throw invalid('DELIVERY_METHOD_INVALID', [method ?? typeof delivery]);
}

export function parseRestoreArgs(arg: unknown): RestoreArgs {
  return {
    server: stringField(arg, 'server'),
    groupId: stringField(arg, 'groupId')?.trim().toLowerCase(),
    clusterId: stringField(arg, 'clusterId')?.trim().toLowerCase(),
    source: readSource(arg),
    delivery: readDelivery(arg),
    confirmTarget: stringField(arg, 'confirmTarget')?.trim(),
  };
}
