// Four test layers, all run by `npm test` (docs/testing.md): unit, server, compiled weapp, browser.
const os = require('node:os')
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }]

module.exports = {
  // A safety net, not a speed check: on two shared cores a bulk seed or a scrypt-heavy test can pass 5 s.
  testTimeout: 30_000,
  // Two workers even on two cores (jest's default there is one): most files wait on a child server, a browser or
  // PGlite, so two overlap well. Measured on the 2-core machine: the whole run 10.8 min with one, 7.5–8.3 with two.
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/unit/**/*.test.[jt]s?(x)'],
      setupFiles: ['<rootDir>/test/unit/setup.js'],
      transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
      transformIgnorePatterns: ['/node_modules/(?!(@nutui|@tarojs|mobx|mobx-react-lite)/)'],
      moduleNameMapper: {
        '\\.(css|scss|sass|less)$': '<rootDir>/__mocks__/styleMock.js',
        '^@tarojs/taro$': '<rootDir>/__mocks__/taro.ts',
        '^@tarojs/components$': '<rootDir>/__mocks__/components.tsx',
        '^@/(.*)$': '<rootDir>/src/$1',
      },
      globals: { API_BASE: 'http://api.test' },
    },
    {
      displayName: 'server',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/server/**/*.test.ts'],
      transform: { '^.+\\.(ts|js|mjs)$': swc },
      transformIgnorePatterns: ['/node_modules/(?!(content-disposition|cookie|typebox)/)'],
      globalSetup: '<rootDir>/test/support/pglite-template-setup.js',
      globalTeardown: '<rootDir>/test/support/pglite-template-teardown.js',
    },
    {
      displayName: 'weapp',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/weapp/**/*.test.js'],
      transform: {},
      modulePathIgnorePatterns: ['<rootDir>/dist/alipay', '<rootDir>/dist/h5'],
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/browser/**/*.test.js'],
      transform: {},
    },
  ],
}
