// The one place errors and download blockers become sentences. The domain (src/opsManager) says which situation
// it is (`code`) and with which values (`params`); this module words it through `l10n.t`, so every message a user
// sees is translatable and reads the same in a notification, a tree node, the panel and the download command.
// `l10n` is a parameter (VS Code's `vscode.l10n`, or `englishL10n` in unit tests), as in progressText.ts.
//
// This file is long on purpose: one sentence per situation, together, so translators and reviewers see them all.
// Over 300 lines because it is one sentence per situation, kept together (see below).
import type * as vscode from 'vscode';
import { isOpsManagerError, MAX_WORDED_WAIT_S, type ErrorParams, type OpsManagerError } from '../opsManager/common';
import type { Downloadability } from '../opsManager/api';
import { formatBytes } from '../opsManager/common';
import { maskSecrets } from './mask';
import { plainText } from './escape';

// Only `t` is used: callers may pass VS Code's l10n or any object that translates (the batch panel's renderer, tests).
type L10n = Pick<typeof vscode.l10n, 't'>;
type Params = ErrorParams;

const str = (params: Params, key: string): string | undefined => {
  const value = params[key];
  return value === undefined ? undefined : String(value);
};

/** The progress message while a rate-limited call waits to be retried (Cancel ends the wait). */
export function rateLimitedText(seconds: number, l10n: L10n): string {
  return l10n.t('Rate limited by Ops Manager; retrying in {0} s…', seconds);
}

/**
 * The sentence for any error: an OpsManagerError by its code, anything else by its (masked) message. Sentences
 * carry the server's words, values and names and reach notifications, which make `[text](command:…)` clickable:
 * masked whole, then shown as plain text (one line, bounded, no link).
 */
export function errorText(error: unknown, l10n: L10n): string {
  const text = isOpsManagerError(error)
    ? opsManagerErrorText(error, l10n)
    : error instanceof Error
      ? error.message
      : String(error);
  return plainText(maskSecrets(text), 2000);
}

function opsManagerErrorText(error: OpsManagerError, l10n: L10n): string {
  const p = error.params;
  if (error.kind === 'http' && error.code.startsWith('BACKUP_')) {
    return joinSaid(backupHostText(error.code, p, l10n), p, l10n, 'backup');
  }
  if (error.kind === 'http') {
    const sentence = httpText(error.code, p, l10n);
    const status = str(p, 'status') ?? String(error.status ?? '');
    const code = str(p, 'errorCode');
    return `${joinSaid(sentence, p, l10n, 'api')} ${code === undefined ? l10n.t('(HTTP {0})', status) : l10n.t('(HTTP {0} {1})', status, code)}`;
  }
  return otherText(error, l10n) ?? error.message;
}

/** Appends what the server said: its own words, or the start of a body that was not JSON. */
function joinSaid(sentence: string, p: Params, l10n: L10n, who: 'api' | 'backup'): string {
  const notJson = str(p, 'notJson');
  const said = str(p, 'serverSaid');
  if (notJson !== undefined) {
    return notJson === ''
      ? `${sentence} ${l10n.t('The response body was empty.')}`
      : `${sentence} ${l10n.t('The response was not JSON: "{0}"', notJson)}`;
  }
  if (said !== undefined) {
    return who === 'api'
      ? `${sentence} ${l10n.t('Ops Manager said: "{0}"', said)}`
      : `${sentence} ${l10n.t('The backup host said: "{0}"', said)}`;
  }
  return sentence;
}

function waitText(p: Params, l10n: L10n): string {
  const seconds = p.waitSeconds;
  if (typeof seconds !== 'number') return l10n.t('a minute');
  if (seconds > MAX_WORDED_WAIT_S) return l10n.t('a few minutes (Ops Manager asked for more than a day)');
  if (seconds > 3600) return l10n.t('{0} hours', Math.ceil(seconds / 3600));
  return seconds === 1 ? l10n.t('1 second') : l10n.t('{0} seconds', seconds);
}

