// What the wizard's input boxes accept, as pure functions (no vscode import) so that unit tests run them in Node.

/** "2026-11-30 14:05[:30]" (or with a T) in local time → ms; undefined when it is not such a date. */
export function parseLocalDateTime(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (m === null) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  const date = new Date(y, mo - 1, d, h, mi, s);
  // Rejects 2026-02-31 and 25:00, which Date would roll over.
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d || date.getHours() !== h)
    return undefined;
  if (date.getMinutes() !== mi || date.getSeconds() !== s) return undefined;
  return date.getTime();
}

/** ms → "2026-11-30 14:05:30" in local time, the format the input takes. */
export function formatLocalDateTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** "1700000000:1", "1700000000,1" or "1700000000 1" → {ts, inc}. */
export function parseOplogText(text: string): { oplogTs: number; oplogInc: number } | undefined {
  const m = /^(\d{1,12})(?:\s*[:,]\s*|\s+)(\d{1,10})$/.exec(text.trim());
  return m === null ? undefined : { oplogTs: Number(m[1]), oplogInc: Number(m[2]) };
}
