// Command arguments come from anywhere: tree nodes (VS Code passes the node), `executeCommand` calls from tests
// and other extensions, command links. Read them field by field, never by cast.

export function field(arg: unknown, key: string): unknown {
  if (typeof arg !== 'object' || arg === null || !(key in arg)) return undefined;
  const value: unknown = Reflect.get(arg, key);
  return value;
}

export function stringField(arg: unknown, key: string): string | undefined {
  const value = field(arg, key);
  return typeof value === 'string' ? value : undefined;
}

export function booleanField(arg: unknown, key: string): boolean | undefined {
  const value = field(arg, key);
  return typeof value === 'boolean' ? value : undefined;
}
