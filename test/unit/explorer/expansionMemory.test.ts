// The tree's expanded and collapsed nodes, kept in a Memento-like store across window reloads: read back by a new
// instance (what a reload creates), checked on the way in (storage can hold anything), bounded, and pruned of
// nodes that no longer exist.
import * as assert from 'node:assert/strict';
import { EXPANSION_STATE_KEY, ExpansionMemory, type KeyValueStore } from '../../../src/explorer/expansionMemory';

class MemoryStore implements KeyValueStore {
  readonly values = new Map<string, unknown>();
  writes = 0;
  get(key: string): unknown {
    return this.values.get(key);
  }
  update(key: string, value: unknown): Promise<void> {
    this.writes++;
    // Mementos store JSON: what comes back is a copy, never the object given.
    this.values.set(key, JSON.parse(JSON.stringify(value)));
    return Promise.resolve();
  }
}

const SERVER = 'server:Prod';
const GROUP = `${SERVER}/group:5f2b3c4d5e6f708192a3b4c1`;
const CLUSTER = `${GROUP}/cluster:60a1b2c3d4e5f60718293a01`;
const JOBS = `${CLUSTER}/jobs`;

describe('ExpansionMemory (the tree after a window reload)', () => {
  it('says nothing about a node the user never expanded or collapsed', () => {
    assert.equal(new ExpansionMemory(new MemoryStore()).stateOf(SERVER), undefined);
  });

  it('a new instance on the same store (a reload) knows what was expanded and what was collapsed', () => {
    const store = new MemoryStore();
    const before = new ExpansionMemory(store);
    before.set(SERVER, true);
    before.set(GROUP, true);
    before.set(CLUSTER, true);
    before.set(JOBS, false);
    before.set(GROUP, false);
    const after = new ExpansionMemory(store);
    assert.equal(after.stateOf(SERVER), true);
    assert.equal(after.stateOf(GROUP), false, 'collapsed again: stays collapsed');
    assert.equal(after.stateOf(CLUSTER), true);
    assert.equal(after.stateOf(JOBS), false, 'a node expanded by default that the user collapsed');
  });

  it('does not write when nothing changed', () => {
    const store = new MemoryStore();
    const memory = new ExpansionMemory(store);
    memory.set(SERVER, true);
    memory.set(SERVER, true);
    assert.equal(store.writes, 1);
  });

  it('ignores stored values it did not write, keeping the valid entries', () => {
    for (const junk of [undefined, null, 'expanded', 42, { [SERVER]: true }]) {
      const store = new MemoryStore();
      store.values.set(EXPANSION_STATE_KEY, junk);
      assert.equal(new ExpansionMemory(store).stateOf(SERVER), undefined, JSON.stringify(junk));
    }
    const store = new MemoryStore();
    store.values.set(EXPANSION_STATE_KEY, [[SERVER, true], [GROUP, 'yes'], [42, true], [CLUSTER], 'x', [JOBS, false]]);
    const memory = new ExpansionMemory(store);
    assert.equal(memory.stateOf(SERVER), true);
    assert.equal(memory.stateOf(GROUP), undefined);
    assert.equal(memory.stateOf(CLUSTER), undefined);
    assert.equal(memory.stateOf(JOBS), false);
  });

  it('keeps the most recently touched nodes when over its limit', () => {
    const store = new MemoryStore();
    const memory = new ExpansionMemory(store, undefined, 3);
    for (const id of ['a', 'b', 'c']) memory.set(id, true);
    memory.set('a', false); // touched again: now the newest
    memory.set('d', true);
    const after = new ExpansionMemory(store, undefined, 3);
    assert.deepEqual(
      ['a', 'b', 'c', 'd'].map((id) => after.stateOf(id)),
      [false, undefined, true, true],
    );
  });

  it('forgets nodes (and what is under them) that a parent no longer lists', () => {
    const store = new MemoryStore();
    const memory = new ExpansionMemory(store);
    const otherGroup = `${SERVER}/group:aaaaaaaaaaaaaaaaaaaaaaaa`;
    memory.set(SERVER, true);
    memory.set(GROUP, true);
    memory.set(CLUSTER, true);
    memory.set(otherGroup, true);
    memory.set('server:Staging', true);
    memory.prune(SERVER, [GROUP]);
    const after = new ExpansionMemory(store);
    assert.equal(after.stateOf(otherGroup), undefined, 'the group gone from Ops Manager is forgotten');
    assert.equal(after.stateOf(GROUP), true);
    assert.equal(after.stateOf(CLUSTER), true, 'under a group still listed: kept');
    assert.equal(after.stateOf(SERVER), true, 'the parent itself is kept');
    assert.equal(after.stateOf('server:Staging'), true, 'another server is not touched');
  });

  it('forgets a server removed from the settings when the roots are listed', () => {
    const store = new MemoryStore();
    const memory = new ExpansionMemory(store);
    memory.set(SERVER, true);
    memory.set(GROUP, true);
    memory.set('server:Staging', true);
    memory.prune(undefined, ['server:Staging']);
    assert.equal(memory.stateOf(SERVER), undefined);
    assert.equal(memory.stateOf(GROUP), undefined);
    assert.equal(memory.stateOf('server:Staging'), true);
    assert.equal(new ExpansionMemory(store).stateOf(GROUP), undefined, 'saved too');
  });

  it('a node whose id only starts like a listed one is not kept by it', () => {
    const memory = new ExpansionMemory(new MemoryStore());
    memory.set('server:Prod2', true);
    memory.prune(undefined, ['server:Prod']);
    assert.equal(memory.stateOf('server:Prod2'), undefined);
  });

  it('reports a failed save instead of throwing', async () => {
    const errors: unknown[] = [];
    const store: KeyValueStore = { get: () => undefined, update: () => Promise.reject(new Error('disk full')) };
    const memory = new ExpansionMemory(store, (error) => errors.push(error));
    memory.set(SERVER, true);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(errors.length, 1);
    assert.equal(memory.stateOf(SERVER), true, 'still known for this session');
  });
});
