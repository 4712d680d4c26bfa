/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // @decimalturn/toml-patch ships ESM only; Node 20.19 require()s it, jest needs it compiled.
    'toml-patch\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!@decimalturn/toml-patch/)'],
  // Integration tests spawn real processes (claude, gnome-keyring, postgres); give them room.
  testTimeout: 60000,
  // Two cores: more workers only thrash.
  maxWorkers: 2,
};
