// Ops Manager list paging: pageNum (1-based) and itemsPerPage, `links` with absolute self/previous/next hrefs,
// and totalCount.
import { errors, type OmError } from './omErrors';

export interface Page {
  pageNum: number;
  itemsPerPage: number;
}

export const DEFAULT_ITEMS_PER_PAGE = 100;

function positiveInt(name: string, text: string | null, fallback: number, max: number): number | OmError {
  if (text === null) return fallback;
  if (!/^[0-9]+$/.test(text)) return errors.invalidQueryParameter(name, text);
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1 || n > max) return errors.invalidQueryParameter(name, text);
  return n;
}

export function parsePage(query: URLSearchParams, maxItemsPerPage: number): Page | OmError {
  const pageNum = positiveInt('pageNum', query.get('pageNum'), 1, Number.MAX_SAFE_INTEGER);
  if (typeof pageNum !== 'number') return pageNum;
  const itemsPerPage = positiveInt('itemsPerPage', query.get('itemsPerPage'), DEFAULT_ITEMS_PER_PAGE, maxItemsPerPage);
  if (typeof itemsPerPage !== 'number') return itemsPerPage;
  return { pageNum, itemsPerPage };
}

/** `{results, totalCount, links}` for one page of `items`; hrefs keep the other query parameters. */
export function pageBody<T>(
  items: readonly T[],
  page: Page,
  selfUrl: URL,
  toJson: (item: T) => unknown,
): Record<string, unknown> {
  const start = (page.pageNum - 1) * page.itemsPerPage;
  const results = items.slice(start, start + page.itemsPerPage).map(toJson);
  const href = (pageNum: number): string => {
    const u = new URL(selfUrl.href);
    u.searchParams.delete('pageNum');
    u.searchParams.delete('itemsPerPage');
    u.searchParams.append('pageNum', String(pageNum));
    u.searchParams.append('itemsPerPage', String(page.itemsPerPage));
    return u.href;
  };
  const links: { href: string; rel: string }[] = [{ href: href(page.pageNum), rel: 'self' }];
  if (page.pageNum > 1) links.push({ href: href(page.pageNum - 1), rel: 'previous' });
  if (start + page.itemsPerPage < items.length) links.push({ href: href(page.pageNum + 1), rel: 'next' });
  return { links, results, totalCount: items.length };
}
