// Lint for the whole repository: typescript-eslint everywhere, React hooks for the client, and the architecture's
// one-way layer rules (pages → stores → services/platform, nothing of the server in the client) as errors.
import { defineConfig } from 'eslint/config'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import { importX, createNodeResolver } from 'eslint-plugin-import-x'
import globals from 'globals'
import { readdirSync } from 'node:fs'

// The main package's pages and the app itself; the feature subpackages (src/packages/*) have zones of their own below.
const UI = ['./src/pages', './src/components', './src/app.ts', './src/app.config.ts']
// Every feature subpackage, read from the folder so that a new one is fenced in without editing this file.
const PACKAGES = readdirSync(new URL('./src/packages', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory()).map((entry) => entry.name)

export default defineConfig(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'test-output/**', 'coverage/**', '.swc/**', 'stubs/**'] },

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '.json'] })],
      // no-cycle follows an import only into files it can read: TypeScript ones too (its default is JavaScript only).
      'import-x/extensions': ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Modules depend one way: a cycle means two modules are one and should be merged, or a third holds what both need.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // The layers import one way only (docs/architecture.md). Paths are relative to this file.
      'import-x/no-restricted-paths': ['error', {
        zones: [
          {
            target: './src/services',
            from: ['./src/stores', './src/packages', ...UI],
            message: 'services/ sits below stores and pages: pass what it needs in as arguments or callbacks.',
          },
          {
            target: './src/platform',
            from: ['./src/stores', './src/services', './src/packages', ...UI],
            message: 'platform/ is the lowest layer: it may not reach up into services, stores or pages.',
          },
          {
            target: './src/stores',
            from: UI,
            message: 'stores/ may not import pages or components: pages read stores, never the reverse.',
          },
          {
            target: './src/components',
            from: ['./src/stores', './src/services', './src/platform', './src/pages', './src/packages'],
            message: 'components/ only draw what they are given: read stores in the page and pass props.',
          },
          {
            target: './src/utils',
            from: ['./src/stores', './src/services', './src/platform', './src/packages', ...UI],
            message: 'utils/ are leaves: plain functions with no app state.',
          },
          // Feature subpackages keep their pages, components, stores and styles in their own folder; nothing
          // outside a feature reaches into it (else its code would land in the main package or a sibling's).
          {
            target: ['./src/pages', './src/stores', './src/app.ts', './src/app.config.ts'],
            from: './src/packages',
            message: 'The main package does not import a subpackage (that code would then load with the main package, '
              + 'before anything else): open its pages by their address in src/routes.ts, and keep what both need in the main package.',
          },
          ...PACKAGES.map((name) => ({
            target: `./src/packages/${name}`,
            from: './src/packages',
            except: [`./${name}`],
            message: `packages/${name} imports no other subpackage: what two subpackages share lives in the main package `
              + '(src/stores, src/components, src/utils), and a page of another is opened by its address in src/routes.ts.',
          })),
          {
            target: './src/routes.ts',
            from: ['./src/pages', './src/packages', './src/components', './src/stores', './src/services', './src/platform',
              './src/utils', './src/app.ts', './src/app.config.ts'],
            message: 'src/routes.ts is a leaf (page addresses only), so that every layer may import it.',
          },
          {
            target: './src',
            from: './server',
            message: 'Nothing of the server goes into a client bundle; share the contract through types/api (import type).',
          },
          {
            target: './server',
            from: './src',
            message: 'The server does not depend on client code; shared shapes live in types/api.',
          },
          // The server's rules know nothing of HTTP: routes and plugins call the domain, never the reverse.
          {
            target: './server/domain',
            from: ['./server/plugins', './server/routes', './server/app.ts', './server/admin.ts', './server/main.ts'],
            message: 'server/domain holds the rules, with no HTTP in them: raise an AppError with a code (plugins/errors answers it) and let routes and plugins call the domain.',
          },
          // The domain names what it needs from outside in domain/ports.ts; the adapters implement those interfaces.
          {
            target: './server/domain',
            from: './server/adapters',
            message: 'The domain does not know the adapters: declare the interface it needs in server/domain/ports.ts, and pass the implementation in.',
          },
          {
            target: './server/adapters',
            from: './server/domain',
            except: ['./ports.ts'],
            message: 'An adapter implements an interface of server/domain/ports.ts and imports nothing else of the domain (ports.ts lends what an implementation needs).',
          },
        ],
      }],
    },
  },

  // CommonJS config and harness files.
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: { ...globals.node } },
  },

  // The client.
  {
    files: ['src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: {
      globals: { ...globals.browser, API_BASE: 'readonly', defineAppConfig: 'readonly', definePageConfig: 'readonly' },
    },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      // wx, my and browser-only storage belong to src/platform.
      'no-restricted-globals': ['error',
        { name: 'wx', message: 'Only src/platform/ touches wx: add a capability there.' },
        { name: 'my', message: 'Only src/platform/ touches my: add a capability there.' },
        { name: 'localStorage', message: 'Nothing sensitive in localStorage; storage goes through src/platform/storage.' },
        { name: 'sessionStorage', message: 'Storage goes through src/platform/storage.' },
      ],
      'no-restricted-properties': ['error',
        { object: 'Taro', property: 'request', message: 'Only src/services/http.ts calls Taro.request: use a typed call in services/api.' },
        { object: 'window', property: 'localStorage', message: 'Nothing sensitive in localStorage: storage goes through src/platform.' },
        { object: 'window', property: 'sessionStorage', message: 'Storage goes through src/platform/storage.' },
      ],
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [
          { name: '@tarojs/taro', importNames: ['request'], message: 'Only src/services/http.ts calls Taro.request.' },
          { name: 'typebox', message: 'The client imports the contract\'s types only: import type from types/api.' },
        ],
        patterns: [
          { group: ['**/types/api/*'], allowTypeImports: true, message: 'The client imports the contract\'s types only (import type): TypeBox must not reach a bundle.' },
          { group: ['typebox/*'], message: 'The client imports the contract\'s types only.' },
        ],
      }],
    },
  },
  {
    files: ['src/platform/**'],
    rules: {
      'no-restricted-globals': 'off',
      'no-restricted-properties': ['error',
        { object: 'Taro', property: 'request', message: 'Only src/services/http.ts calls Taro.request.' },
        { object: 'window', property: 'localStorage', message: 'Nothing sensitive in localStorage: storage goes through src/platform.' },
      ],
    },
  },
  {
    // The one place localStorage is used: non-sensitive preferences (the agreed privacy-policy version) on H5.
    files: ['src/platform/preferences.h5.ts'],
    rules: {
      'no-restricted-properties': ['error',
        { object: 'Taro', property: 'request', message: 'Only src/services/http.ts calls Taro.request.' },
      ],
    },
  },
  {
    files: ['src/services/http.ts'],
    rules: {
      'no-restricted-properties': ['error',
        { object: 'window', property: 'localStorage', message: 'Nothing sensitive in localStorage: storage goes through src/platform.' },
      ],
    },
  },

  // Node: the server, its config, scripts and benchmarks.
  {
    files: ['server/**', 'scripts/**', 'bench/**', 'config/**', 'types/**', '*.ts', '*.mjs', '*.js'],
    languageOptions: { globals: { ...globals.node } },
  },

  // The domain is plain TypeScript: no Fastify (nor its plugins) in the rules.
  {
    files: ['server/domain/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['fastify', 'fastify-plugin', '@fastify/*'], message: 'server/domain has no HTTP in it: routes and plugins speak Fastify, the domain is called by them.' }],
      }],
    },
  },

  // Tests.
  {
    files: ['test/**', '__mocks__/**'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
  {
    files: ['test/unit/**', '__mocks__/**', 'test/weapp/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.jest } },
  },
  {
    files: ['__mocks__/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
