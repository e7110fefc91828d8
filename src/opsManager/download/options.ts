// What a caller gives a download and gets back. Its own module so that the parts of the engine (transfer,
// verification) can name the options without importing the engine that imports them.
import type { Dispatcher } from 'undici';
import type { TransportOptions } from '../http';
import type { HashingMode } from './hasher';
import type { DownloadFileSystem } from './tempFile';
import type { DownloadProgress } from './progress';

export interface DownloadOptions {
  /** Absolute http(s) URL, used byte for byte. */
  url: string;
  /** Extra headers for this URL's origin only (the urlV2 bearer token); dropped on a redirect elsewhere. */
  headers?: Record<string, string>;
  /** The file to create. Its folder must exist. */
  destination: string;
  /** Replace an existing destination (default false: an existing file is an error, checked again at the end). */
  overwrite?: boolean;
  /** Hex SHA-1 to verify against, when the job already has one. */
  expectedSha1?: string;
  /** Called after the transfer when `expectedSha1` is not given (Ops Manager adds `hashes` after a download). */
  resolveExpectedSha1?: (signal: AbortSignal | undefined) => Promise<string | undefined>;
  signal?: AbortSignal;
  /** No data for this long stops the download (default: transport body timeout, else 30 s). */
  idleTimeoutMs?: number;
  /** Connection settings (CA, proxy, connect timeout) for the backup host. */
  transport?: TransportOptions;
  /** A dispatcher to use instead of creating one (the caller keeps ownership). */
  dispatcher?: Dispatcher;
  onProgress?: (progress: DownloadProgress) => void;
  /** Minimum time between progress callbacks (default 200 ms); the first and last are always sent. */
  progressIntervalMs?: number;
  /** Test seam for the temporary file. */
  fileSystem?: DownloadFileSystem;
  /** Where the SHA-1 is computed (default: see DEFAULT_HASHING). */
  hashing?: HashingMode;
}

export interface DownloadResult {
  /** The final file. */
  path: string;
  /** Lower-case hex SHA-1 of what was written. */
  sha1: string;
  /** True when the SHA-1 matched Ops Manager's hash; false when there was no hash to compare with. */
  verified: boolean;
  expectedSha1?: string;
  /** Why the file could not be verified (no hash from Ops Manager, or re-reading the job failed). */
  unverifiedReason?: string;
  bytes: number;
  elapsedMs: number;
}