function httpText(code: string, p: Params, l10n: L10n): string {
  const groupId = str(p, 'groupId');
  const clusterId = str(p, 'clusterId');
  const hostId = str(p, 'hostId');
  const jobId = str(p, 'jobId');
  const path = str(p, 'path') ?? '';
  const group = groupId === undefined ? l10n.t('this project') : l10n.t('group {0}', groupId);
  switch (code) {
    case 'JOB_NOT_FOUND': {
      const job = jobId === undefined ? l10n.t('The restore job') : l10n.t('Restore job {0}', jobId);
      const parent =
        clusterId !== undefined
          ? l10n.t(' / cluster {0}', clusterId)
          : hostId !== undefined
            ? l10n.t(' / config server host {0}', hostId)
            : '';
      return hostId !== undefined && clusterId === undefined
        ? l10n.t(
            '{0} was not found in {1}{2}. Check the ID: it must be a restore job of this config server in this project (jobs of a sharded cluster belong to the top-level cluster, not to a shard), and it may have been removed.',
            job,
            group,
            parent,
          )
        : l10n.t(
            '{0} was not found in {1}{2}. Check the ID: it must be a restore job of this cluster in this project (jobs of a sharded cluster belong to the top-level cluster, not to a shard), and it may have been removed.',
            job,
            group,
            parent,
          );
    }
    case 'CLUSTER_NOT_FOUND':
      return l10n.t(
        '{0} was not found in {1}. Check the cluster ID, or refresh the tree: the cluster may have been removed.',
        clusterId === undefined ? l10n.t('The cluster') : l10n.t('Cluster {0}', clusterId),
        group,
      );
    case 'HOST_NOT_FOUND':
      return l10n.t(
        '{0} was not found in {1}. Check the host ID (the ID of the mirrored config server, not its host name).',
        hostId === undefined ? l10n.t('The config server host') : l10n.t('Config server host {0}', hostId),
        group,
      );
    case 'NOT_CONFIG_SERVER':
      return l10n.t(
        '{0} in {1} is not a config server, so it has no config-server restore jobs. Look the job up under its cluster instead.',
        hostId === undefined ? l10n.t('This host') : l10n.t('Host {0}', hostId),
        group,
      );
    case 'CLUSTER_ID_NOT_ACCEPTED':
      return l10n.t(
        'Ops Manager did not accept {0} as a cluster of {1}: the API needs a cluster ID (24 hex characters), not a name. Copy the ID from the cluster list.',
        clusterId === undefined ? l10n.t('the cluster') : `"${clusterId}"`,
        group,
      );
    case 'GROUP_NOT_FOUND':
      return l10n.t(
        '{0} was not found. Check the project ID (24 hex characters, shown in Ops Manager under Project Settings) and that this server and API key are the ones that own the project.',
        groupId === undefined ? l10n.t('The project (group)') : l10n.t('Project (group) {0}', groupId),
      );
    case 'KEY_NOT_IN_GROUP':
      return l10n.t(
        'The API key is valid but has no access to {0}. Give the key a role in this project in Ops Manager (Access Manager → API Keys), or use a key that has one.',
        group,
      );
    case 'KEY_NOT_ALLOWED':
      return l10n.t(
        'The API key is valid but not allowed to do this in {0}. Give the key a project role that can read backups and restore jobs, or use a key that has one.',
        group,
      );
    case 'KEY_HAS_NO_USER':
      return l10n.t(
        "Ops Manager found no user for this API key. Check the public key in the server's username setting, that the key still exists, and run 'Set API Key…' with its private key.",
      );
    case 'NOT_ON_ACCESS_LIST': {
      const ip = str(p, 'ip');
      return ip === undefined
        ? l10n.t(
            "Ops Manager refused the request because this machine's IP address is not on the API key's access list. Add this machine's IP address to the API key's access list in Ops Manager (Access Manager → API Keys → Edit), then try again. The API access list matches IPv4 addresses.",
          )
        : l10n.t(
            "Ops Manager refused the request because this machine's IP address ({0}) is not on the API key's access list. Add this machine's IP address to the API key's access list in Ops Manager (Access Manager → API Keys → Edit), then try again. {0} is the address Ops Manager saw; the API access list matches IPv4 addresses.",
            ip,
          );
    }
    case 'RATE_LIMITED':
      return l10n.t(
        'Ops Manager is rate-limiting requests (older servers allow 100 requests per minute per project). Wait {0} and try again.',
        waitText(p, l10n),
      );
    case 'TOO_MANY_REQUESTS':
      return l10n.t('Ops Manager is rate-limiting requests. Wait {0} and try again.', waitText(p, l10n));
    case 'SERVER_INTERNAL_ERROR':
      return l10n.t(
        'Ops Manager reported an internal error. Try again; if it keeps happening, an Ops Manager administrator can find the cause in the server logs.',
      );
    case 'KEY_REJECTED':
      return l10n.t("The API key was rejected: check the public key and run 'Set API Key…'.");
    case 'NO_USABLE_CHALLENGE': {
      const offered = str(p, 'offered');
      return offered === undefined || offered === ''
        ? l10n.t(
            'Ops Manager answered 401 without offering Digest authentication, so no API key was sent. Check that baseUrl points at Ops Manager itself, not at a proxy or single sign-on page in front of it.',
          )
        : l10n.t(
            'Ops Manager answered 401 offering only {0}, which this extension cannot answer (it speaks HTTP Digest with MD5, SHA-256 or SHA-512-256 and qop auth or auth-int), so no API key was sent. Check that baseUrl points at Ops Manager itself, not at a proxy in front of it.',
            offered,
          );
    }
    case 'KEY_REFUSED':
      return l10n.t(
        "Ops Manager refused the API key for {0}. Check the key's roles and run 'Set API Key…' if the key changed.",
        path,
      );
    case 'FORBIDDEN':
      return l10n.t(
        "Ops Manager refused access to {0}. The API key may lack a role for this, or this machine's IP address may not be on the API key's access list.",
        path,
      );
    case 'NOT_FOUND':
      return l10n.t(
        'Ops Manager found nothing at {0}. Check the IDs, or refresh the tree: the resource may have been removed.',
        path,
      );
    case 'NOT_FOUND_CHECK_BASE_URL':
      return l10n.t(
        "Ops Manager found nothing at {0}. Check the server's base URL (it should be the Ops Manager address, e.g. https://opsmanager.example.com:8443) and the IDs.",
        path,
      );
    case 'REQUEST_INVALID':
      return l10n.t('Ops Manager rejected the request to {0} as invalid.', path);
    case 'PROXY_AUTH_REQUIRED':
      return l10n.t(
        'The proxy between this machine and Ops Manager requires authentication: check the http.proxy setting.',
      );
    case 'UNAVAILABLE':
      return l10n.t(
        'Ops Manager (or a proxy in front of it) is unavailable or did not answer in time for {0}. Try again later.',
        path,
      );
    case 'SERVER_FAILED':
      return l10n.t(
        'Ops Manager failed with a server error for {0}. Try again; if it keeps happening, check the Ops Manager server logs.',
        path,
      );
    case 'REDIRECTED':
      return l10n.t(
        "Ops Manager answered {0} with a redirect. Check the server's base URL (https:// vs http://, host and port).",
        path,
      );
    default:
      return l10n.t('Ops Manager answered {0} with an unexpected status.', path);
  }
}

