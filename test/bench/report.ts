// The printed table: one line per figure, with the target and PASS/MISS beside it. A miss is reported, never
// turned into a failing exit code: the figures are the product here, and a noisy machine must not hide them.
import type { Row } from './types';

function fmt(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (unit === 'req' || unit === 'B' || unit === '') return String(Math.round(value));
  if (unit === 'ms' || unit === 'MB') return value.toFixed(1);
  if (unit === '×') return value.toFixed(3);
  return value < 0.1 ? value.toFixed(4) : value.toFixed(3);
}

export function formatTable(rows: readonly Row[]): string {
  const header = ['metric', 'median', 'min', 'max', 'unit', 'target', 'result', 'note'];
  const body = rows.map((r) => [
    r.metric,
    fmt(r.median, r.unit),
    r.min === undefined ? '' : fmt(r.min, r.unit),
    r.max === undefined ? '' : fmt(r.max, r.unit),
    r.unit,
    r.target ?? '',
    r.target === undefined ? '' : r.pass ? 'PASS' : 'MISS',
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i >= 1 && i <= 3 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** The same table as Markdown, for docs/benchmarks.md. */
export function formatMarkdown(rows: readonly Row[]): string {
  const out = ['| metric | median | min | max | unit | target | result |', '|---|---:|---:|---:|---|---|---|'];
  for (const r of rows) {
    out.push(
      `| \`${r.metric}\` | ${fmt(r.median, r.unit)} | ${r.min === undefined ? '' : fmt(r.min, r.unit)} | ${r.max === undefined ? '' : fmt(r.max, r.unit)} | ${r.unit} | ${r.target ?? ''} | ${r.target === undefined ? '' : r.pass ? 'PASS' : '**MISS**'} |`,
    );
  }
  return out.join('\n');
}
