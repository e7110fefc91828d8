// Tooltips as markdown. Values come from the server, so each one goes into a code span sized to its content:
// nothing in a value can become a link, an image or HTML; it is shown on one line, bounded, invisible characters
// made visible.
import * as vscode from 'vscode';
import { plainText } from '../core';

/** Plain text in markdown: every character markdown could read as syntax is backslash-escaped. Unlike
 * MarkdownString.appendText, spaces stay spaces, so long tooltips still wrap. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~&]/g, '\\$&');
}

export function codeSpan(value: string): string {
  const runs = value.match(/`+/g) ?? [];
  const longest = runs.reduce((max, run) => Math.max(max, run.length), 0);
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') || value === '' ? ' ' : '';
  return `${fence}${pad}${value.replace(/[\r\n]+/g, ' ')}${pad}${fence}`;
}

/** "**Title**" then one "Label: `value`" line per defined value. */
export function fieldsTooltip(
  title: string,
  rows: ReadonlyArray<readonly [string, string | undefined]>,
  note?: string,
): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMarkdown(plainText(title, 300))}**\n\n`);
  for (const [label, value] of rows) {
    if (value === undefined || value === '') continue;
    md.appendMarkdown(`${escapeMarkdown(plainText(label))}: ${codeSpan(plainText(value, 500))}  \n`);
  }
  if (note !== undefined) {
    md.appendMarkdown(`\n${escapeMarkdown(note)}`);
  }
  return md;
}
