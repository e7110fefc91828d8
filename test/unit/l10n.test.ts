// The l10n bundle (l10n/bundle.l10n.json, written by `npm run l10n`) must hold every UI string in src/, or that
// string can never be translated. Strings are read with the TypeScript parser from `l10n.t('…')` and
// `vscode.l10n.t('…')` calls, the same calls the extraction tool looks for.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const root = path.resolve(__dirname, '../../..');
const bundleFile = path.join(root, 'l10n', 'bundle.l10n.json');

interface Call {
  where: string;
  /** The message, or undefined when the first argument is not a literal. */
  message: string | undefined;
}

function isL10nT(callee: ts.Expression): boolean {
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 't') {
    return false;
  }
  const target = callee.expression;
  return (
    (ts.isIdentifier(target) && target.text === 'l10n') ||
    (ts.isPropertyAccessExpression(target) && target.name.text === 'l10n')
  );
}

function literalText(node: ts.Expression | undefined): string | undefined {
  if (node !== undefined && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) {
    return node.text;
  }
  if (node !== undefined && ts.isObjectLiteralExpression(node)) {
    // l10n.t({ message: '…', comment: '…' })
    for (const property of node.properties) {
      if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && property.name.text === 'message') {
        return literalText(property.initializer);
      }
    }
  }
  return undefined;
}

/** Every `l10n.t(…)` call in a TypeScript source. */
export function l10nCalls(source: string, file = 'source.ts'): Call[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const calls: Call[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && isL10nT(node.expression)) {
      const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart());
      calls.push({ where: `${file}:${line + 1}`, message: literalText(node.arguments[0]) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return calls;
}

function sourceCalls(): Call[] {
  const src = path.join(root, 'src');
  return fs
    .readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => l10nCalls(fs.readFileSync(path.join(src, f), 'utf8'), path.join('src', f)));
}

function bundleKeys(): Set<string> {
  const parsed: unknown = JSON.parse(fs.readFileSync(bundleFile, 'utf8'));
  assert.ok(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed), 'the bundle is a JSON object');
  return new Set(Object.keys(parsed));
}

describe('l10n: the bundle is current', () => {
  it('reads messages the way the extraction tool does', () => {
    const calls = l10nCalls(
      [
        `vscode.l10n.t('It\\'s {0}', x);`,
        'l10n.t(`Plain template`);',
        `l10n.t({ message: 'With a comment', comment: 'why' });`,
        'l10n.t(`Has ${x} inside`);',
        `other.t('not l10n'); l10n.translate('not t');`,
      ].join('\n'),
    );
    assert.deepEqual(
      calls.map((c) => c.message),
      ["It's {0}", 'Plain template', 'With a comment', undefined],
    );
  });

  it('has every l10n.t string of src/ (run `npm run l10n` after adding one)', () => {
    const keys = bundleKeys();
    const calls = sourceCalls();
    assert.ok(calls.length > 100, `found ${calls.length} l10n.t calls in src/`);
    const missing = calls
      .filter((c) => c.message !== undefined && !keys.has(c.message))
      .map((c) => `${c.where}: ${JSON.stringify(c.message)}`);
    assert.deepEqual(
      missing,
      [],
      'missing from l10n/bundle.l10n.json. Run `npm run l10n`; a string still missing after that is in a file that does not import from "vscode", which the tool skips (a type-only import is enough).',
    );
  });

  it('passes only literal messages to l10n.t, so every one can be extracted', () => {
    assert.deepEqual(
      sourceCalls()
        .filter((c) => c.message === undefined)
        .map((c) => c.where),
      [],
    );
  });

  it('has no string that src/ no longer uses', () => {
    const used = new Set(sourceCalls().map((c) => c.message));
    const stale = [...bundleKeys()].filter((key) => !used.has(key));
    assert.deepEqual(stale, [], 'stale entries in l10n/bundle.l10n.json: run `npm run l10n`');
  });
});