function backupHostText(code: string, p: Params, l10n: L10n): string {
  const status = str(p, 'status') ?? '';
  switch (code) {
    case 'BACKUP_TOKEN_REJECTED':
      return l10n.t(
        'The backup host did not accept the download token (HTTP 401): the link has probably expired. Refresh the restore job to get a current link.',
      );
    case 'BACKUP_LINK_USED_UP':
      return l10n.t(
        'The backup host refused the download (HTTP {0}): the link has expired or has been used the maximum number of times. Refresh the restore job; if it shows EXPIRED or MAX_DOWNLOADS_EXCEEDED, start a new restore job in Ops Manager.',
        status,
      );
    case 'BACKUP_LINK_UNKNOWN':
      return l10n.t(
        'The backup host does not know this download link (HTTP 404): it has expired or been used up, or the restore files were removed. Refresh the restore job, and start a new one if needed.',
      );
    case 'BACKUP_BUSY':
      return l10n.t('The backup host is busy or unavailable (HTTP {0}). Try again in a few minutes.', status);
    case 'BACKUP_REDIRECT_WITHOUT_LOCATION':
      return l10n.t('The backup host answered a redirect (HTTP {0}) without saying where to.', status);
    default:
      return l10n.t(
        'The backup host answered HTTP {0} instead of the archive. Try again later; if it persists, check the restore job in Ops Manager.',
        status,
      );
  }
}

