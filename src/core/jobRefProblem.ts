// A malformed job reference (command arguments, a pasted URL, a draft from the lookup steps) in words, as the
// error every command throws before any request is sent.
import * as vscode from 'vscode';
import { OpsManagerError } from '../opsManager/common';
import { type JobRef, type JobRefProblem, readJobRef } from './jobRef';

export function describeJobRefProblem(problem: JobRefProblem): string {
  switch (problem.code) {
    case 'server-missing':
      return vscode.l10n.t(
        'The server name is missing: give the name of a server from the "opsManager.servers" setting.',
      );
    case 'group-id-invalid':
      return vscode.l10n.t('The group ID "{0}" is not 24 hexadecimal characters.', problem.value);
    case 'job-id-invalid':
      return vscode.l10n.t('The restore job ID "{0}" is not 24 hexadecimal characters.', problem.value);
    case 'cluster-id-invalid':
      return vscode.l10n.t('The cluster ID "{0}" is not 24 hexadecimal characters.', problem.value);
    case 'host-id-invalid':
      return vscode.l10n.t(
        'The host ID "{0}" is not a valid host ID (32 or 24 hexadecimal characters).',
        problem.value,
      );
    case 'parent-missing':
      return vscode.l10n.t('A cluster ID (or a config server host ID) is needed.');
  }
}

/** The job `value` names, every ID checked; throws invalid-input (before any request) otherwise. */
export function requireJobRef(value: unknown): JobRef {
  const reading = readJobRef(value);
  if ('ref' in reading) return reading.ref;
  const problem: JobRefProblem = 'problem' in reading ? reading.problem : { code: 'server-missing' };
  throw new OpsManagerError({ kind: 'invalid-input', message: describeJobRefProblem(problem) });
}
