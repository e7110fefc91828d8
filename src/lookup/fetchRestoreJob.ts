// "Fetch Restore Job by ID…": server → group → cluster (each skipped when there is one choice or it is known),
// then the job ID, checked as you type. A pasted restore-job API URL fills group, cluster and job at once, in the
// ID box or in either pick. With {server, groupId, clusterId|hostId, jobId} it asks nothing. Returns the job.
import * as vscode from 'vscode';
import {
  inputStep,
  pickServer,
  pickWithLoading,
  rateLimitedText,
  requireJobRef,
  stringField,
  UserCancelledError,
  withCancellableProgress,
  type JobPanels,
  type PickItem,
  type ServerConfig,
  type Services,
  type Validation,
  pickText,
} from '../core';
import { assertObjectId, isObjectId, parseRestoreJobUrl, type RestoreJobUrl } from '../opsManager/common';
import { clusterLabel, groupClusters, type RestoreJob } from '../opsManager/api';
import { isJobNotFound, jobNotFoundMessage } from './notFound';

/** What the lookup needs from the rest of the extension. */
export interface LookupDeps {
  services: Services;
  panels: JobPanels;
}

type Choice = { kind: 'id'; id: string } | { kind: 'url'; url: RestoreJobUrl };

interface Draft {
  server?: string;
  groupId?: string;
  clusterId?: string;
  hostId?: string;
  jobId?: string;
}

function idChoice(id: string): Choice {
  return { kind: 'id', id };
}

function urlSummary(url: RestoreJobUrl): string {
  return url.clusterId !== undefined
    ? vscode.l10n.t('group {0}, cluster {1}, job {2}', url.groupId, url.clusterId, url.jobId)
    : vscode.l10n.t('group {0}, host {1}, job {2}', url.groupId, url.hostId ?? '?', url.jobId);
}

/** Why a typed job ID is not one yet, or undefined when it is fine. Exported for tests. */
export function jobIdProblem(text: string): Validation {
  const value = text.trim();
  if (value === '') return undefined;
  if (isObjectId(value)) return undefined;
  const url = parseRestoreJobUrl(value);
  if (url !== undefined) {
    const bad = [
      ['group', url.groupId],
      ['cluster', url.clusterId],
      ['job', url.jobId],
    ].find(([, id]) => id !== undefined && !isObjectId(id));
    if (bad !== undefined) {
      return vscode.l10n.t('The URL\'s {0} ID "{1}" is not 24 hexadecimal characters.', bad[0] ?? '', bad[1] ?? '');
    }
    return {
      message: vscode.l10n.t('Restore job URL: {0}', urlSummary(url)),
      severity: vscode.InputBoxValidationSeverity.Info,
    };
  }
  if (/^[0-9a-fA-F]+$/.test(value)) {
    return vscode.l10n.t('A restore job ID has 24 hexadecimal characters; this has {0}.', text.trim().length);
  }
  return vscode.l10n.t("A restore job ID has 24 characters 0–9 and a–f. You can also paste the restore job's API URL.");
}

/** What the user typed into a pick, as a choice: a pasted URL or an ID. */
function typedItem(value: string, what: string): PickItem<Choice> | undefined {
  const url = parseRestoreJobUrl(value);
  if (url !== undefined) {
    return {
      label: `$(link) ${vscode.l10n.t('Use the pasted restore job URL')}`,
      description: urlSummary(url),
      value: { kind: 'url', url },
    };
  }
  if (isObjectId(value)) {
    return {
      label: `$(edit) ${vscode.l10n.t('Use {0} ID {1}', what, value.toLowerCase())}`,
      value: { kind: 'id', id: value.toLowerCase() },
    };
  }
  return undefined;
}

async function pickGroup(deps: LookupDeps, server: ServerConfig): Promise<Choice> {
  const configured = server.groups;
  if (configured !== undefined && configured.length === 1) return { kind: 'id', id: configured[0].id };
  const choice = await pickWithLoading<Choice>({
    title: vscode.l10n.t('Fetch Restore Job: group (project) on {0}', server.name),
    placeholder: vscode.l10n.t('Choose a group, type its ID, or paste a restore job URL'),
    emptyMessage: vscode.l10n.t('No groups found: type a group ID or paste a restore job URL'),
    typed: (value) => typedItem(value, vscode.l10n.t('group')),
    load: async () => {
      const groups =
        configured ??
        (await (await deps.services.clients.get(server.name)).listGroups()).map((g) => ({ id: g.id, name: g.name }));
      return groups
        .map((g) => ({ label: pickText(g.name ?? g.id), description: pickText(g.id), value: idChoice(g.id) }))
        .sort((a, b) => a.label.localeCompare(b.label, undefined, { sensitivity: 'base' }));
    },
  });
  if (choice === undefined) throw new UserCancelledError();
  return choice;
}

async function pickCluster(deps: LookupDeps, server: ServerConfig, groupId: string): Promise<Choice> {
  const configured = server.groups?.find((g) => g.id === groupId)?.clusters;
  if (configured !== undefined && configured.length === 1) return { kind: 'id', id: configured[0].id };
  const choice = await pickWithLoading<Choice>({
    title: vscode.l10n.t('Fetch Restore Job: cluster in group {0}', groupId),
    placeholder: vscode.l10n.t('Choose a cluster, type its ID, or paste a restore job URL'),
    emptyMessage: vscode.l10n.t('No clusters found: type a cluster ID or paste a restore job URL'),
    typed: (value) => typedItem(value, vscode.l10n.t('cluster')),
    load: async () => {
      if (configured !== undefined) {
        return configured.map((c) => ({ label: c.name ?? c.id, description: c.id, value: idChoice(c.id) }));
      }
      const client = await deps.services.clients.get(server.name);
      // Shards and config servers are left out: restore jobs are asked of the top-level cluster.
      return groupClusters(await client.listClusters(groupId)).map(({ cluster, members }) => ({
        label: pickText(clusterLabel(cluster)),
        description: pickText(cluster.id),
        detail:
          [
            cluster.typeName === undefined ? undefined : pickText(cluster.typeName, 60),
            members.length > 0 ? vscode.l10n.t('{0} shards and config servers', members.length) : undefined,
          ]
            .filter((s) => s !== undefined)
            .join(' · ') || undefined,
        value: idChoice(cluster.id),
      }));
    },
  });
  if (choice === undefined) throw new UserCancelledError();
  return choice;
}

