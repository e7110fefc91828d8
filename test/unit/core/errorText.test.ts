// The wording module: every code the domain sends becomes one sentence through l10n, errors from another bundle
// (another copy of the OpsManagerError class) are recognised by their brand, cancellation by its kind, and what is
// shown is masked.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { blockerText, errorText } from '../../../src/core/errorText';
import { addSecret } from '../../../src/core/mask';
import {
  httpError,
  isCancellation,
  parseErrorFor,
  isOpsManagerError,
  OpsManagerError,
  type OpsManagerErrorInit,
} from '../../../src/opsManager/common/errors';
import { englishL10n } from '../../../src/jobPanel/translate';
import { parseRestoreJob } from '../../../src/opsManager/api/parse';
import { OpsManagerClient } from '../../../src/opsManager/api/client';
import { chooseProxy } from '../../../src/opsManager/http/proxy';
import { loadCa } from '../../../src/opsManager/http/transport';

/** A second copy of the errors module, as the separately loaded HTTP bundle has. */
function otherBundleError(init: OpsManagerErrorInit): Error {
  const file = require.resolve('../../../src/opsManager/common/errors');
  const saved = require.cache[file];
  delete require.cache[file];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module instance on purpose
    const copy = require(file) as typeof import('../../../src/opsManager/common/errors');
    return new copy.OpsManagerError(init);
  } finally {
    require.cache[file] = saved;
  }
}

/** An l10n that marks every sentence, to prove the text comes from l10n.t and not from the domain. */
const marked = {
  ...englishL10n,
  t: (...args: unknown[]) => `«${(englishL10n.t as (...a: unknown[]) => string)(...args)}»`,
} as typeof vscode.l10n;

describe('errorText: one wording for every error', () => {
  it('words an error by its code and params through l10n, not by its technical message', () => {
    const error = new OpsManagerError({
      kind: 'io',
      code: 'DISK_FULL',
      params: { folder: '/data/restores' },
      message: 'ENOSPC: no space left on device, write',
    });
    assert.equal(
      errorText(error, englishL10n),
      'The disk is full: could not write to /data/restores. Free some space or choose another folder, then download again.',
    );
    assert.match(errorText(error, marked), /^«The disk is full/);
    assert.ok(!errorText(error, englishL10n).includes('ENOSPC'));
  });

  it('recognises an OpsManagerError from another bundle by its brand', () => {
    const foreign = otherBundleError({
      kind: 'network',
      code: 'CONNECTION_REFUSED',
      params: { host: 'om:8443', origin: 'https://om:8443' },
      message: 'x',
    });
    assert.ok(!(foreign instanceof OpsManagerError), 'a second class copy defeats instanceof');
    assert.ok(isOpsManagerError(foreign));
    assert.match(
      errorText(foreign, englishL10n),
      /^Connection refused by om:8443\. Is Ops Manager running at https:\/\/om:8443\?/,
    );
    assert.ok(!isOpsManagerError(new Error('plain')));
    assert.ok(!isOpsManagerError({ kind: 'http', code: 'X' }));
  });

  it('cancellation is a kind, whichever class carries it', () => {
    assert.ok(isCancellation(otherBundleError({ kind: 'cancelled', message: 'c' })));
    assert.ok(isCancellation(Object.assign(new Error('Cancelled by the user'), { kind: 'cancelled' })));
    assert.ok(isCancellation(new DOMException('aborted', 'AbortError')));
    const renamed = new Error('x');
    renamed.name = 'Canceled';
    assert.ok(!isCancellation(renamed), 'a name is not a kind');
    assert.ok(!isCancellation(new OpsManagerError({ kind: 'http', message: 'h' })));
  });

  it('what a hostile server said is shown as it is: no clickable command link, no reordered text', () => {
    // Notifications make `[text](command:…)` clickable; a server's words must never become one.
    const url = 'http://127.0.0.1:9/api/public/v1.0/groups/5f2b3c4d5e6f708192a3b4c1';
    const said =
      'Try [Fix it](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D) \u202Eexe.gnp';
    const api = httpError(500, JSON.stringify({ error: 500, errorCode: 'UNEXPECTED', detail: said }), url);
    const html = httpError(502, `<html><body><p>${said}</p></body></html>`, url);
    // A 2xx body of the wrong shape quotes the value it got.
    let shape: unknown;
    try {
      parseRestoreJob({ id: '65e0f1a2b3c4d5e6f7a8b901', delivery: said });
    } catch (error) {
      shape = parseErrorFor(url, error instanceof Error ? error.message : '', error);
    }
    assert.ok(shape instanceof OpsManagerError);
    for (const error of [api, html, shape, new Error(said)]) {
      const text = errorText(error, englishL10n);
      assert.ok(!text.includes(']('), text);
      assert.ok(!text.includes('\u202E'), text);
      assert.ok(text.includes('[Fix it] (command:'), text);
      assert.ok(!text.includes('\n'), text);
      if (error !== shape) assert.ok(text.includes('\\u202eexe.gnp'), text); // the shape error quotes 60 characters
    }
  });

  it('an unknown code or a plain error shows its message, masked', () => {
    addSecret('super-secret-api-key');
    const unknown = new OpsManagerError({ kind: 'invalid-input', message: 'Bad key super-secret-api-key given.' });
    assert.equal(errorText(unknown, englishL10n), 'Bad key *** given.');
    assert.equal(errorText(new Error('see https://u:pw@h/x'), englishL10n), 'see https://***@h/x');
    assert.equal(errorText('text', englishL10n), 'text');
  });

  it('words blockers from their params', () => {
    assert.equal(
      blockerText({ ok: false, blocker: 'MAX_DOWNLOADS_EXCEEDED', params: { maxDownloads: 3 } }, englishL10n),
      'The download link has been used the maximum number of times (3 allowed). Start a new restore job in Ops Manager to get a new link.',
    );
    assert.match(
      blockerText({ ok: false, blocker: 'JOB_NOT_FINISHED', params: { status: 'IN_PROGRESS' } }, marked),
      /^«The archive is still being prepared \(delivery IN_PROGRESS\)/,
    );
  });
});

describe('errorText: configuration mistakes caught in the domain are worded here too', () => {
  it('an unreadable caFile, an invalid proxy, an empty user name', () => {
    const cases: Array<[() => unknown, string, RegExp]> = [
      [
        () => loadCa({ caFile: '/nonexistent/ca.pem' }),
        'CA_FILE_UNREADABLE',
        /^Cannot read the CA file "\/nonexistent\/ca\.pem" \(ENOENT\)\. Fix this server's caFile setting/,
      ],
      [() => loadCa({ ca: 'not a certificate' }), 'CA_NO_PEM', /^The ca option holds no PEM certificate/],
      [
        () => chooseProxy(new URL('https://om.example.com'), { url: 'ftp://proxy:21' }),
        'PROXY_UNSUPPORTED',
        /^The proxy "ftp:\/\/proxy:21" uses ftp:, which is not supported/,
      ],
      [
        () => new OpsManagerClient({ baseUrl: 'https://om.example.com', username: ' ', apiKey: 'k' }),
        'USERNAME_EMPTY',
        /^The public key \(user name\) for Ops Manager is empty/,
      ],
    ];
    for (const [run, code, words] of cases) {
      assert.throws(run, (error: unknown) => {
        assert.ok(isOpsManagerError(error));
        assert.equal(error.code, code);
        assert.match(errorText(error, englishL10n), words);
        return true;
      });
    }
  });
});