function seconds(ms: unknown): string {
  const n = typeof ms === 'number' ? ms : 0;
  return n < 1000 ? `${n} ms` : `${Math.round(n / 100) / 10} s`;
}

function progressOf(p: Params, l10n: L10n): string {
  const received = typeof p.received === 'number' ? p.received : 0;
  return typeof p.total === 'number'
    ? l10n.t('{0} of {1}', formatBytes(received), formatBytes(p.total))
    : formatBytes(received);
}

/** Network, TLS, timeouts, downloads, files and verification; undefined for codes worded nowhere (their message). */
function otherText(error: OpsManagerError, l10n: L10n): string | undefined {
  const p = error.params;
  const host = str(p, 'host') ?? '';
  const origin = str(p, 'origin') ?? '';
  const api = p.role !== 'download';
  const checkUrl = api
    ? l10n.t("Check the server's baseUrl setting.")
    : l10n.t('The download link may be wrong or the backup host unreachable from here.');
  switch (error.code) {
    case 'CANCELLED':
      return l10n.t('The request was cancelled.');
    case 'TIMEOUT': {
      const phase =
        p.phase === 'connect'
          ? l10n.t('connecting')
          : p.phase === 'body'
            ? l10n.t('while receiving the response body')
            : l10n.t('waiting for the response');
      return api
        ? l10n.t(
            '{0} did not answer in time ({1}). Check that Ops Manager is reachable at {2}, or raise the opsManager.requestTimeoutSeconds setting.',
            host,
            phase,
            origin,
          )
        : l10n.t(
            '{0} did not answer in time ({1}). Check that the backup host is reachable, or raise the opsManager.requestTimeoutSeconds setting.',
            host,
            phase,
          );
    }
    case 'DEADLINE':
      return l10n.t(
        '{0} kept the request going for more than {1} s without finishing it (data arrived too slowly). Check the network path to {2}, or raise the opsManager.requestTimeoutSeconds setting (an API call may take three times that in total).',
        host,
        str(p, 'seconds') ?? '',
        origin,
      );
    case 'TLS_UNTRUSTED': {
      const why = p.selfSigned === true ? l10n.t('self-signed certificate') : l10n.t('unknown certificate authority');
      return api
        ? l10n.t(
            "The TLS certificate of {0} is not trusted ({1}). Set this server's caFile setting to the PEM file of the certificate authority that signed it (or, only for a test server, set strictSSL to false).",
            host,
            why,
          )
        : l10n.t(
            'The TLS certificate of {0} is not trusted ({1}). Set the caFile setting of the server this download belongs to, to the PEM file of the certificate authority that signed it.',
            host,
            why,
          );
    }
    case 'TLS_EXPIRED':
      return l10n.t(
        "The TLS certificate of {0} has expired or is not yet valid. Ask the administrator to renew it, and check this computer's clock.",
        host,
      );
    case 'TLS_WRONG_HOST':
      return l10n.t(
        'The TLS certificate of {0} does not name this host. Use the host name the certificate was issued for in baseUrl.',
        host,
      );
    case 'TLS_HANDSHAKE':
      return l10n.t(
        'The TLS handshake with {0} failed ({1}). Check that baseUrl uses the right scheme (https:// or http://) and port.',
        host,
        str(p, 'detail') ?? '',
      );
    case 'SPEAKS_TLS':
      return l10n.t(
        "{0} closed the connection: it speaks TLS (HTTPS), but the base URL starts with http://. Change the server's baseUrl to https://{0}.",
        host,
      );
    case 'PROXY_REFUSED_TARGET':
      return l10n.t(
        'The proxy {0} refused to connect to {1} (status {2}). Check the http.proxy and http.noProxy settings (or HTTPS_PROXY / NO_PROXY).',
        str(p, 'proxy') ?? '',
        host,
        str(p, 'status') ?? '?',
      );
    case 'PROXY_AUTH_REQUIRED':
      return l10n.t('The proxy asks for authentication (407). Put the proxy credentials in the http.proxy URL.');
    case 'PROXY_REFUSED':
      return l10n.t(
        'The proxy {0} refused the connection, so {1} was not reached. Check that the proxy is running, and the http.proxy setting (or HTTPS_PROXY / HTTP_PROXY); add {1} to http.noProxy if it should be reached directly.',
        str(p, 'proxy') ?? '',
        host,
      );
    case 'CONNECTION_REFUSED':
      return api
        ? l10n.t(
            "Connection refused by {0}. Is Ops Manager running at {1}? Check the server's baseUrl setting.",
            host,
            origin,
          )
        : l10n.t('Connection refused by {0}. {1}', host, checkUrl);
    case 'DNS_FAILED':
      return l10n.t(
        'Cannot resolve the host name {0}. {1} Check your network or DNS.',
        str(p, 'hostname') ?? host,
        checkUrl,
      );
    case 'UNREACHABLE':
      return l10n.t(
        '{0} is unreachable from this computer ({1}). Check your network, VPN or proxy settings.',
        host,
        str(p, 'codes') ?? '',
      );
    case 'CONNECTION_CLOSED':
      return l10n.t(
        'The connection to {0} was closed unexpectedly ({1}). Try again; if it keeps happening, check proxies or load balancers in between.',
        host,
        str(p, 'detail') ?? '',
      );
    case 'REQUEST_NOT_SENT':
      return l10n.t('The request to {0} could not be sent: {1}', host, str(p, 'detail') ?? '');
    case 'REQUEST_FAILED':
      return l10n.t('Request to {0} failed: {1}', host, str(p, 'detail') ?? '');
    case 'UNEXPECTED_ANSWER':
      return l10n.t('Unexpected answer from Ops Manager for {0}: {1}', str(p, 'url') ?? '', str(p, 'problem') ?? '');
    case 'DOWNLOAD_CANCELLED':
      return l10n.t('The download was cancelled; nothing was saved.');
    case 'BACKUP_NO_ANSWER':
      return l10n.t(
        'The backup host {0} did not answer within {1}; nothing was saved. Try again later.',
        host,
        seconds(p.idleMs),
      );
    case 'DOWNLOAD_STALLED':
      return l10n.t(
        'No data from the backup host for {0} after {1}; the download was stopped and nothing was saved. Try again (this download may have counted against maxDownloads).',
        seconds(p.idleMs),
        progressOf(p, l10n),
      );
    case 'DOWNLOAD_CUT':
      return l10n.t(
        'The connection was cut after {0}; nothing was saved. Try again (this download may have counted against maxDownloads).',
        progressOf(p, l10n),
      );
    case 'TOO_MANY_REDIRECTS':
      return l10n.t('The backup host redirected the download more than {0} times; stopped.', str(p, 'max') ?? '');
    case 'BAD_DOWNLOAD_URL':
      return urlProblemText(p, l10n);
    case 'BAD_REDIRECT_URL':
      return l10n.t('The backup host redirected the download elsewhere, and {0}', lowerFirst(urlProblemText(p, l10n)));
    case 'SHA1_MISMATCH':
      return l10n.t(
        "The downloaded file does not match Ops Manager's SHA-1 (expected {0}, got {1}), so it was deleted and nothing was saved. Download it again; if it keeps failing, the archive on the backup host may be damaged.",
        str(p, 'expected') ?? '',
        str(p, 'received') ?? '',
      );
    case 'DESTINATION_EXISTS':
      return l10n.t(
        '{0} already exists and was not overwritten. Choose another name, or allow overwriting it.',
        str(p, 'file') ?? '',
      );
    case 'CA_FILE_UNREADABLE':
      return l10n.t(
        'Cannot read the CA file "{0}" ({1}). Fix this server\'s caFile setting: it must be the path of a PEM file.',
        str(p, 'file') ?? '',
        str(p, 'errno') ?? '',
      );
    case 'CA_NO_PEM':
      return p.file === undefined
        ? l10n.t(
            'The ca option holds no PEM certificate (expected "-----BEGIN CERTIFICATE-----"). Fix this server\'s caFile setting.',
          )
        : l10n.t(
            'The caFile "{0}" holds no PEM certificate (expected "-----BEGIN CERTIFICATE-----"). Fix this server\'s caFile setting.',
            str(p, 'file') ?? '',
          );
    case 'PROXY_INVALID':
      return l10n.t(
        'The proxy "{0}" is not a valid URL. Fix the http.proxy setting (or HTTPS_PROXY/HTTP_PROXY), e.g. http://proxy.example.com:3128.',
        str(p, 'proxy') ?? '',
      );
    case 'PROXY_UNSUPPORTED':
      return l10n.t(
        'The proxy "{0}" uses {1}, which is not supported: use an http://, https:// or socks5:// proxy URL.',
        str(p, 'proxy') ?? '',
        str(p, 'protocol') ?? '',
      );
    case 'RESPONSE_TOO_LARGE': {
      const limit = formatBytes(typeof p.limit === 'number' ? p.limit : 0);
      const url = str(p, 'url') ?? '';
      return typeof p.size === 'number'
        ? l10n.t(
            'The response from {0} is larger than the {1} this client accepts ({2}). Ask for fewer items per page, or check that baseUrl points at the Ops Manager API.',
            url,
            limit,
            formatBytes(p.size),
          )
        : l10n.t(
            'The response from {0} is larger than the {1} this client accepts. Ask for fewer items per page, or check that baseUrl points at the Ops Manager API.',
            url,
            limit,
          );
    }
    case 'USERNAME_EMPTY':
      return l10n.t('The public key (user name) for Ops Manager is empty. Set it in the server settings.');
    case 'API_KEY_MISSING':
      return l10n.t("No API key is stored for this Ops Manager server. Run 'Set API Key…'.");
    case 'DESTINATION_IS_FOLDER':
      return l10n.t('{0} is a folder; choose a file name inside it.', str(p, 'file') ?? '');
    default:
      return ioText(error.code, p, l10n);
  }
}

