// Ops Manager's error bodies: {detail, error, errorCode, parameters, reason}, as the real server words them
// as closely as we know.
import * as http from 'node:http';

export interface OmErrorBody {
  detail: string;
  error: number;
  errorCode?: string;
  parameters?: unknown[];
  reason?: string;
}

export interface OmError {
  status: number;
  body: OmErrorBody;
}

export function omError(
  status: number,
  errorCode: string | undefined,
  detail: string,
  parameters?: unknown[],
): OmError {
  // Keys in Ops Manager's (alphabetical) order.
  const body: OmErrorBody = { detail, error: status };
  if (errorCode !== undefined) body.errorCode = errorCode;
  if (parameters !== undefined) body.parameters = parameters;
  body.reason = http.STATUS_CODES[status] ?? 'Error';
  return { status, body };
}

export const errors = {
  /** Bad credentials: the exact body Ops Manager sends, with no errorCode. */
  unauthorized: (): OmError => ({
    status: 401,
    body: { reason: 'Unauthorized', error: 401, detail: 'You are not authorized for this resource.' },
  }),
  badDigestUri: (): OmError => omError(400, undefined, 'The digest uri parameter does not match the request URI.'),
  notInGroup: (groupId: string): OmError =>
    omError(401, 'NOT_IN_GROUP', `Current user is not in the group, or the group does not exist.`, [groupId]),
  ipNotOnWhitelist: (ip: string): OmError =>
    omError(403, 'IP_ADDRESS_NOT_ON_WHITELIST', `IP address ${ip} is not allowed to access this resource.`, [ip]),
  invalidGroupId: (id: string): OmError => omError(404, 'INVALID_GROUP_ID', `Invalid group ID ${id}.`, [id]),
  groupNotFound: (id: string): OmError => omError(404, 'GROUP_NOT_FOUND', `No group with ID ${id} exists.`, [id]),
  invalidClusterId: (id: string): OmError => omError(404, 'INVALID_CLUSTER_ID', `Invalid cluster ID ${id}.`, [id]),
  clusterNotFound: (id: string, groupId: string): OmError =>
    omError(404, 'CLUSTER_NOT_FOUND', `No cluster with ID ${id} exists in group ${groupId}.`, [id, groupId]),
  invalidHostId: (id: string): OmError => omError(404, 'INVALID_HOST_ID', `Invalid host ID ${id}.`, [id]),
  hostNotFound: (id: string, groupId: string): OmError =>
    omError(404, 'HOST_NOT_FOUND', `No host with ID ${id} exists in group ${groupId}.`, [id, groupId]),
  invalidJobId: (id: string): OmError => omError(404, 'INVALID_JOB_ID', `Invalid job ID ${id}.`, [id]),
  restoreJobNotFound: (id: string): OmError =>
    omError(404, 'RESTORE_JOB_NOT_FOUND', `No restore job with ID ${id} exists.`, [id]),
  configRestoreJobNotFound: (id: string, hostId: string): OmError =>
    omError(404, 'CONFIG_RESTORE_JOB_NOT_FOUND', `No restore job with ID ${id} exists for config server ${hostId}.`, [
      id,
      hostId,
    ]),
  notFound: (path: string): OmError => omError(404, 'RESOURCE_NOT_FOUND', `Cannot find resource ${path}.`, [path]),
  methodNotAllowed: (method: string): OmError =>
    omError(405, 'METHOD_NOT_ALLOWED', `Method ${method} is not allowed here.`, [method]),
  invalidQueryParameter: (name: string, value: string): OmError =>
    omError(400, 'INVALID_QUERY_PARAMETER', `Invalid value ${value} for query parameter ${name}.`, [name, value]),
  invalidJson: (): OmError => omError(400, 'INVALID_JSON', 'Received JSON is malformed.'),
  missingAttribute: (name: string): OmError =>
    omError(400, 'MISSING_ATTRIBUTE', `The required attribute ${name} was not specified.`, [name]),
  invalidAttribute: (name: string): OmError =>
    omError(400, 'INVALID_ATTRIBUTE', `Invalid attribute ${name} specified.`, [name]),
  /** For injected status faults. */
  forStatus: (status: number): OmError => {
    if (status === 429) return omError(429, 'RATE_LIMITED', 'Resource usage limit exceeded. Try again later.');
    if (status === 500) return omError(500, 'UNEXPECTED_ERROR', 'Unexpected error.');
    if (status === 503) return omError(503, 'SERVICE_UNAVAILABLE', 'Service temporarily unavailable.');
    return omError(status, undefined, `Simulated ${status} response.`);
  },
};
