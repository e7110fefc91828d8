// `npm run mutants`: a small mutation check of the domain (src/opsManager). Compiles the project once into
// .mutants/ (same depth as out/, so the tests find the repository root the same way), then for each deliberate
// bug below patches one compiled file, runs the unit tests against it with --bail, and restores the file. A
// mutant is "caught" when some test fails, "SURVIVED" when every test passes: a guarantee no test checks.
// Never touches src/ or out/. Hand-written rather than StrykerJS: Stryker would mutate thousands of sites and
// need tens of minutes on two shared cores, while the point here is a short, reviewed list of the bugs that
// matter (leaked tokens, skipped verification, overwritten files) that runs in a few minutes.
//
//   npm run mutants                 every mutant
//   npm run mutants -- redact sha1  only mutants whose name contains one of the words
//   npm run mutants -- --all        without --bail: every test that catches each mutant (slower)
//   npm run mutants -- --list       the list, without running anything
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outDir = join(root, '.mutants');

/**
 * The deliberate bugs. `file` is the source file; `from` must occur exactly once in its compiled JavaScript (tsc
 * keeps expressions as written but re-indents, so keep `from` to one line). A mutant that no longer applies fails
 * the script, so the list cannot silently rot.
 */
export const MUTANTS = [
  {
    name: 'redactUrl returns the whole link, token included',
    file: 'src/opsManager/api/downloadable.ts',
    from: 'return `${parsed.origin}/…/${last}`;',
    to: 'return url;',
  },
  {
    name: 'sha1: a mismatching download is accepted',
    file: 'src/opsManager/download/download.ts',
    from: 'expected.sha1 !== undefined && expected.sha1 !== received.sha1',
    to: 'false',
  },
  {
    name: 'sha1: the given hash keeps its case (upper-case hex never matches)',
    file: 'src/opsManager/download/verification.ts',
    from: 'const hex = hash.trim().toLowerCase();',
    to: 'const hex = hash.trim();',
  },
  {
    name: "sha1: the job's hash keeps its case",
    file: 'src/opsManager/api/downloadable.ts',
    from: 'return chosen.hash?.trim().toLowerCase();',
    to: 'return chosen.hash?.trim();',
  },
  {
    name: 'bearer token forwarded to a redirect on another origin',
    file: 'src/opsManager/download/transfer.ts',
    from: '...(sameOrigin ? headers : {})',
    to: '...headers',
  },
  {
    name: 'overwrite: an existing destination is replaced without being asked',
    file: 'src/opsManager/download/tempFile.ts',
    from: 'if (!overwrite) {',
    to: 'if (false) {',
  },
  {
    name: 'overwrite: a file that appeared during the download is clobbered by rename',
    file: 'src/opsManager/download/tempFile.ts',
    from: 'await fs.promises.link(temp, destination);',
    to: 'await fs.promises.rename(temp, destination);',
  },
  {
    name: 'overwrite: the temporary file is opened without O_EXCL',
    file: 'src/opsManager/download/tempFile.ts',
    from: "fs.promises.open(file, 'wx')",
    to: "fs.promises.open(file, 'w')",
  },
  {
    name: 'credentials: user:password@ kept in error URLs',
    file: 'src/opsManager/common/errors.ts',
    from: 'if (parsed.username || parsed.password) {',
    to: 'if (false) {',
  },
  {
    name: 'digest: nc never increases (every request replays nc=00000000)',
    file: 'src/opsManager/http/digest.ts',
    from: 'this.count++;',
    to: ';',
  },
  {
    name: 'ids: a 20-character hex string passes as an ObjectId',
    file: 'src/opsManager/api/ids.ts',
    from: 'const OBJECT_ID = /^[0-9a-fA-F]{24}$/;',
    to: 'const OBJECT_ID = /^[0-9a-fA-F]{20,24}$/;',
  },
  {
    name: 'expiry: a link expiring exactly now counts as valid',
    file: 'src/opsManager/api/downloadable.ts',
    from: 'expires.getTime() <= now.getTime()',
    to: 'expires.getTime() < now.getTime()',
  },
  {
    name: '429: a Retry-After longer than maxRetryWaitMs is waited for anyway',
    file: 'src/opsManager/api/client.ts',
    from: 'return asked > this.maxRetryWaitMs ? undefined : asked;',
    to: 'return asked;',
  },
  {
    name: 'file names: reserved characters (/ \\ : …) kept',
    file: 'src/opsManager/api/fileName.ts',
    from: ".replace(RESERVED, '_')",
    to: '',
  },
  {
    name: 'paging: only the first page of a list is read',
    file: 'src/opsManager/api/client.ts',
    from: 'pageNum++;',
    to: 'break;',
  },
];

