// Lint keeps the layout honest (see ../shared/DESIGN.md): a feature reaches no other feature but
// account, the mini-program takes only types from the contract (values from its zod-free tables),
// and domain code touches no adapter and no server. `npm test` runs it (npm run lint) after the typecheck.
import fs from 'node:fs'
import tseslint from 'typescript-eslint'
import importX from 'eslint-plugin-import-x'
import reactHooks from 'eslint-plugin-react-hooks'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'

// every feature folder on either side (read from disk: a new feature needs no line here)
const folders = (dir) => (fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : [])
const FEATURES = [...new Set([...folders('cloud/src/features'), ...folders('src/features')])]

/** each feature folder may import from itself and from account only */
const featureZones = (side) =>
  FEATURES.filter((f) => f !== 'account').flatMap((f) =>
    FEATURES.filter((other) => other !== f && other !== 'account').map((other) => ({
      target: `./${side}/features/${f}`,
      from: `./${side}/features/${other}`,
      message: `a feature imports no other feature except account (${f} -> ${other})`,
    })),
  ).concat(
    FEATURES.filter((f) => f !== 'account').map((f) => ({
      target: `./${side}/features/account`,
      from: `./${side}/features/${f}`,
      message: `account is the base every feature builds on; it imports none of them (account -> ${f})`,
    })),
  )

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/artifacts/**', '.data/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  {
    files: ['src/**/*.{ts,tsx}', 'cloud/**/*.ts', 'scripts/**/*.ts', 'test/**/*.{ts,tsx}', 'config/**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaVersion: 2022, sourceType: 'module', ecmaFeatures: { jsx: true } } },
    plugins: { '@typescript-eslint': tseslint.plugin, 'import-x': importX, 'react-hooks': reactHooks },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-require-imports': 'error',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...featureZones('cloud/src'),
            ...featureZones('src'),
            // the server's domain code knows ports, not adapters or the local server
            { target: './cloud/src/features', from: ['./cloud/src/adapters', './cloud/server'], message: 'domain code imports no adapter and no server' },
            { target: './cloud/src/common', from: ['./cloud/src/adapters', './cloud/server', './cloud/src/features'], message: 'common helpers import no adapter, server or feature' },
            // the server may read the client's page table, nothing else of the client
            { target: './cloud', from: './src', except: ['./routes.ts', ...folders('src/features').map((f) => `./features/${f}/routes.ts`)], message: 'the server imports only the page table from the client' },
          ],
        },
      ],
    },
  },
  {
    // the mini-program: no cloud code but the contract's types and its zod-free tables
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/cloud/**', '../**/cloud'], message: 'import the contract through @contract (types) or @contract/tables (values)' },
            { group: ['zod'], message: 'zod stays on the server: the client imports the contract as types only' },
          ],
          paths: [{ name: '@contract', allowTypeImports: true, message: 'import types only from @contract; values come from @contract/tables' }],
        },
      ],
    },
  },
  {
    // the contract's tables are what the client may import as values: zod-free, and so is what they re-export
    files: ['cloud/src/contract/tables.ts', 'cloud/src/features/*/documents.ts', 'cloud/src/common/audit-labels.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'zod', message: 'the tables and documents are zod-free: the client imports their values' }] }] },
  },
)
