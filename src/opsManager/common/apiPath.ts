// Reads the resource IDs out of an Ops Manager API path (`…/groups/G/clusters/C/restoreJobs/J`). Shared by the
// URL parser in ids.ts and by error messages, which name the job, cluster and group a request was about.
// No imports on purpose: errors.ts depends on it, and ids.ts depends on errors.ts.

export interface ApiPathIds {
  groupId?: string;
  clusterId?: string;
  hostId?: string;
  jobId?: string;
}

/** The path prefix of every public API resource. */
export const API_PREFIX = '/api/public/v1.0';

const COLLECTIONS: Record<string, keyof ApiPathIds> = {
  groups: 'groupId',
  clusters: 'clusterId',
  hosts: 'hostId',
  restorejobs: 'jobId',
};

/** Decodes one path segment; a malformed escape is kept as written rather than throwing. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The IDs named by a path or URL, by the collection segment that precedes each. Query string and fragment are
 * ignored; collection names are matched case-insensitively. Never throws.
 */
export function scanApiPath(pathOrUrl: string): ApiPathIds {
  let pathname: string;
  try {
    pathname = new URL(pathOrUrl).pathname;
  } catch {
    pathname = pathOrUrl.replace(/[?#].*$/s, '');
  }
  const segments = pathname.split('/').filter((s) => s !== '');
  const ids: ApiPathIds = {};
  for (let i = 0; i + 1 < segments.length; i++) {
    const key = COLLECTIONS[segments[i].toLowerCase()];
    if (key !== undefined) {
      ids[key] = decodeSegment(segments[i + 1]);
      i++;
    }
  }
  return ids;
}
