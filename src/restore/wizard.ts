// The interactive part of "Create Restore Job…": one multi-step quick input with Back, source → delivery →
// summary. Sources: a complete snapshot (with date and size), a point in time typed as a local date and time and
// checked against the window as you type, an oplog timestamp, or a checkpoint where the cluster has them.
// Delivery: a download link (number of downloads, link lifetime) or an automated restore (target project and
// cluster). The destructive confirmation of an automated restore comes after the summary (createRestoreJob.ts).
// Over 300 lines because each step (source, delivery, summary) with Back has its own prompts and checks.
import * as vscode from 'vscode';
import {
  clusterLabel,
  groupClusters,
  MAX_DOWNLOADS_LIMIT,
  pitWindowBounds,
  pointInTimeStatus,
  snapshotSizeBytes,
  snapshotVersions,
  timestampMs,
  type Checkpoint,
  type OpsManagerClient,
  type PitWindow,
  type RestoreDelivery,
  type RestoreSource,
  type Snapshot,
} from '../opsManager/api';
import { formatBytes } from '../opsManager/common';
import { BACK, formatDateTime, inputStep, type PickItem, pickText, plainText, type Validation } from '../core';
import { formatLocalDateTime, parseLocalDateTime, parseOplogText } from './inputs';

export interface WizardInput {
  client: OpsManagerClient;
  clusterName: string;
  groupId: string;
  clusterId: string;
  snapshots: Snapshot[];
  checkpoints: Checkpoint[];
  window: PitWindow;
  /** Given by a snapshot node: the source step is skipped. */
  source?: RestoreSource;
}

export interface WizardResult {
  source: RestoreSource;
  delivery: RestoreDelivery;
  snapshot?: Snapshot;
  checkpoint?: Checkpoint;
  /** Automated restore: the target cluster's display name (typed to confirm). */
  targetName?: string;
  targetGroupName?: string;
}

type StepId =
  | 'source'
  | 'pointInTime'
  | 'oplog'
  | 'checkpoint'
  | 'delivery'
  | 'downloads'
  | 'hours'
  | 'targetGroup'
  | 'targetCluster'
  | 'summary';

interface State {
  sourceKind?: RestoreSource['kind'];
  source?: RestoreSource;
  snapshot?: Snapshot;
  checkpoint?: Checkpoint;
  method?: 'HTTP' | 'AUTOMATED_RESTORE';
  maxDownloads: string;
  hours: string;
  targetGroupId?: string;
  targetGroupName?: string;
  targetClusterId?: string;
  targetName?: string;
  pitText?: string;
  oplogText?: string;
}

const DEFAULT_LINK_HOURS = 24;

export function windowText(window: PitWindow): string {
  const bounds = pitWindowBounds(window);
  if (window.source === 'unknown' || bounds === undefined)
    return vscode.l10n.t('Restorable window unknown: Ops Manager will decide.');
  return vscode.l10n.t(
    'Restorable from {0} to {1}',
    formatLocalDateTime(bounds.startMs),
    formatLocalDateTime(bounds.endMs),
  );
}

export function snapshotLabel(snapshot: Snapshot): string {
  const ms = timestampMs(snapshot.created);
  return Number.isNaN(ms) ? snapshot.id : formatDateTime(new Date(ms).toISOString());
}

function snapshotDetail(snapshot: Snapshot): string {
  const size = snapshotSizeBytes(snapshot);
  const versions = snapshotVersions(snapshot);
  return [
    size === undefined ? undefined : formatBytes(size, vscode.env.language),
    versions.length > 0 ? vscode.l10n.t('MongoDB {0}', versions.join(', ')) : undefined,
    snapshot.doNotDelete === true
      ? vscode.l10n.t('Do not delete')
      : snapshot.expires === undefined
        ? undefined
        : vscode.l10n.t('Expires {0}', formatDateTime(snapshot.expires)),
  ]
    .filter((s) => s !== undefined)
    .join(' · ');
}

interface PickStepOptions<T> {
  title: string;
  step: number;
  totalSteps: number;
  placeholder: string;
  items: () => Promise<Array<PickItem<T>>> | Array<PickItem<T>>;
  canGoBack: boolean;
  active?: (value: T) => boolean;
  emptyMessage?: string;
}

