// axe-core (the accessibility engine behind Lighthouse and the browsers' own checkers) run inside a webview of the
// real VS Code: injected into the webview's content frame through the debugging protocol (the panel's CSP allows
// no other script), run over the whole document, and its serious and critical findings reported readably.
// Any webview works: the restore-job panel today, the batch and archive panels once they exist.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Frame } from 'playwright-core';
import type { Workbench } from './workbench';
import { WAIT } from './workbench';

/** WCAG 2.0/2.1 A and AA, plus axe's best practices (reported, but only serious and critical ones fail). */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const FAILING_IMPACTS: ReadonlySet<string> = new Set(['serious', 'critical']);

let axeSource: string | undefined;
function source(): string {
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

export interface AxeNode {
  target: string;
  html: string;
  summary: string;
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: AxeNode[];
}

/** The content frame of the visible webview (the last one when several are visible): where its document lives. */
export async function webviewFrame(wb: Workbench): Promise<Frame> {
  const outer = await wb.page.locator('iframe.webview.ready:visible').last().elementHandle({ timeout: WAIT.ui });
  const outerFrame = await outer.contentFrame();
  assert.ok(outerFrame, 'the webview host frame');
  const inner = await outerFrame.locator('iframe#active-frame').elementHandle({ timeout: WAIT.ui });
  const frame = await inner.contentFrame();
  assert.ok(frame, "the webview's content frame");
  return frame;
}

/** Runs axe over the frame's document and returns every violation, whatever its impact. */
export async function axeViolations(frame: Frame): Promise<AxeViolation[]> {
  if (!(await frame.evaluate('typeof window.axe === "object"'))) {
    await frame.evaluate(source());
  }
  const options = JSON.stringify({ runOnly: { type: 'tag', values: AXE_TAGS }, resultTypes: ['violations'] });
  const json: unknown = await frame.evaluate(
    `window.axe.run(document, ${options}).then((r) => JSON.stringify(r.violations.map((v) => ({
      id: v.id, impact: v.impact ?? 'unknown', help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary ?? '' })),
    }))))`,
  );
  assert.equal(typeof json, 'string', 'axe returned its results');
  return parseViolations(JSON.parse(String(json)));
}

function parseViolations(value: unknown): AxeViolation[] {
  assert.ok(Array.isArray(value), 'axe violations are a list');
  const text = (v: unknown, key: string): string => {
    const field: unknown = typeof v === 'object' && v !== null ? Reflect.get(v, key) : undefined;
    return typeof field === 'string' ? field : '';
  };
  return value.map((v: unknown) => {
    const nodes: unknown = typeof v === 'object' && v !== null ? Reflect.get(v, 'nodes') : undefined;
    return {
      id: text(v, 'id'),
      impact: text(v, 'impact'),
      help: text(v, 'help'),
      nodes: Array.isArray(nodes)
        ? nodes.map((n: unknown) => ({ target: text(n, 'target'), html: text(n, 'html'), summary: text(n, 'summary') }))
        : [],
    };
  });
}

/** One line per failing node: rule, impact, where, and axe's own explanation. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .flatMap((v) =>
      v.nodes.map(
        (n) => `  [${v.impact}] ${v.id}: ${v.help}\n    at ${n.target}: ${n.html.slice(0, 160)}\n    ${n.summary}`,
      ),
    )
    .join('\n');
}

/** The serious and critical violations in the visible webview, labelled with `where` (theme, job, panel). */
export async function seriousViolations(wb: Workbench, where: string): Promise<string[]> {
  const violations = await axeViolations(await webviewFrame(wb));
  const failing = violations.filter((v) => FAILING_IMPACTS.has(v.impact));
  const minor = violations.filter((v) => !FAILING_IMPACTS.has(v.impact));
  if (minor.length > 0) {
    console.log(`      (axe, ${where}: ${minor.map((v) => `${v.id} [${v.impact}]`).join(', ')})`);
  }
  return failing.length === 0 ? [] : [`${where}:\n${describeViolations(failing)}`];
}

/** Fails when axe finds a serious or critical violation in the visible webview. */
export async function expectNoSeriousViolations(wb: Workbench, where: string): Promise<void> {
  const found = await seriousViolations(wb, where);
  assert.deepEqual(found, [], `axe found serious or critical violations:\n${found.join('\n')}`);
}
