// A 403 "IP address not on the access list": the tree explains the API access list, shows the address Ops Manager
// reported, and points to who can fix it (not to VS Code's settings, which cannot).
import * as assert from 'node:assert/strict';
import { OpsManagerError } from '../../../src/opsManager/common/errors';
import { englishL10n } from '../../../src/jobPanel/translate';
import {
  ACCESS_LIST_DOCS_URL,
  accessListHelp,
  isAccessListRefusal,
  reportedAddress,
} from '../../../src/core/accessList';

function refusal(init: Partial<ConstructorParameters<typeof OpsManagerError>[0]> = {}): OpsManagerError {
  return new OpsManagerError({
    kind: 'http',
    status: 403,
    errorCode: 'IP_ADDRESS_NOT_ON_ACCESS_LIST',
    message: 'refused',
    ...init,
  });
}

describe('core: the API access list refusal', () => {
  it('recognises the old and new error codes, only on a 403', () => {
    for (const code of [
      'IP_ADDRESS_NOT_ON_WHITELIST',
      'IP_ADDRESS_NOT_ON_ACCESS_LIST',
      'RESOURCE_REQUIRES_ACCESS_LIST',
    ]) {
      assert.equal(isAccessListRefusal(refusal({ errorCode: code })), true, code);
    }
    assert.equal(isAccessListRefusal(refusal({ errorCode: 'USER_UNAUTHORIZED' })), false);
    assert.equal(isAccessListRefusal(refusal({ status: 401 })), false);
  });

  it('finds the address Ops Manager reports in its parameters or its words', () => {
    assert.equal(reportedAddress({ parameters: ['203.0.113.7'] }), '203.0.113.7');
    assert.equal(reportedAddress({ parameters: ['2001:db8::7'] }), '2001:db8::7');
    assert.equal(
      reportedAddress({ detail: 'IP address 198.51.100.23 is not allowed to access this resource.' }),
      '198.51.100.23',
    );
    assert.equal(reportedAddress({ parameters: ['prod'], detail: 'not allowed from 999.1.1.1' }), undefined);
    assert.equal(reportedAddress({}), undefined);
  });

  it('says what the list is, which address was refused, and who can add it, without sending to Settings', () => {
    const help = accessListHelp(
      englishL10n,
      refusal({
        parameters: ['203.0.113.7'],
        detail: 'IP address 203.0.113.7 is not allowed to access this resource.',
      }),
    );
    assert.equal(help.summary, 'IP address 203.0.113.7 not on the API access list (403)');
    assert.equal(help.address, '203.0.113.7');
    assert.match(help.message, /only from the addresses on the key's API access list/);
    assert.match(help.message, /as Ops Manager sees it, 203\.0\.113\.7, is not on it/);
    assert.match(help.message, /No setting in VS Code can change that/);
    assert.match(help.message, /Access Manager → API Keys/);
    assert.equal(help.hint, "Ask an organization owner to add 203.0.113.7 to the key's API access list");
  });

  it('still explains when Ops Manager names no address', () => {
    const help = accessListHelp(englishL10n, refusal());
    assert.equal(help.summary, 'IP address not on the API access list (403)');
    assert.equal(help.address, undefined);
    assert.match(help.message, /refused this machine's address/);
  });

  it('links the Ops Manager page on API access lists', () => {
    assert.equal(new URL(ACCESS_LIST_DOCS_URL).protocol, 'https:');
    assert.match(ACCESS_LIST_DOCS_URL, /\/docs\/ops-manager\/.*api-access/);
  });
});
