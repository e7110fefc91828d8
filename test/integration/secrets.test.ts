// API keys live in SecretStorage only, keyed by the account (URL + user), and never reach the log: not the key,
// not an Authorization header, not a download token, whatever requests and failures happened.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSimulator, type Simulator } from '../simulator/server';
import { SAMPLE, V2_BEARER_TOKEN } from '../simulator/sampleData';
import { addSecret, maskSecrets } from '../../src/core/log';
import { children, item, labelOf, nodeAt, readLogs, setApiKey, setServers, testApi, waitFor } from './uiSupport';

const G = SAMPLE.groups;
const C = SAMPLE.clusters;
const J = SAMPLE.jobs;

describe('Secrets', function () {
  this.timeout(30_000);
  let sim: Simulator;

  before(async () => {
    sim = await startSimulator();
  });

  after(async () => {
    await setServers([]);
    await sim?.close();
  });

  it('keeps the key with the account when the server is renamed, never in settings', async () => {
    await setServers([{ name: 'Before', baseUrl: sim.baseUrl, username: sim.user }]);
    await setApiKey('Before', sim.key);
    assert.equal(item(await nodeAt('Before')).contextValue, 'server');
    await setServers([{ name: 'After', baseUrl: `${sim.baseUrl}/api/public/v1.0`, username: sim.user }]);
    assert.equal(
      item(await nodeAt('After')).contextValue,
      'server',
      'same URL (spelled differently) and user: same key',
    );
    const settings = JSON.stringify(vscode.workspace.getConfiguration().inspect('opsManager.servers'));
    assert.ok(!settings.includes(sim.key));
  });

  it('refuses an API key written into the settings', async () => {
    await setServers([{ name: 'Leaky', baseUrl: sim.baseUrl, username: sim.user, apiKey: 'oops-a-key-in-settings' }]);
    const roots = await children();
    assert.equal(labelOf(roots[0]), 'Invalid server entry "Leaky"');
    const problems = (await children(roots[0])).map(labelOf);
    assert.ok(
      problems.some((p) => p.includes('secret storage')),
      problems.join(' | '),
    );
  });

  it('deletes the key when its server is removed', async () => {
    const entry = { name: 'Solo', baseUrl: sim.baseUrl, username: 'solo-user' };
    await setServers([entry]);
    await setApiKey('Solo', 'solo-secret-key-123');
    assert.equal(item(await nodeAt('Solo')).contextValue, 'server');
    assert.equal(
      await vscode.commands.executeCommand('opsManager.removeServer', { server: 'Solo', confirm: false }),
      true,
    );
    assert.deepEqual((await children()).map(labelOf), []);
    await setServers([entry]);
    assert.equal(item(await nodeAt('Solo')).contextValue, 'server noApiKey', 'the key went with the server');
  });

  it('writes requests to the log but never a key, a header or a token', async () => {
    const api = await testApi();
    const wrongKey = 'wrong-key-never-logged-42';
    await setServers([
      { name: 'Sim', baseUrl: sim.baseUrl, username: sim.user },
      { name: 'Wrong', baseUrl: sim.baseUrl, username: 'wrong-user' },
    ]);
    await setApiKey('Sim', sim.key);
    await setApiKey('Wrong', wrongKey);
    // Successful requests, a failing one, and a job carrying a bearer token in its JSON.
    await children(await nodeAt('Sim', G.production.name, 'rs-orders', 'Restore Jobs'));
    await children(await nodeAt('Wrong'));
    const v2 = await vscode.commands.executeCommand<{ id: string } | undefined>('opsManager.fetchRestoreJob', {
      server: 'Sim',
      groupId: G.production.id,
      clusterId: C.orders.id,
      jobId: J.readyV2.id,
    });
    assert.equal(v2?.id, J.readyV2.id);
    await vscode.commands.executeCommand('opsManager.fetchRestoreJob', {
      server: 'Wrong',
      groupId: G.production.id,
      clusterId: C.orders.id,
      jobId: J.ready.id,
    });

    const log = await waitFor('request lines in the log file', () => {
      const text = readLogs(api.logUri);
      return text.includes(`/restoreJobs/${J.readyV2.id}`) && text.includes('401') ? text : undefined;
    });
    assert.match(
      log,
      /GET \S+\/groups\/\S+\/clusters\/\S+\/restoreJobs\S* → 200 \(\d+ ms/,
      `method, URL, status and duration in:\n${log.slice(0, 3000)}`,
    );
    for (const secret of [sim.key, wrongKey, V2_BEARER_TOKEN]) {
      assert.ok(!log.includes(secret), `the log does not contain ${secret.slice(0, 4)}…`);
    }
    assert.doesNotMatch(log, /Digest\s+username=/i);
    assert.doesNotMatch(log, /response="[0-9a-f]+"/i);
    assert.doesNotMatch(log, /authorization:\s*(?!\*\*\*)\S/i);
  });

  it('masks credentials in any text before it is logged or shown', () => {
    addSecret('s3cr3t-api-key-value');
    const cases: Array<[string, string]> = [
      ['key s3cr3t-api-key-value in a message', 's3cr3t-api-key-value'],
      ['Authorization: Digest username="u", response="0123abcd"', 'response='],
      ['{"authHeader":"Authorization","authValue":"dG9rZW4tdmFsdWU="}', 'dG9rZW4tdmFsdWU='],
      ['header Authorization: Bearer dG9rZW4tdmFsdWU=', 'dG9rZW4tdmFsdWU='],
      ['GET https://user:pa55word@om.example.com/api', 'pa55word'],
      ['?apiKey=abcdef123456&x=1', 'abcdef123456'],
    ];
    for (const [text, secret] of cases) {
      const masked = maskSecrets(text);
      assert.ok(!masked.includes(secret), `${text} → ${masked}`);
      assert.ok(masked.includes('***'), `${text} → ${masked}`);
    }
    // Ordinary text is left alone.
    const plain = 'The SHA-1 digest of restore 65e0f1a2b3c4d5e6f7a8b901 matches; Authorization header not sent.';
    assert.equal(maskSecrets(plain), plain);
  });
});
