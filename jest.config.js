/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // Integration tests spawn real processes (claude, gnome-keyring, postgres); give them room.
  testTimeout: 60000,
  // Two cores: more workers only thrash.
  maxWorkers: 2,
};