function ioText(code: string, p: Params, l10n: L10n): string | undefined {
  const folder = str(p, 'folder') ?? '';
  switch (code) {
    case 'DISK_FULL':
      return l10n.t(
        'The disk is full: could not write to {0}. Free some space or choose another folder, then download again.',
        folder,
      );
    case 'PERMISSION_DENIED':
      return l10n.t(
        'Permission denied writing to {0}. Choose a folder you can write to (or change opsManager.downloadDirectory), then download again.',
        folder,
      );
    case 'READ_ONLY_FILE_SYSTEM':
      return l10n.t('{0} is on a read-only file system. Choose another folder, then download again.', folder);
    case 'FOLDER_MISSING':
      return l10n.t('The folder {0} does not exist. Create it or choose another folder.', folder);
    case 'NOT_A_FOLDER':
      return l10n.t('{0} is not a folder. Choose another destination.', folder);
    case 'FILE_TOO_LARGE':
      return l10n.t(
        'The archive is too large for the file system of {0} (FAT32 stops at 4 GiB). Choose a folder on another drive.',
        folder,
      );
    case 'NAME_TOO_LONG':
      return l10n.t('The file name is too long for {0}. Choose a shorter name.', folder);
    case 'WRITE_FAILED':
      return l10n.t(
        'Could not write {0}: {1} ({2}).',
        str(p, 'file') ?? '',
        str(p, 'detail') ?? '',
        str(p, 'errno') ?? '',
      );
    default:
      return undefined;
  }
}

