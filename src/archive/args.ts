// What the archive commands were given: nothing (palette: ask), a string or Uri (explorer, links), or
// `{archive, destination?, port?, kmip?}` from the job panel, tests and other extensions. Read field by field.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { expandHome, field, stringField } from '../core';
import type { KmipSettings } from '../opsManager/archive';
import { OpsManagerError } from '../opsManager/common';

export interface ArchiveArgs {
  /** An archive file, or (extract) a folder of batch parts. */
  archive?: string;
  destination?: string;
  port?: number;
  kmip?: KmipSettings;
  /** Progress in the status bar instead of a notification (the job panel's own inspection). */
  quiet?: boolean;
}

function invalid(message: string): OpsManagerError {
  return new OpsManagerError({ kind: 'invalid-input', message });
}

function absolute(value: string, what: string): string {
  const expanded = expandHome(value.trim());
  if (expanded === '' || !path.isAbsolute(expanded)) {
    throw invalid(vscode.l10n.t('{0} must be an absolute path, not "{1}".', what, value.slice(0, 200)));
  }
  return path.normalize(expanded);
}

export function parseArchiveArgs(arg: unknown): ArchiveArgs {
  if (arg === undefined || arg === null) return {};
  if (typeof arg === 'string') return { archive: absolute(arg, vscode.l10n.t('The archive')) };
  if (arg instanceof vscode.Uri) return { archive: arg.fsPath };
  if (typeof arg !== 'object') {
    throw invalid(
      vscode.l10n.t('The archive commands expect {0}, not "{1}".', '{archive, destination}', String(arg).slice(0, 40)),
    );
  }
  const out: ArchiveArgs = {};
  const archive = field(arg, 'archive');
  if (archive instanceof vscode.Uri) out.archive = archive.fsPath;
  else if (typeof archive === 'string') out.archive = absolute(archive, vscode.l10n.t('The archive'));
  else if (archive !== undefined) throw invalid(vscode.l10n.t('"archive" must be a path.'));
  const destination = field(arg, 'destination');
  if (destination instanceof vscode.Uri) out.destination = destination.fsPath;
  else if (typeof destination === 'string') out.destination = absolute(destination, vscode.l10n.t('The destination'));
  else if (destination !== undefined) throw invalid(vscode.l10n.t('"destination" must be a path.'));
  const port = field(arg, 'port');
  if (port !== undefined) {
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
      throw invalid(vscode.l10n.t('"port" must be a port number (1-65535).'));
    }
    out.port = port;
  }
  if (field(arg, 'quiet') === true) out.quiet = true;
  const kmip = field(arg, 'kmip');
  if (kmip !== undefined) {
    const settings: KmipSettings = {};
    const serverName = stringField(kmip, 'serverName');
    const serverCAFile = stringField(kmip, 'serverCAFile');
    const clientCertificateFile = stringField(kmip, 'clientCertificateFile');
    const kmipPort = field(kmip, 'port');
    if (serverName !== undefined) settings.serverName = serverName;
    if (serverCAFile !== undefined) settings.serverCAFile = serverCAFile;
    if (clientCertificateFile !== undefined) settings.clientCertificateFile = clientCertificateFile;
    if (typeof kmipPort === 'number' && Number.isInteger(kmipPort)) settings.port = kmipPort;
    out.kmip = settings;
  }
  return out;
}
