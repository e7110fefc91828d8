// Flat config: typescript-eslint's recommended rules for all TypeScript, plus the one layering rule the
// architecture depends on: the Ops Manager domain (src/opsManager) is plain Node and never sees `vscode`.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      '.mutants/**',
      'node_modules/**',
      '.cache/**',
      '.vscode-test/**',
      'test-results/**',
      '**/*.vsix',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Formatting is Prettier's (checked by `npm run lint`): turn off the stylistic rules that would disagree.
  prettier,
  {
    rules: {
      // Stripping control characters from untrusted text (server file names, log lines, HTML) is deliberate
      // here, and a regex with \u0000-\u001f is the clearest way to say it.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // Build scripts and configs run in plain Node as CommonJS or ES modules.
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      // The error class is bundled into more than one file (extension, lazily loaded HTTP and archive bundles), so
      // `instanceof` fails across them: the brand check works everywhere.
      'no-restricted-syntax': [
        'error',
        {
          selector: "BinaryExpression[operator='instanceof'][right.name='OpsManagerError']",
          message: 'Use isOpsManagerError(): the class differs between bundles.',
        },
      ],
    },
  },
  {
    files: ['src/opsManager/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'vscode',
              message: 'src/opsManager is plain Node: pass what it needs in from the VS Code layers instead.',
            },
          ],
        },
      ],
      '@typescript-eslint/no-require-imports': 'error',
    },
  },
);