function urlProblemText(p: Params, l10n: L10n): string {
  switch (p.problem) {
    case 'RELATIVE':
      return l10n.t('The download URL is relative, not an absolute http or https URL, so it was not opened.');
    case 'SCHEME':
      return l10n.t(
        'The download URL uses the {0}: scheme; only http and https downloads are allowed, so it was not opened.',
        str(p, 'scheme') ?? '',
      );
    case 'NO_HOST':
      return l10n.t('The download URL has no host name, so it was not opened.');
    case 'USERINFO':
      return l10n.t(
        'The download URL carries a user name or password, which Ops Manager never sends, so it was not opened.',
      );
    case 'WHITESPACE':
      return l10n.t(
        'The download URL contains spaces or control characters around or inside it, so it was not opened.',
      );
    default:
      return l10n.t('The download URL is not a valid URL, so it was not opened.');
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Why a restore job's archive cannot be downloaded now, in words. */
export function blockerText(check: Extract<Downloadability, { ok: false }>, l10n: L10n): string {
  const p = check.params;
  switch (check.blocker) {
    case 'NO_DELIVERY':
      return l10n.t('Ops Manager sent no delivery details for this restore job, so there is nothing to download.');
    case 'AUTOMATED_RESTORE':
      return l10n.t(
        'This is an automated restore: Ops Manager restores the snapshot onto the target cluster {0} itself, so there is no archive to download.',
        str(p, 'targetClusterId') ?? str(p, 'targetGroupId') ?? '',
      );
    case 'NOT_HTTP':
      return p.method === undefined
        ? l10n.t(
            'Ops Manager did not say how this restore is delivered (no delivery.methodName), so it cannot be downloaded.',
          )
        : l10n.t(
            'This restore is delivered by {0}, not as an HTTP download, so there is no archive to download.',
            str(p, 'method') ?? '',
          );
    case 'EXPIRED':
      return p.expires === undefined
        ? l10n.t('The download link has expired. Start a new restore job in Ops Manager to get a new link.')
        : l10n.t(
            'The download link expired on {0}. Start a new restore job in Ops Manager to get a new link.',
            str(p, 'expires') ?? '',
          );
    case 'MAX_DOWNLOADS_EXCEEDED':
      return p.maxDownloads === undefined
        ? l10n.t(
            'The download link has been used the maximum number of times. Start a new restore job in Ops Manager to get a new link.',
          )
        : l10n.t(
            'The download link has been used the maximum number of times ({0} allowed). Start a new restore job in Ops Manager to get a new link.',
            str(p, 'maxDownloads') ?? '',
          );
    case 'JOB_NOT_FINISHED':
      return l10n.t(
        'The archive is still being prepared (delivery {0}). Try again when the job shows READY.',
        str(p, 'status') ?? '',
      );
    case 'NOT_READY':
      if (p.final === true) {
        return l10n.t(
          'The archive delivery is {0}, so there is nothing to download. Start a new restore job in Ops Manager.',
          str(p, 'status') ?? '',
        );
      }
      if (p.status !== undefined) {
        return l10n.t(
          'The archive delivery status is {0}, not READY, so it was not downloaded.',
          str(p, 'status') ?? '',
        );
      }
      return p.jobInProgress === true
        ? l10n.t('The restore job is still in progress and its archive is not ready yet.')
        : l10n.t('Ops Manager did not say the archive is ready (no delivery.statusName), so it was not downloaded.');
    case 'NO_URL':
      return l10n.t(
        'Ops Manager has not sent a download link for this restore. A new HTTP restore gets its link shortly: refresh in a moment. (An automated restore onto a cluster has no download at all.)',
      );
    case 'BAD_URL':
      return urlProblemText(p, l10n);
    case 'BAD_AUTH_HEADER':
      return l10n.t(
        'Ops Manager sent a download token (delivery.authHeader/authBearer/authValue) that cannot be sent as an HTTP header, so it was not used.',
      );
  }
}