const compiled = (file) => join(outDir, file.replace(/\.ts$/, '.js'));

function occurrences(text, part) {
  let n = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) n++;
  return n;
}

/** Runs the unit tests against .mutants/; resolves with mocha's exit code and the first failing test's title. */
function unitTests(all) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        join(root, 'node_modules/mocha/bin/mocha.js'),
        // Not .mocharc.json: its spec (out/) would be added to this one.
        '--no-config',
        ...['--timeout', '20000', '--forbid-only', '--exit', ...(all ? [] : ['--bail'])],
        ...['--reporter', 'dot'],
        '.mutants/test/unit/**/*.test.js',
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => {
      const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
      // The dot reporter lists failures as "  1) suite" then the test's title on the next line.
      const tests = [...plain.matchAll(/^ {2}\d+\) (.+)\n\s+(.+?):?$/gm)].map((f) => `${f[1].trim()} › ${f[2].trim()}`);
      resolve({ code: code ?? 1, tests, output });
    });
  });
}

const args = process.argv.slice(2);
const all = args.includes('--all');
const words = args.filter((a) => !a.startsWith('--'));
const chosen = words.length ? MUTANTS.filter((m) => words.some((w) => m.name.includes(w))) : MUTANTS;
if (args.includes('--list')) {
  for (const m of MUTANTS) console.log(`- ${m.name} (${m.file})`);
  process.exit(0);
}
if (chosen.length === 0) {
  console.error(`No mutant matches ${words.join(', ')}; see --list.`);
  process.exit(2);
}

console.log(`Compiling into ${outDir.replace(`${root}/`, '')}/ …`);
rmSync(outDir, { recursive: true, force: true });
const tsc = spawnSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-p', '.', '--outDir', outDir],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
// The unmutated tests must pass first, or every mutant would look caught.
console.log('Baseline: the unit tests against the unmutated code …');
const baseline = await unitTests(false);
if (baseline.code !== 0) {
  console.error(baseline.output);
  console.error('The unit tests fail without any mutant: fix that first.');
  process.exit(1);
}

const results = [];
let broken = 0;
for (const [i, m] of chosen.entries()) {
  const file = compiled(m.file);
  const original = readFileSync(file, 'utf8');
  const n = occurrences(original, m.from);
  if (n !== 1) {
    console.log(`[${i + 1}/${chosen.length}] ${m.name}: DOES NOT APPLY (${n} matches in ${m.file}); update the list`);
    broken++;
    continue;
  }
  writeFileSync(file, original.replace(m.from, m.to));
  const started = Date.now();
  try {
    const r = await unitTests(all);
    const caught = r.code !== 0;
    results.push({ ...m, caught });
    const by = all ? `${r.tests.length} test(s)` : 'the first failing test';
    console.log(
      `[${i + 1}/${chosen.length}] ${caught ? 'caught  ' : 'SURVIVED'} ${m.name} (${((Date.now() - started) / 1000).toFixed(0)} s)` +
        (caught ? `\n      by ${by}:${r.tests.map((t) => `\n        ${t}`).join('')}` : ''),
    );
  } finally {
    writeFileSync(file, original);
  }
}
rmSync(outDir, { recursive: true, force: true });

const caught = results.filter((r) => r.caught).length;
console.log(`\n${caught} of ${results.length} mutants caught by the unit tests.`);
for (const r of results.filter((x) => !x.caught)) console.log(`  survived: ${r.name} (${r.file})`);
process.exit(broken > 0 ? 1 : 0);