/** A quick pick step with Back: resolves the chosen value, BACK, or undefined when dismissed. */
function pickStep<T>(options: PickStepOptions<T>): Promise<T | typeof BACK | undefined> {
  return new Promise((resolve, reject) => {
    const pick = vscode.window.createQuickPick<PickItem<T>>();
    const disposables: vscode.Disposable[] = [pick];
    let settled = false;
    const finish = (value: T | typeof BACK | undefined, error?: unknown): void => {
      if (settled) return;
      settled = true;
      if (error !== undefined) reject(error);
      else resolve(value);
      for (const d of disposables) d.dispose();
    };
    pick.title = options.title;
    pick.step = options.step;
    pick.totalSteps = options.totalSteps;
    pick.placeholder = options.placeholder;
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.ignoreFocusOut = true;
    pick.buttons = options.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    pick.busy = true;
    disposables.push(
      pick.onDidAccept(() => {
        const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
        if (chosen !== undefined) finish(chosen.value);
      }),
      pick.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) finish(BACK);
      }),
      pick.onDidHide(() => finish(undefined)),
    );
    pick.show();
    Promise.resolve()
      .then(options.items)
      .then(
        (items) => {
          pick.items = items;
          pick.busy = false;
          const active = options.active === undefined ? undefined : items.find((i) => options.active?.(i.value));
          if (active !== undefined) pick.activeItems = [active];
          if (items.length === 0 && options.emptyMessage !== undefined) pick.placeholder = options.emptyMessage;
        },
        (error: unknown) => finish(undefined, error),
      );
  });
}

type SourceChoice = { kind: 'snapshot'; snapshot: Snapshot } | { kind: 'pointInTime' | 'oplog' | 'checkpoint' };

function sourceSummary(state: State): string {
  const s = state.source;
  switch (s?.kind) {
    case 'snapshot':
      return vscode.l10n.t(
        'Snapshot of {0}',
        state.snapshot === undefined ? s.snapshotId : snapshotLabel(state.snapshot),
      );
    case 'pointInTime':
      return vscode.l10n.t('Point in time {0}', formatLocalDateTime(s.pointInTimeUTCMillis));
    case 'oplog':
      return vscode.l10n.t('Oplog timestamp {0}:{1}', s.oplogTs, s.oplogInc);
    case 'checkpoint':
      return vscode.l10n.t('Checkpoint {0}', s.checkpointId);
    default:
      return '';
  }
}