/** The ID step; after "not found" it reopens with what was typed and says why. Returns the choice and the text. */
async function askJobId(retry?: { value: string; message: string }): Promise<{ choice: Choice; typed: string }> {
  const answer = await inputStep({
    title: vscode.l10n.t('Fetch Restore Job by ID'),
    step: 1,
    totalSteps: 1,
    canGoBack: false,
    prompt: vscode.l10n.t("Restore job ID (24 hexadecimal characters), or the restore job's API URL"),
    placeholder: vscode.l10n.t('e.g. 5628faffd4c606594adaa3b2'),
    value: retry?.value,
    initialMessage:
      retry === undefined ? undefined : { message: retry.message, severity: vscode.InputBoxValidationSeverity.Warning },
    validate: (value) =>
      value.trim() === '' ? vscode.l10n.t('Enter a restore job ID or paste its URL.') : jobIdProblem(value),
  });
  if (typeof answer !== 'string') throw new UserCancelledError();
  const value = answer.trim();
  const url = parseRestoreJobUrl(value);
  return { choice: url !== undefined ? { kind: 'url', url } : { kind: 'id', id: value.toLowerCase() }, typed: value };
}

/** Applies a pasted URL: its IDs win, and its host picks the configured server with that URL, if any. */
function applyUrl(deps: LookupDeps, state: Draft, url: RestoreJobUrl): void {
  if (url.baseUrl !== undefined) {
    const match = deps.services.servers.findByBaseUrl(url.baseUrl);
    if (match !== undefined) state.server = match.name;
  }
  state.groupId = url.groupId;
  state.clusterId = url.clusterId;
  state.hostId = url.hostId;
  state.jobId = url.jobId;
}

export async function fetchRestoreJob(deps: LookupDeps, arg: unknown): Promise<RestoreJob | undefined> {
  const state: Draft = {
    server: stringField(arg, 'server'),
    groupId: stringField(arg, 'groupId')?.trim(),
    clusterId: stringField(arg, 'clusterId')?.trim(),
    hostId: stringField(arg, 'hostId')?.trim(),
    jobId: stringField(arg, 'jobId')?.trim(),
  };
  // A URL given as {url} or as the jobId fills everything.
  const pasted =
    stringField(arg, 'url') ?? (state.jobId !== undefined && !isObjectId(state.jobId) ? state.jobId : undefined);
  const pastedUrl = pasted === undefined ? undefined : parseRestoreJobUrl(pasted);
  if (pastedUrl !== undefined) applyUrl(deps, state, pastedUrl);

  /** What the user typed into the ID step, when there was one (then a "not found" reopens it). */
  let askedId: string | undefined;
  // Ask only for what is missing. Anything given but malformed fails in requireJobRef, before any request.
  if (
    state.jobId === undefined ||
    state.groupId === undefined ||
    (state.clusterId === undefined && state.hostId === undefined)
  ) {
    state.server ??= await pickServer(deps.services.servers, vscode.l10n.t('Fetch Restore Job by ID'));
    const server = deps.services.servers.require(state.server);
    if (state.groupId === undefined) {
      const choice = await pickGroup(deps, server);
      if (choice.kind === 'url') applyUrl(deps, state, choice.url);
      else state.groupId = choice.id;
    }
    if (state.clusterId === undefined && state.hostId === undefined && state.groupId !== undefined) {
      assertObjectId(state.groupId, vscode.l10n.t('Group ID'));
      const choice = await pickCluster(deps, server, state.groupId);
      if (choice.kind === 'url') applyUrl(deps, state, choice.url);
      else state.clusterId = choice.id;
    }
    if (state.jobId === undefined) {
      const { choice, typed } = await askJobId();
      askedId = typed;
      if (choice.kind === 'url') applyUrl(deps, state, choice.url);
      else state.jobId = choice.id;
    }
  }
  let ref = requireJobRef(state);
  deps.services.servers.require(ref.server);

  let job: RestoreJob;
  for (;;) {
    const attempt = ref;
    try {
      job = await withCancellableProgress(vscode.l10n.t('Fetching restore job {0}…', attempt.jobId), (signal, report) =>
        deps.services.fetchJob(attempt, signal, ({ seconds }) => report(rateLimitedText(seconds, vscode.l10n))),
      );
      break;
    } catch (error) {
      // A mistyped ID is corrected where it was typed, not by starting over from the server step.
      if (askedId === undefined || !isJobNotFound(error)) throw error;
      deps.services.log.info(`Restore job ${attempt.jobId} not found; asking for the ID again.`);
      const { choice, typed } = await askJobId({ value: askedId, message: jobNotFoundMessage(vscode.l10n, attempt) });
      askedId = typed;
      if (choice.kind === 'url') applyUrl(deps, state, choice.url);
      else state.jobId = choice.id;
      ref = requireJobRef(state);
      deps.services.servers.require(ref.server);
    }
  }
  deps.services.log.info(
    `Fetched restore job ${ref.jobId} (${job.statusName ?? '?'}, delivery ${job.delivery?.statusName ?? '?'}).`,
  );
  await deps.panels.show(ref, job);
  return job;
}
