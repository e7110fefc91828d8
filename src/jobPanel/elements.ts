// The small pieces the header and the sections are built from: a card, a labelled field, an "absent because…"
// note, copy buttons, dates, yes/no flags and status badges. Every server value passes through displayText.

import type * as vscode from 'vscode';
import type { JobRef } from '../core';
import { formatUtc, relativeTime, shortDate, type RelativeWords } from '../core/dateTime';
import { statusKindLabel, statusLook } from '../core/jobStatus';
import { displayText, escapeHtml } from '../core/escape';

export interface RenderContext {
  ref: JobRef;
  now: Date;
  l10n: typeof vscode.l10n;
  /** BCP 47 tag for dates and numbers (VS Code's display language). */
  locale?: string;
  clusterName?: string;
  /** The group's name, when the settings or Ops Manager gave it. */
  groupName?: string;
  /** "in {0}", "{0} ago", "now" in the UI language (English when not given). */
  relativeWords?: RelativeWords;
  /** The last download of this job this panel showed saved the file. */
  saved?: 'verified' | 'unverified';
  /** Seconds between polls while the job is watched; undefined when it is not. */
  watchIntervalSeconds?: number;
  /** When the job shown was fetched. */
  fetchedAt?: Date;
  /** A download of this job is running: one at a time, so the button waits. */
  downloading?: boolean;
}

export function section(id: string, title: string, content: string, icon: string): string {
  return `<section class="card" id="section-${id}" aria-labelledby="heading-${id}">
<h2 id="heading-${id}"><span class="codicon codicon-${icon}" aria-hidden="true"></span><span>${displayText(title)}</span></h2>
${content}
</section>`;
}

/** One `<dt>/<dd>` pair; `name` is the API field name, shown small under the label and used by tests. */
export function field(name: string, label: string, valueHtml: string): string {
  return `<div class="field" data-field="${escapeHtml(name)}"><dt><span class="label">${displayText(label)}</span><span class="api-name">${displayText(name)}</span></dt><dd>${valueHtml}</dd></div>`;
}

export function absent(reason: string): string {
  return `<span class="absent">${displayText(reason)}</span>`;
}

export function copyButton(text: string, label: string, l10n: typeof vscode.l10n): string {
  const aria = l10n.t('Copy {0}', label);
  return `<button type="button" class="icon-button" data-action="copy" data-copy="${escapeHtml(text)}" data-label="${escapeHtml(label)}" aria-label="${escapeHtml(aria)}" title="${escapeHtml(aria)}"><span class="codicon codicon-copy" aria-hidden="true"></span></button>`;
}

/** A monospaced value with a copy button. */
export function copyable(value: string, label: string, l10n: typeof vscode.l10n, className = 'mono'): string {
  return `<span class="value-row"><span class="${className}">${displayText(value)}</span>${copyButton(value, label, l10n)}</span>`;
}

export function idField(
  name: string,
  label: string,
  value: string | undefined,
  whyAbsent: string,
  l10n: typeof vscode.l10n,
): string {
  return field(name, label, value === undefined ? absent(whyAbsent) : copyable(value, label, l10n));
}

/** What formatting a date needs from the render context. */
export type DateContext = Pick<RenderContext, 'now' | 'l10n' | 'locale' | 'relativeWords'>;

/** The panel's one date format: "Nov 26, 06:33 PM (2 hr ago)", the UTC timestamp on hover. */
export function dateTimeHtml(iso: string, ctx: DateContext, relativeFirst = false): string {
  const { l10n } = ctx;
  const utc = formatUtc(iso);
  if (utc === undefined) {
    return `<span class="mono">${displayText(iso)}</span> <span class="absent">${displayText(l10n.t('(not a valid date)'))}</span>`;
  }
  const date = new Date(Date.parse(iso));
  const datetime = escapeHtml(date.toISOString());
  const absolute = `<time class="absolute" datetime="${datetime}">${displayText(shortDate(iso, ctx.now, ctx.locale) ?? utc)}</time>`;
  const relative = relativeTimeElement(iso, ctx);
  const [first, second] = relativeFirst ? [relative, absolute] : [absolute, relative];
  return `<span class="when" title="${escapeHtml(utc)}">${first} <span class="muted">(${second})</span></span>`;
}

