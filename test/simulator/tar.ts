// Minimal ustar writer: just enough to make archives that `tar` and gunzip accept, including the entry types
// hostile test archives need (links, devices, FIFOs), which a well-behaved packer would not write as asked.

export const TAR_BLOCK = 512;
/** ustar's 11 octal digits cap a member at 8 GiB - 1. */
export const TAR_MAX_MEMBER_BYTES = 8 ** 11 - 1;

function put(buf: Buffer, offset: number, length: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > length) throw new Error(`tar header field too long: ${text}`);
  bytes.copy(buf, offset);
}

function octal(value: number, width: number): string {
  // width - 1 digits and a NUL terminator
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

export type TarType = 'file' | 'hardlink' | 'symlink' | 'character-device' | 'block-device' | 'directory' | 'fifo';

const TYPEFLAG: Record<TarType, string> = {
  file: '0',
  hardlink: '1',
  symlink: '2',
  'character-device': '3',
  'block-device': '4',
  directory: '5',
  fifo: '6',
};

export interface TarHeaderOptions {
  type?: TarType;
  /** Permission bits; default 0644 (0755 for folders). */
  mode?: number;
  linkname?: string;
}

/** One 512-byte header (a regular file unless `options.type` says otherwise). */
export function tarHeader(name: string, size: number, mtimeSeconds: number, options: TarHeaderOptions = {}): Buffer {
  if (size > TAR_MAX_MEMBER_BYTES) throw new Error(`tar member too large: ${size} bytes`);
  const type = options.type ?? 'file';
  const h = Buffer.alloc(TAR_BLOCK, 0);
  put(h, 0, 100, name);
  put(h, 100, 8, octal(options.mode ?? (type === 'directory' ? 0o755 : 0o644), 8));
  put(h, 108, 8, octal(0, 8));
  put(h, 116, 8, octal(0, 8));
  put(h, 124, 12, octal(size, 12));
  put(h, 136, 12, octal(mtimeSeconds, 12));
  h.fill(0x20, 148, 156); // checksum is computed with its own field as spaces
  put(h, 156, 1, TYPEFLAG[type]);
  if (options.linkname !== undefined) put(h, 157, 100, options.linkname);
  put(h, 257, 6, 'ustar\0');
  put(h, 263, 2, '00');
  put(h, 265, 32, 'mongodb');
  put(h, 297, 32, 'mongodb');
  if (type === 'character-device' || type === 'block-device') {
    put(h, 329, 8, octal(1, 8));
    put(h, 337, 8, octal(3, 8));
  }
  let sum = 0;
  for (const b of h) sum += b;
  put(h, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return h;
}

/** Zero bytes completing a member of `size` bytes to a whole block. */
export function tarPadding(size: number): Buffer {
  const rest = size % TAR_BLOCK;
  return Buffer.alloc(rest === 0 ? 0 : TAR_BLOCK - rest, 0);
}

/** The two empty blocks that end an archive. */
export function tarEnd(): Buffer {
  return Buffer.alloc(2 * TAR_BLOCK, 0);
}

export interface TarMemberSpec extends TarHeaderOptions {
  name: string;
  data?: Buffer | string;
}

/** A whole (small) tar archive in memory. */
export function tarBuffer(members: readonly TarMemberSpec[], mtimeSeconds: number): Buffer {
  const parts: Buffer[] = [];
  for (const m of members) {
    const data = m.data === undefined ? Buffer.alloc(0) : Buffer.from(m.data);
    parts.push(tarHeader(m.name, data.length, mtimeSeconds, m), data, tarPadding(data.length));
  }
  parts.push(tarEnd());
  return Buffer.concat(parts);
}
