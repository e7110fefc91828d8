// The archive domain speaks codes (src/opsManager/archive/errors.ts); this is where they become sentences that
// say what happened and what to do next. Shared by the commands; the job panel has its own few words.
import * as vscode from 'vscode';
import type { ArchiveError, ArchiveErrorCode, MongodNote, Refusal } from '../opsManager/archive';
import { formatBytes } from '../opsManager/common';
import { plainText } from '../core';

const lang = (): string => vscode.env.language;

/** Why one entry is refused: "… {entry} …". */
export function refusalText(code: ArchiveErrorCode, name: string): string {
  // An entry name is the archive's text: shown on one line, bounded, invisible characters made visible.
  const entry = plainText(name);
  switch (code) {
    case 'ABSOLUTE_PATH':
      return vscode.l10n.t(
        'The entry "{0}" has an absolute path: unpacking it would write outside the destination folder.',
        entry,
      );
    case 'PARENT_PATH':
      return vscode.l10n.t(
        'The entry "{0}" climbs out with "..": unpacking it would write outside the destination folder.',
        entry,
      );
    case 'UNSAFE_NAME':
      return vscode.l10n.t('The entry "{0}" has a name no file may have.', entry);
    case 'LINK_ESCAPE':
      return vscode.l10n.t(
        'The symbolic link "{0}" points outside the destination folder (or through another link).',
        entry,
      );
    case 'HARD_LINK_ESCAPE':
      return vscode.l10n.t('The hard link "{0}" points at a file outside the archive.', entry);
    case 'DEVICE_ENTRY':
      return vscode.l10n.t('The entry "{0}" is a device file; a restore archive has none.', entry);
    case 'FIFO_ENTRY':
      return vscode.l10n.t('The entry "{0}" is a named pipe; a restore archive has none.', entry);
    case 'UNSUPPORTED_ENTRY':
      return vscode.l10n.t('The entry "{0}" is of a kind that is not unpacked (not a file, folder or link).', entry);
    case 'ENTRY_CONFLICT':
      return vscode.l10n.t('The entry "{0}" would overwrite another entry of the archive.', entry);
    default:
      return vscode.l10n.t('The entry "{0}" cannot be unpacked safely ({1}).', entry, code);
  }
}

/** The whole sentence for an ArchiveError, with what to do next. */
export function archiveErrorText(error: ArchiveError, archive?: string): string {
  const name = archive ?? error.path ?? '';
  switch (error.code) {
    case 'ARCHIVE_NOT_FOUND':
      return vscode.l10n.t('{0} does not exist or is not a file. Choose the downloaded .tar.gz.', name);
    case 'ARCHIVE_READ_FAILED':
      return vscode.l10n.t('{0} could not be read. Check that you may read it, then try again.', name);
    case 'CORRUPT_GZIP':
      return vscode.l10n.t(
        '{0} is damaged or incomplete (its gzip data ends early or is corrupt). Download it again.',
        name,
      );
    case 'CORRUPT_TAR':
      return vscode.l10n.t(
        '{0} is damaged or incomplete (its tar data is corrupt or cut short). Download it again.',
        name,
      );
    case 'EMPTY_ARCHIVE':
      return vscode.l10n.t('{0} holds no files. Download it again, or check the restore job in Ops Manager.', name);
    case 'TOO_MANY_ENTRIES':
      return vscode.l10n.t('{0} holds more entries than any restore archive; it was not unpacked.', name);
    case 'DESTINATION_EXISTS':
      return vscode.l10n.t(
        '{0} already exists. Nothing was changed: choose a folder that does not exist yet, or move the existing one away.',
        error.path ?? '',
      );
    case 'DESTINATION_PARENT_MISSING':
      return vscode.l10n.t(
        'The folder {0} does not exist. Create it first, or choose another destination.',
        error.path ?? '',
      );
    case 'NO_SPACE':
      return error.neededBytes !== undefined && error.availableBytes !== undefined
        ? vscode.l10n.t(
            'Not enough free space in {0}: unpacking needs {1}, {2} is free. Nothing was written: free some space or choose another folder.',
            error.path ?? '',
            formatBytes(error.neededBytes, lang()),
            formatBytes(error.availableBytes, lang()),
          )
        : vscode.l10n.t(
            'The disk filled up while unpacking into {0}. What was written has been removed: free some space or choose another folder.',
            error.path ?? '',
          );
    case 'WRITE_FAILED':
      return vscode.l10n.t(
        "Could not write {0}. What was written has been removed; check the folder's permissions and try again.",
        error.path ?? '',
      );
    default:
      return vscode.l10n.t(
        '{0} was not unpacked, nothing was written: {1}',
        name,
        refusalText(error.code, error.entry ?? ''),
      );
  }
}

/** What to know before running the mongod command. */
export function mongodNoteText(note: MongodNote): string {
  switch (note.code) {
    case 'USE_VERSION':
      return vscode.l10n.t('Run it with MongoDB {0} (from restoreInfo.txt).', plainText(note.version, 60));
    case 'VERSION_UNKNOWN':
      return vscode.l10n.t('restoreInfo.txt names no MongoDB version: use the version the snapshot was taken with.');
    case 'OPTION_IN_CONFIG_FILE':
      return vscode.l10n.t(
        'Startup option {0}: {1} has no command-line flag: set it in a mongod configuration file.',
        plainText(note.option, 100),
        plainText(note.value),
      );
    case 'KMIP_PLACEHOLDERS':
      return vscode.l10n.t(
        'Encrypted snapshot: replace the KMIP placeholders (server, CA file, client certificate) with those that can serve the master key{0}.',
        note.masterKeyUuid === undefined ? '' : ` ${plainText(note.masterKeyUuid, 60)}`,
      );
    case 'NO_RESTORE_INFO':
      return vscode.l10n.t(
        'The archive has no restoreInfo.txt: check the MongoDB version and options the snapshot needs.',
      );
  }
}

export function refusalOf(refusal: Refusal): string {
  return refusalText(refusal.code, refusal.entry);
}
