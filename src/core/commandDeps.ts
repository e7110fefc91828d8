// What the command handlers need, handed over by extension.ts.
import type * as vscode from 'vscode';
import type { NewClientOptions } from './clients';
import type { OpsManagerClient } from '../opsManager/api/client';
import type { RestoreJob } from '../opsManager/api/model';
import type { JobRef, Services } from './services';
import type { RestoreJobsTreeProvider } from '../explorer/provider';

/** The part of the panel helper's RestoreJobPanels the commands use. */
export interface JobPanels {
  show(ref: JobRef, job?: RestoreJob): unknown;
}

export interface CommandDeps {
  context: vscode.ExtensionContext;
  services: Services;
  /** Builds clients for servers not saved yet (connection test of "Add Server…"). */
  clientFactory: { create(options: NewClientOptions, logName: string): OpsManagerClient };
  tree: RestoreJobsTreeProvider;
  /** Undefined until the panel module is wired: then commands only return the job. */
  panels: JobPanels | undefined;
}
