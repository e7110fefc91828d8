// Archives built to break an unpacker, each with the refusal code extraction must answer with. Every one has a
// harmless restore layout around the hostile part, so a test proves the bad entry is what got refused.
import * as zlib from 'node:zlib';
import { smallRestoreArchive, SIM_TOP_FOLDER } from './omLayout';
import type { TarMemberSpec } from './tar';

export interface HostileArchive {
  name: string;
  /** What the archive tries. */
  attempt: string;
  /** The .tar.gz bytes. */
  bytes: Buffer;
  /** The ArchiveError code extraction (and inspection, where it can read to the end) must give. */
  code: string;
  /** Inspection reads it to the end and reports a refusal (true), or cannot read it at all (false). */
  readable: boolean;
}

const top = SIM_TOP_FOLDER;

function withExtra(extra: TarMemberSpec[]): Buffer {
  return smallRestoreArchive({ extra, dataBytes: 4096 });
}

export function hostileArchives(): HostileArchive[] {
  const good = smallRestoreArchive({ dataBytes: 256 * 1024 });
  const goodTar = zlib.gunzipSync(good);
  const corrupt = Buffer.from(good);
  // Flip bytes well inside the deflate stream (the header stays valid, so it is recognised as gzip).
  for (let i = 200; i < 260; i++) corrupt[i] ^= 0x5a;
  return [
    {
      name: 'path-traversal',
      attempt: 'a file at ../../escaped.txt',
      bytes: withExtra([{ name: `${top}/../../escaped.txt`, data: 'escaped\n' }]),
      code: 'PARENT_PATH',
      readable: true,
    },
    {
      name: 'absolute-path',
      attempt: 'a file at /tmp/…/escaped.txt',
      bytes: withExtra([{ name: '/tmp/ops-manager-sim-escaped.txt', data: 'escaped\n' }]),
      code: 'ABSOLUTE_PATH',
      readable: true,
    },
    {
      name: 'symlink-escape',
      attempt: 'a link to ../../.. and a file written through it',
      bytes: withExtra([
        { name: `${top}/outside`, type: 'symlink', linkname: '../../..' },
        { name: `${top}/outside/escaped.txt`, data: 'escaped\n' },
      ]),
      code: 'LINK_ESCAPE',
      readable: true,
    },
    {
      name: 'symlink-absolute',
      attempt: 'a link to /etc/passwd',
      bytes: withExtra([{ name: `${top}/passwd`, type: 'symlink', linkname: '/etc/passwd' }]),
      code: 'LINK_ESCAPE',
      readable: true,
    },
    {
      name: 'symlink-to-parent-of-destination',
      attempt: "a link to the folder above the top folder, which is the destination's parent once unpacked",
      bytes: withExtra([{ name: `${top}/up`, type: 'symlink', linkname: '..' }]),
      code: 'LINK_ESCAPE',
      readable: true,
    },
    {
      name: 'symlink-through-symlink',
      attempt: 'a link that is harmless on its own and escapes through another link',
      bytes: withExtra([
        { name: `${top}/hop`, type: 'symlink', linkname: 'journal/up' },
        { name: `${top}/journal/up`, type: 'symlink', linkname: '..' },
        { name: `${top}/twice`, type: 'symlink', linkname: 'hop/../..' },
      ]),
      code: 'LINK_ESCAPE',
      readable: true,
    },
    {
      name: 'hardlink-escape',
      attempt: 'a hard link to /etc/passwd',
      bytes: withExtra([{ name: `${top}/passwd`, type: 'hardlink', linkname: '/etc/passwd' }]),
      code: 'HARD_LINK_ESCAPE',
      readable: true,
    },
    {
      name: 'device',
      attempt: 'a character device (1,3)',
      bytes: withExtra([{ name: `${top}/null`, type: 'character-device' }]),
      code: 'DEVICE_ENTRY',
      readable: true,
    },
    {
      name: 'fifo',
      attempt: 'a named pipe',
      bytes: withExtra([{ name: `${top}/pipe`, type: 'fifo' }]),
      code: 'FIFO_ENTRY',
      readable: true,
    },
    {
      name: 'overwrite',
      attempt: 'restoreInfo.txt twice, the second one different',
      bytes: withExtra([{ name: `${top}/restoreInfo.txt`, data: 'MongoDB Version: 0.0.1\n' }]),
      code: 'ENTRY_CONFLICT',
      readable: true,
    },
    {
      name: 'file-then-folder',
      attempt: 'a file, then entries under the same name as a folder',
      bytes: withExtra([{ name: `${top}/WiredTiger.wt/inner`, data: 'x' }]),
      code: 'ENTRY_CONFLICT',
      readable: true,
    },
    {
      name: 'corrupt-gzip',
      attempt: 'damaged deflate data',
      bytes: corrupt,
      code: 'CORRUPT_GZIP',
      readable: false,
    },
    {
      name: 'truncated-gzip',
      attempt: 'the .tar.gz cut in the middle',
      bytes: good.subarray(0, Math.floor(good.length / 2)),
      code: 'CORRUPT_GZIP',
      readable: false,
    },
    {
      name: 'truncated-tar',
      attempt: 'a complete gzip of a tar cut inside an entry',
      bytes: zlib.gzipSync(goodTar.subarray(0, goodTar.length - 1024 - 100 * 1024)),
      code: 'CORRUPT_TAR',
      readable: false,
    },
  ];
}
