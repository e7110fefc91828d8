// How "Add Server…" and "Set API Key…" word a key check: a refused key is not "could not connect", a server that
// is not saved yet is never told to "Set API Key…", a URL typed without a scheme gets https://, and a second entry
// for the same account is warned about.
import * as assert from 'node:assert/strict';
import { OpsManagerError } from '../../../src/opsManager/common/errors';
import { englishL10n } from '../../../src/jobPanel/translate';
import {
  addServerFailed,
  addServerRefused,
  completeBaseUrl,
  completedUrlNote,
  describeVersion,
  duplicateAccount,
  isKeyRefused,
  serverWords,
  setApiKeyOutcome,
} from '../../../src/servers/keyWording';

const draft = { name: 'Prod', baseUrl: 'https://om.example.com:8443', username: 'abcdefgh' };
const refusal = new OpsManagerError({
  kind: 'http',
  status: 401,
  message: "The API key was rejected: check the public key and run 'Set API Key…'.",
  reason: 'Unauthorized',
  detail: 'You are not authorized for this resource.',
});

describe('servers: wording of the key check', () => {
  it('tells a refused key (401) from a key that is valid but not allowed, and from other failures', () => {
    assert.equal(isKeyRefused(refusal), true);
    assert.equal(
      isKeyRefused(new OpsManagerError({ kind: 'http', status: 401, errorCode: 'NO_CURRENT_USER', message: 'x' })),
      true,
    );
    assert.equal(
      isKeyRefused(new OpsManagerError({ kind: 'http', status: 401, errorCode: 'NOT_IN_GROUP', message: 'x' })),
      false,
    );
    assert.equal(isKeyRefused(new OpsManagerError({ kind: 'network', message: 'ECONNREFUSED' })), false);
    assert.equal(isKeyRefused(new OpsManagerError({ kind: 'http', status: 403, message: 'x' })), false);
    assert.equal(isKeyRefused(new Error('401')), false);
  });

  it('Add Server says the key was refused, quotes the server, and never offers "Set API Key…"', () => {
    const wording = addServerRefused(englishL10n, draft, serverWords(refusal));
    assert.equal(wording.title, 'Ops Manager at https://om.example.com:8443 refused the API key');
    assert.doesNotMatch(`${wording.title} ${wording.detail}`, /could not connect/i);
    assert.doesNotMatch(`${wording.title} ${wording.detail}`, /Set API Key/);
    assert.match(wording.detail, /the URL is right/);
    assert.match(wording.detail, /"abcdefgh"/);
    assert.match(wording.detail, /\(HTTP 401: You are not authorized for this resource\)\. Check both/);
    assert.match(wording.detail, /Retry asks for the private key again; Edit goes back to the keys\./);
  });

  it('Add Server keeps "Could not connect" for a server that did not answer', () => {
    const wording = addServerFailed(englishL10n, draft, 'connect ECONNREFUSED 127.0.0.1:1');
    assert.equal(wording.title, 'Could not connect to https://om.example.com:8443');
    assert.equal(wording.detail, 'connect ECONNREFUSED 127.0.0.1:1');
  });

  it('completes a URL typed without a scheme to https://, and leaves any other scheme to the URL check', () => {
    assert.equal(completeBaseUrl('om.example.com:8443'), 'https://om.example.com:8443');
    assert.equal(completeBaseUrl('  localhost:8080/ '), 'https://localhost:8080/');
    assert.equal(completeBaseUrl('http://om.example.com'), 'http://om.example.com');
    assert.equal(completeBaseUrl('HTTPS://om.example.com'), 'HTTPS://om.example.com');
    assert.equal(completeBaseUrl('ftp://om.example.com'), 'ftp://om.example.com');
    assert.equal(completeBaseUrl(''), '');
    assert.equal(completedUrlNote(englishL10n, 'om.example.com'), 'Will use https://om.example.com');
    assert.equal(completedUrlNote(englishL10n, 'https://om.example.com'), undefined);
  });

  it('warns that a second entry for the same URL and user shares, and replaces, the stored key', () => {
    const wording = duplicateAccount(englishL10n, 'Production', { ...draft, name: 'Prod again' });
    assert.equal(
      wording.title,
      'Server "Production" already uses https://om.example.com:8443 with the public key "abcdefgh"',
    );
    assert.match(wording.detail, /"Production" and "Prod again" would share one key/);
    assert.match(wording.detail, /replaces the key of "Production"/);
  });

  it('Set API Key reports what Ops Manager said about the key', () => {
    const server = { name: 'Prod', baseUrl: draft.baseUrl, username: draft.username };
    assert.equal(
      setApiKeyOutcome(englishL10n, server, { outcome: 'accepted', version: '8.0.3.500' }).title,
      'API key for "Prod" saved. Ops Manager 8.0.3.500 accepted it.',
    );
    const refused = setApiKeyOutcome(englishL10n, server, { outcome: 'refused', said: 'HTTP 401: Unauthorized' });
    assert.equal(refused.title, 'Ops Manager at https://om.example.com:8443 refused this API key for "Prod"');
    assert.match(refused.detail, /Save it anyway, or enter it again\./);
    const failed = setApiKeyOutcome(englishL10n, server, { outcome: 'failed', reason: 'Connection refused.' });
    assert.equal(failed.title, 'Could not test the API key for "Prod"');
    assert.equal(failed.detail, 'Connection refused. Save the key without the test, or enter it again.');
  });

  it("a hostile server's version and words reach the notification safe: one line, bounded, no command link", () => {
    const link = '[Open](command:workbench.action.terminal.new)';
    const version = describeVersion({ appName: `MMS ${link}\u202E`, build: 'x'.repeat(100_000), extra: {} });
    const said = serverWords(
      new OpsManagerError({
        kind: 'http',
        status: 401,
        message: 'refused',
        detail: `Go\n${link} ${'y'.repeat(100_000)}`,
      }),
    );
    for (const text of [version, said]) {
      assert.ok(!text.includes('](') && !text.includes('\u202E') && !text.includes('\n'), text.slice(0, 100));
      assert.ok(text.length < 500, `${text.length} characters`);
    }
    assert.ok(version.startsWith('MMS [Open] (command:workbench.action.terminal.new)\\u202e x'), version.slice(0, 80));
    assert.ok(said.startsWith('HTTP 401: Go [Open] (command:'), said.slice(0, 80));
  });
});