/** Runs the steps; resolves undefined when the user dismissed them. */
export async function runWizard(input: WizardInput): Promise<WizardResult | undefined> {
  const title = vscode.l10n.t('Create Restore Job: {0}', input.clusterName);
  const state: State = { maxDownloads: '1', hours: String(DEFAULT_LINK_HOURS) };
  if (input.source !== undefined) {
    state.source = input.source;
    state.sourceKind = input.source.kind;
    if (input.source.kind === 'snapshot') {
      const id = input.source.snapshotId.toLowerCase();
      state.snapshot = input.snapshots.find((s) => s.id.toLowerCase() === id);
    }
  }
  const complete = input.snapshots.filter((s) => s.complete !== false);
  const history: StepId[] = [];
  let current: StepId = input.source === undefined ? 'source' : 'delivery';
  // source (+ its details) → delivery → two details → summary.
  const total = (): number => (input.source === undefined ? 5 : 4) + (state.sourceKind === 'snapshot' ? 0 : 1);

  const next = (id: StepId): StepId | 'done' => {
    switch (id) {
      case 'source':
        return state.sourceKind === 'snapshot' ? 'delivery' : (state.sourceKind ?? 'delivery');
      case 'pointInTime':
      case 'oplog':
      case 'checkpoint':
        return 'delivery';
      case 'delivery':
        return state.method === 'HTTP' ? 'downloads' : 'targetGroup';
      case 'downloads':
        return 'hours';
      case 'hours':
        return 'summary';
      case 'targetGroup':
        return 'targetCluster';
      case 'targetCluster':
        return 'summary';
      case 'summary':
        return 'done';
    }
  };

  for (;;) {
    const step = history.length + 1;
    const canGoBack = history.length > 0;
    let result: unknown;
    switch (current) {
      case 'source':
        result = await pickStep<SourceChoice>({
          title,
          step,
          totalSteps: total(),
          placeholder: vscode.l10n.t('What to restore: a snapshot, or a point in time'),
          canGoBack,
          active: (v) => v.kind === 'snapshot' && v.snapshot.id === state.snapshot?.id,
          items: () => {
            const items: Array<PickItem<SourceChoice>> = complete.map((snapshot) => ({
              label: `$(archive) ${pickText(snapshotLabel(snapshot))}`,
              description: pickText(snapshot.id),
              detail: pickText(snapshotDetail(snapshot)),
              value: { kind: 'snapshot', snapshot },
            }));
            if (complete.length === 0)
              items.push({
                label: vscode.l10n.t('No complete snapshots'),
                kind: vscode.QuickPickItemKind.Separator,
                value: { kind: 'pointInTime' },
              });
            items.push(
              {
                label: vscode.l10n.t('Other sources'),
                kind: vscode.QuickPickItemKind.Separator,
                value: { kind: 'pointInTime' },
              },
              {
                label: `$(clock) ${vscode.l10n.t('Point in time…')}`,
                detail: windowText(input.window),
                value: { kind: 'pointInTime' },
              },
              {
                label: `$(symbol-number) ${vscode.l10n.t('Oplog timestamp…')}`,
                detail: vscode.l10n.t('Restore up to and including one oplog entry (seconds and increment)'),
                value: { kind: 'oplog' },
              },
            );
            if (input.checkpoints.length > 0)
              items.push({
                label: `$(debug-breakpoint-log) ${vscode.l10n.t('Checkpoint…')}`,
                detail: vscode.l10n.t(
                  '{0} checkpoints (sharded clusters with MongoDB 4.0 or older)',
                  input.checkpoints.length,
                ),
                value: { kind: 'checkpoint' },
              });
            return items;
          },
        });
        if (result !== BACK && result !== undefined) {
          const choice = result as SourceChoice;
          state.sourceKind = choice.kind;
          if (choice.kind === 'snapshot') {
            state.snapshot = choice.snapshot;
            state.source = { kind: 'snapshot', snapshotId: choice.snapshot.id };
          } else {
            state.snapshot = undefined;
            state.source = undefined;
          }
        }
        break;
      case 'pointInTime': {
        const now = Date.now();
        const validate = (text: string): Validation => {
          const ms = parseLocalDateTime(text);
          if (ms === undefined) return vscode.l10n.t('Type a local date and time as YYYY-MM-DD HH:MM[:SS].');
          if (ms > now + 60_000) return vscode.l10n.t('{0} is in the future.', formatLocalDateTime(ms));
          if (pointInTimeStatus(input.window, ms) === 'outside')
            return vscode.l10n.t('Outside the restorable window. {0}', windowText(input.window));
          return { message: windowText(input.window), severity: vscode.InputBoxValidationSeverity.Info };
        };
        const bounds = pitWindowBounds(input.window);
        result = await inputStep({
          title,
          step,
          totalSteps: total(),
          canGoBack,
          value: state.pitText ?? formatLocalDateTime(bounds?.endMs ?? now - 3_600_000),
          prompt: vscode.l10n.t(
            'Point in time to restore to, in local time (YYYY-MM-DD HH:MM[:SS]). {0}',
            windowText(input.window),
          ),
          validate,
        });
        if (typeof result === 'string') {
          state.pitText = result;
          const ms = parseLocalDateTime(result) ?? Number.NaN;
          state.source = { kind: 'pointInTime', pointInTimeUTCMillis: Math.min(ms, Date.now()) };
        }
        break;
      }
      case 'oplog':
        result = await inputStep({
          title,
          step,
          totalSteps: total(),
          canGoBack,
          value: state.oplogText ?? '',
          prompt: vscode.l10n.t(
            'Oplog timestamp to restore up to and including: seconds since 1970 and increment, e.g. 1700000000:1',
          ),
          placeholder: '1700000000:1',
          validate: (text) => {
            const parsed = parseOplogText(text);
            if (parsed === undefined) return vscode.l10n.t('Type the seconds and the increment, e.g. 1700000000:1.');
            if (parsed.oplogInc < 1) return vscode.l10n.t('The increment is 1 or more.');
            const ms = parsed.oplogTs * 1000;
            if (ms > Date.now()) return vscode.l10n.t('{0} is in the future.', formatLocalDateTime(ms));
            if (pointInTimeStatus(input.window, ms) === 'outside')
              return vscode.l10n.t('Outside the restorable window. {0}', windowText(input.window));
            return { message: formatLocalDateTime(ms), severity: vscode.InputBoxValidationSeverity.Info };
          },
        });
        if (typeof result === 'string') {
          state.oplogText = result;
          const parsed = parseOplogText(result);
          if (parsed !== undefined) state.source = { kind: 'oplog', ...parsed };
        }
        break;
      case 'checkpoint':
        result = await pickStep<Checkpoint>({
          title,
          step,
          totalSteps: total(),
          canGoBack,
          placeholder: vscode.l10n.t('Choose a checkpoint'),
          items: () =>
            input.checkpoints.map((c) => ({
              label: `${c.restorable === false ? '$(circle-slash)' : '$(debug-breakpoint-log)'} ${c.timestamp === undefined ? pickText(c.id) : formatDateTime(c.timestamp)}`,
              description: pickText(c.id),
              detail: c.restorable === false ? vscode.l10n.t('Not restorable') : vscode.l10n.t('Restorable'),
              value: c,
            })),
        });
        if (result !== BACK && result !== undefined) {
          const c = result as Checkpoint;
          state.checkpoint = c;
          state.source = { kind: 'checkpoint', checkpointId: c.id };
        }
        break;
      case 'delivery': {
        const linkAllowed = state.source?.kind === 'snapshot';
        result = await pickStep<'HTTP' | 'AUTOMATED_RESTORE'>({
          title,
          step,
          totalSteps: total(),
          canGoBack,
          placeholder: vscode.l10n.t('How to deliver {0}', sourceSummary(state)),
          active: (v) => v === state.method,
          items: () => [
            ...(linkAllowed
              ? [
                  {
                    label: `$(cloud-download) ${vscode.l10n.t('Download link')}`,
                    detail: vscode.l10n.t('Ops Manager prepares an archive (.tar.gz) to download, verified by SHA-1'),
                    value: 'HTTP' as const,
                  },
                ]
              : []),
            {
              label: `$(warning) ${vscode.l10n.t('Automated restore to a cluster…')}`,
              detail: linkAllowed
                ? vscode.l10n.t('Replaces all data on the target cluster')
                : vscode.l10n.t(
                    'Replaces all data on the target cluster (the only delivery Ops Manager offers for this source)',
                  ),
              value: 'AUTOMATED_RESTORE' as const,
            },
          ],
        });
        if (result === 'HTTP' || result === 'AUTOMATED_RESTORE') state.method = result;
        break;
      }
      case 'downloads':
        result = await inputStep({
          title,
          step,
          totalSteps: total(),
          canGoBack,
          value: state.maxDownloads,
          prompt: vscode.l10n.t('How many times the link may be used (each download started counts)'),
          validate: (text) =>
            /^\d{1,10}$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= MAX_DOWNLOADS_LIMIT
              ? undefined
              : vscode.l10n.t('A whole number from 1 to {0}.', MAX_DOWNLOADS_LIMIT),
        });
        if (typeof result === 'string') state.maxDownloads = result.trim();
        break;
      case 'hours': {
        const snapshotEnds =
          state.snapshot?.doNotDelete === true || state.snapshot?.expires === undefined
            ? undefined
            : Date.parse(state.snapshot.expires);
        const maxHours =
          snapshotEnds === undefined || Number.isNaN(snapshotEnds)
            ? undefined
            : Math.floor((snapshotEnds - Date.now()) / 3_600_000);
        if (maxHours !== undefined && Number(state.hours) > maxHours) state.hours = String(Math.max(1, maxHours));
        result = await inputStep({
          title,
          step,
          totalSteps: total(),
          canGoBack,
          value: state.hours,
          prompt:
            maxHours === undefined
              ? vscode.l10n.t('Link lifetime in hours')
              : vscode.l10n.t('Link lifetime in hours (at most {0}: the snapshot is deleted after that)', maxHours),
          validate: (text) => {
            if (!/^\d{1,10}$/.test(text.trim()) || Number(text) < 1)
              return vscode.l10n.t('A whole number of hours, 1 or more.');
            if (maxHours !== undefined && Number(text) > maxHours)
              return vscode.l10n.t('At most {0} hours: the link may not outlive the snapshot.', maxHours);
            return undefined;
          },
        });
        if (typeof result === 'string') state.hours = result.trim();
        break;
      }
      case 'targetGroup':
        result = await pickStep<{ id: string; name: string }>({
          title,
          step,
          totalSteps: total(),
          canGoBack,
          placeholder: vscode.l10n.t('Target project of the automated restore'),
          active: (v) => v.id === (state.targetGroupId ?? input.groupId),
          items: async () =>
            (await input.client.listGroups())
              .map((g) => ({
                label: pickText(g.name ?? g.id),
                description: pickText(g.id),
                value: { id: g.id, name: plainText(g.name ?? g.id) },
              }))
              .sort((a, b) => a.label.localeCompare(b.label, undefined, { sensitivity: 'base' })),
        });
        if (result !== BACK && result !== undefined) {
          const g = result as { id: string; name: string };
          if (g.id !== state.targetGroupId) state.targetClusterId = undefined;
          state.targetGroupId = g.id;
          state.targetGroupName = g.name;
        }
        break;
      case 'targetCluster': {
        const groupId = state.targetGroupId ?? input.groupId;
        result = await pickStep<{ id: string; name: string }>({
          title,
          step,
          totalSteps: total(),
          canGoBack,
          placeholder: vscode.l10n.t('Target cluster: ALL its data will be replaced'),
          emptyMessage: vscode.l10n.t('No other cluster in this project: go back and choose another project'),
          active: (v) => v.id === state.targetClusterId,
          items: async () =>
            groupClusters(await input.client.listClusters(groupId))
              .filter(({ cluster }) => !(cluster.id === input.clusterId && groupId === input.groupId))
              .map(({ cluster }) => ({
                label: `$(database) ${pickText(clusterLabel(cluster))}`,
                description: pickText(cluster.id),
                detail: cluster.typeName === undefined ? undefined : pickText(cluster.typeName, 60),
                // Shown, not raw: the name the person confirms is the one they read.
                value: { id: cluster.id, name: plainText(clusterLabel(cluster)) },
              })),
        });
        if (result !== BACK && result !== undefined) {
          const c = result as { id: string; name: string };
          state.targetClusterId = c.id;
          state.targetName = c.name;
        }
        break;
      }
      case 'summary': {
        const automated = state.method === 'AUTOMATED_RESTORE';
        const deliveryText = automated
          ? vscode.l10n.t(
              'automated restore onto {0} in {1}: replaces all its data',
              state.targetName ?? '?',
              state.targetGroupName ?? '?',
            )
          : vscode.l10n.t('download link, {0} download(s), valid {1} hour(s)', state.maxDownloads, state.hours);
        result = await pickStep<'create'>({
          title,
          step,
          totalSteps: step,
          canGoBack,
          placeholder: vscode.l10n.t('Review, then create the restore job'),
          items: () => [
            {
              label: automated
                ? `$(warning) ${vscode.l10n.t('Create automated restore onto {0}…', pickText(state.targetName ?? '?'))}`
                : `$(check) ${vscode.l10n.t('Create restore job')}`,
              description: pickText(input.clusterName),
              detail: pickText(`${sourceSummary(state)} → ${deliveryText}`, 400),
              value: 'create' as const,
            },
          ],
        });
        break;
      }
    }
    if (result === undefined) return undefined;
    if (result === BACK) {
      current = history.pop() ?? current;
      continue;
    }
    const following = next(current);
    if (following === 'done') break;
    history.push(current);
    current = following;
  }

  const source = state.source;
  if (source === undefined) return undefined;
  const delivery: RestoreDelivery =
    state.method === 'AUTOMATED_RESTORE'
      ? {
          methodName: 'AUTOMATED_RESTORE',
          targetGroupId: state.targetGroupId ?? input.groupId,
          targetClusterId: state.targetClusterId ?? '',
        }
      : { methodName: 'HTTP', maxDownloads: Number(state.maxDownloads), expirationHours: Number(state.hours) };
  return {
    source,
    delivery,
    snapshot: state.snapshot,
    checkpoint: state.checkpoint,
    targetName: state.targetName,
    targetGroupName: state.targetGroupName,
  };
}
