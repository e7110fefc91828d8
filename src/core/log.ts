// The one "Ops Manager" log channel. Everything written to it goes through a mask first, so an API key, a
// bearer token or an Authorization header can never reach the log, whoever calls it.
import * as vscode from 'vscode';
import { isOpsManagerError } from '../opsManager/common';
import type { RequestLogEntry } from '../opsManager/http';
import { maskSecrets } from './mask';
import { plainText } from './escape';

export { addSecret, maskSecrets } from './mask';

/** A readable, masked description of an error for the log: message plus whatever the server told us. */
export function describeError(error: unknown): string {
  if (isOpsManagerError(error)) {
    const parts = [`${error.name} [${error.kind} ${error.code}]: ${error.message}`];
    if (error.status !== undefined) parts.push(`status=${error.status}`);
    if (error.errorCode) parts.push(`errorCode=${error.errorCode}`);
    // The server's own words: masked whole, then kept to one bounded line, so they cannot forge log lines.
    if (error.reason) parts.push(`reason=${plainText(maskSecrets(error.reason), 300)}`);
    if (error.detail) parts.push(`detail=${plainText(maskSecrets(error.detail), 2000)}`);
    if (error.url) parts.push(`url=${error.url}`);
    return maskSecrets(parts.join(' | '));
  }
  if (error instanceof Error) {
    return maskSecrets(`${error.name}: ${error.message}`);
  }
  return maskSecrets(String(error));
}

function maskArg(arg: unknown): unknown {
  if (typeof arg === 'string') return maskSecrets(arg);
  if (arg instanceof Error) return describeError(arg);
  if (arg !== null && typeof arg === 'object') {
    try {
      return maskSecrets(JSON.stringify(arg));
    } catch {
      return '[unserialisable]';
    }
  }
  return arg;
}

// Line breaks inside one message, written as escapes: a value from a server (an ID, a name, an error's words) must
// not start a line of its own that reads like another entry of the log.
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g;
const BREAK_ESCAPES: Record<string, string> = { '\r\n': '\\r\\n', '\r': '\\r', '\n': '\\n' };
function oneEntry(message: string): string {
  return message.replace(LINE_BREAK, (c) => BREAK_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A LogOutputChannel that masks every message before passing it on; info, warnings and errors stay one entry each
 * (trace and debug keep their lines: stacks and diagnostics). */
class MaskingLogOutputChannel implements vscode.LogOutputChannel {
  constructor(private readonly inner: vscode.LogOutputChannel) {}

  get name(): string {
    return this.inner.name;
  }
  get logLevel(): vscode.LogLevel {
    return this.inner.logLevel;
  }
  get onDidChangeLogLevel(): vscode.Event<vscode.LogLevel> {
    return this.inner.onDidChangeLogLevel;
  }
  trace(message: string, ...args: unknown[]): void {
    this.inner.trace(maskSecrets(message), ...args.map(maskArg));
  }
  debug(message: string, ...args: unknown[]): void {
    this.inner.debug(maskSecrets(message), ...args.map(maskArg));
  }
  info(message: string, ...args: unknown[]): void {
    this.inner.info(oneEntry(maskSecrets(message)), ...args.map(maskArg));
  }
  warn(message: string, ...args: unknown[]): void {
    this.inner.warn(oneEntry(maskSecrets(message)), ...args.map(maskArg));
  }
  error(error: string | Error, ...args: unknown[]): void {
    const message = oneEntry(typeof error === 'string' ? maskSecrets(error) : describeError(error));
    this.inner.error(message, ...args.map(maskArg));
    if (error instanceof Error && error.stack) {
      this.inner.debug(maskSecrets(error.stack));
    }
  }
  append(value: string): void {
    this.inner.append(maskSecrets(value));
  }
  appendLine(value: string): void {
    this.inner.appendLine(maskSecrets(value));
  }
  replace(value: string): void {
    this.inner.replace(maskSecrets(value));
  }
  clear(): void {
    this.inner.clear();
  }
  show(preserveFocus?: boolean): void;
  show(column?: vscode.ViewColumn, preserveFocus?: boolean): void;
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean' || columnOrPreserveFocus === undefined) {
      this.inner.show(columnOrPreserveFocus);
    } else {
      this.inner.show(columnOrPreserveFocus, preserveFocus);
    }
  }
  hide(): void {
    this.inner.hide();
  }
  dispose(): void {
    this.inner.dispose();
  }
}

export const LOG_CHANNEL_NAME = 'Ops Manager';

/** Creates the extension's one log channel (masking). */
export function createLog(): vscode.LogOutputChannel {
  return new MaskingLogOutputChannel(vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true }));
}

/** One line per HTTP request: method, URL (never credentials), status, duration. */
export function logRequest(log: vscode.LogOutputChannel, server: string, entry: RequestLogEntry): void {
  const status = entry.status === undefined ? (entry.error ?? 'no response') : String(entry.status);
  const line = `[${server}] ${entry.method} ${entry.url} → ${status} (${Math.round(entry.durationMs)} ms${entry.authorized ? '' : ', without credentials'})`;
  if (entry.error !== undefined || (entry.status !== undefined && entry.status >= 400 && entry.authorized)) {
    log.warn(line);
  } else {
    log.info(line);
  }
}