/** "2 hr ago": rendered now, kept current by the webview script. */
export function relativeTimeElement(iso: string, ctx: DateContext): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) {
    return '';
  }
  const date = new Date(time);
  return `<time class="relative" data-relative datetime="${escapeHtml(date.toISOString())}">${displayText(relativeTime(date, ctx.now, ctx.locale, ctx.relativeWords))}</time>`;
}

export function dateField(
  name: string,
  label: string,
  iso: string | undefined,
  whyAbsent: string,
  ctx: RenderContext,
): string {
  return field(name, label, iso === undefined ? absent(whyAbsent) : dateTimeHtml(iso, ctx));
}

export function yesNo(value: boolean | undefined, yes: string, no: string, whyAbsent: string): string {
  if (value === undefined) {
    return absent(whyAbsent);
  }
  return `<span class="flag ${value ? 'on' : 'off'}"><span class="codicon ${value ? 'codicon-check' : 'codicon-dash'}" aria-hidden="true"></span><span>${displayText(value ? yes : no)}</span></span>`;
}

/**
 * A status as a coloured badge in words ("Max downloads reached"), the value Ops Manager sent in its tooltip;
 * unknown values are shown as sent, in a neutral badge. `withKind` puts "Job" or "Delivery" before the words
 * (the header, where no field label says it). The badge itself is hidden from screen readers (an aria-label on a
 * plain span is ignored, and a tooltip is not read): a visually hidden sentence beside it says "Job status:
 * Finished." instead.
 */
export function statusBadge(
  value: string | undefined,
  kind: 'job' | 'delivery',
  l10n: typeof vscode.l10n,
  withKind = false,
): string {
  const label = statusKindLabel(kind, l10n);
  const kindWord = withKind
    ? `<span class="badge-kind">${displayText(kind === 'job' ? l10n.t('Job') : l10n.t('Delivery'))}</span> `
    : '';
  if (value === undefined) {
    const spoken = kind === 'job' ? l10n.t('Job status: unknown.') : l10n.t('Delivery: unknown.');
    return `<span class="status-badge">${visuallyHidden(spoken)}<span class="badge neutral" title="${escapeHtml(l10n.t('{0}: not sent', label))}" aria-hidden="true"><span class="codicon codicon-question" aria-hidden="true"></span>${kindWord}<span>${displayText(l10n.t('unknown'))}</span></span></span>`;
  }
  const known = statusLook(kind, value);
  const { tone, icon } = known ?? { tone: 'neutral', icon: 'question' };
  const title = known
    ? l10n.t('{0}: {1}', label, value)
    : l10n.t('{0}: {1}, a value this extension does not know, shown as sent', label, value);
  const words = known ? known.label(l10n) : value;
  const spokenWords = known ? words : l10n.t('{0} (a value this extension does not know)', value);
  const spoken = kind === 'job' ? l10n.t('Job status: {0}.', spokenWords) : l10n.t('Delivery: {0}.', spokenWords);
  const spin = icon === 'sync' ? ' codicon-modifier-spin' : '';
  return `<span class="status-badge">${visuallyHidden(spoken)}<span class="badge ${tone}" data-status="${escapeHtml(value)}" title="${escapeHtml(title)}" aria-hidden="true"><span class="codicon codicon-${icon}${spin}" aria-hidden="true"></span>${kindWord}<span class="badge-words">${displayText(words)}</span></span></span>`;
}

/** Text for screen readers only. */
export function visuallyHidden(text: string): string {
  return `<span class="visually-hidden">${displayText(text)}</span>`;
}

/** The "·" between parts of a line, heard as a comma (the dot itself is not read: "Demo, Group …"). */
export const SEPARATOR =
  '<span class="separator"><span aria-hidden="true">·</span><span class="visually-hidden">, </span></span>';

export function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    // Nested deeper than the stack allows (a few hundred kB of "[[[[…" parse fine): String() would recurse too.
    if (Array.isArray(value)) return '[…]';
    return typeof value === 'object' && value !== null ? '{…}' : String(value);
  }
}
