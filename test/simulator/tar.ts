// Minimal ustar writer: just enough to make archives that `tar` and gunzip accept.

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

/** One 512-byte header for a regular file. */
export function tarHeader(name: string, size: number, mtimeSeconds: number): Buffer {
  if (size > TAR_MAX_MEMBER_BYTES) throw new Error(`tar member too large: ${size} bytes`);
  const h = Buffer.alloc(TAR_BLOCK, 0);
  put(h, 0, 100, name);
  put(h, 100, 8, octal(0o644, 8));
  put(h, 108, 8, octal(0, 8));
  put(h, 116, 8, octal(0, 8));
  put(h, 124, 12, octal(size, 12));
  put(h, 136, 12, octal(mtimeSeconds, 12));
  h.fill(0x20, 148, 156); // checksum is computed with its own field as spaces
  put(h, 156, 1, '0');
  put(h, 257, 6, 'ustar\0');
  put(h, 263, 2, '00');
  put(h, 265, 32, 'mongodb');
  put(h, 297, 32, 'mongodb');
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
