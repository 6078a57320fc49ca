/** One `npm test` runs every suite: unit, store conformance (SQLite and the CloudBase emulator), api (on both), crash (the local server killed and restarted), ui, e2e (Chromium) and weapp (WeChat's compiler and the mini-program runner). */
const babel = [
  'babel-jest',
  {
    configFile: false,
    babelrc: false,
    presets: [
      ['@babel/preset-env', { targets: { node: 'current' } }],
      ['@babel/preset-typescript', { isTSX: true, allExtensions: true }],
      ['@babel/preset-react', { runtime: 'automatic' }],
    ],
  },
]
const base = {
  transform: { '\\.[jt]sx?$': babel },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'json'],
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/src/$1',
    // the action contract (types only from the client) and its zod-free tables (@contract/tables)
    '^@contract$': '<rootDir>/cloud/src/contract/index.ts',
    '^@contract/(.*)$': '<rootDir>/cloud/src/contract/$1',
  },
}
const node = (name, timeout) => ({
  ...base,
  displayName: name,
  testEnvironment: 'node',
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
  ...(timeout ? { testTimeout: timeout } : {}),
})

module.exports = {
  projects: [
    node('unit'),
    node('store'),
    node('api'),
    {
      // the same API suites on CloudBaseStore -> the real wx-server-sdk -> the CloudBase emulator
      ...node('api-cloudbase'),
      testMatch: ['<rootDir>/test/api/**/*.test.ts'],
      // the upload route and the SQLite-file cloud entry belong to the local runtime only
      // (cloud-bundle runs the shipped function on the emulator by itself)
      testPathIgnorePatterns: ['/test/api/upload\\.test\\.ts$', '/test/api/cloud-entry\\.test\\.ts$', '/test/api/cloud-bundle\\.test\\.ts$'],
      setupFiles: ['<rootDir>/test/api/on-cloudbase.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/api/on-cloudbase-timeout.ts'],
    },
    {
      ...base,
      displayName: 'ui',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/ui/**/*.test.tsx'],
      moduleNameMapper: {
        // an image import is its URL (before '@/': the first match wins)
        '\\.(png|jpe?g|gif)$': '<rootDir>/test/ui/mocks/file.ts',
        ...base.moduleNameMapper,
        '^@tarojs/components$': '<rootDir>/test/ui/mocks/components.tsx',
        '^@tarojs/taro$': '<rootDir>/test/ui/mocks/taro.ts',
        '\\.(css|scss)$': '<rootDir>/test/ui/mocks/style.ts',
      },
      setupFiles: ['<rootDir>/test/ui/mocks/setup.ts'],
    },
    // the local server SIGKILLed during seeding, writes and the job (child processes)
    node('crash'),
    node('e2e'),
    node('weapp'),
  ],
}
