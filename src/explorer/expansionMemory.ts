// What the user expanded or collapsed in the tree, kept across window reloads. VS Code does not do this for
// extension views: stable TreeItem ids keep expansion across a refresh within a session, but after a reload the
// workbench builds the tree anew from each item's collapsibleState. So the tree reads its nodes' states from here,
// keyed by their stable ids (server names and Ops Manager IDs), and the view's expand/collapse events write them.
// Kept in workspaceState, as VS Code keeps its own views' expansion per workspace: each window keeps its own
// shape, and two windows do not overwrite each other's record (globalState is one value shared by all windows).
// Plain TypeScript (no `vscode`): the store is anything with Memento's get/update.

export const EXPANSION_STATE_KEY = 'opsManager.tree.expansion';
/** Enough for any tree a person expands; the oldest entries go first. */
export const EXPANSION_STATE_LIMIT = 500;

export interface KeyValueStore {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

function parse(value: unknown): Map<string, boolean> {
  const states = new Map<string, boolean>();
  if (!Array.isArray(value)) return states;
  for (const entry of value) {
    if (Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string' && typeof entry[1] === 'boolean') {
      states.set(entry[0], entry[1]);
    }
  }
  return states;
}

function isUnder(id: string, ancestor: string): boolean {
  return id === ancestor || id.startsWith(`${ancestor}/`);
}

export class ExpansionMemory {
  private readonly states: Map<string, boolean>;

  constructor(
    private readonly store: KeyValueStore,
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly limit = EXPANSION_STATE_LIMIT,
  ) {
    this.states = parse(store.get(EXPANSION_STATE_KEY));
  }

  /** True expanded, false collapsed, undefined when the user has not changed the node (its default applies). */
  stateOf(id: string): boolean | undefined {
    return this.states.get(id);
  }

  set(id: string, expanded: boolean): void {
    if (this.states.get(id) === expanded) return;
    // Latest last, so the limit drops what was touched longest ago.
    this.states.delete(id);
    this.states.set(id, expanded);
    for (const oldest of this.states.keys()) {
      if (this.states.size <= this.limit) break;
      this.states.delete(oldest);
    }
    this.save();
  }

  /**
   * Forgets the nodes under `parentId` (the roots when undefined) that are not among `childIds` any more, and
   * their descendants: a server removed from the settings, a group or cluster gone from Ops Manager.
   */
  prune(parentId: string | undefined, childIds: readonly string[]): void {
    let changed = false;
    for (const id of [...this.states.keys()]) {
      if (parentId !== undefined && !id.startsWith(`${parentId}/`)) continue;
      if (childIds.some((child) => isUnder(id, child))) continue;
      this.states.delete(id);
      changed = true;
    }
    if (changed) this.save();
  }

  private save(): void {
    Promise.resolve(this.store.update(EXPANSION_STATE_KEY, [...this.states])).then(undefined, this.onError);
  }
}
