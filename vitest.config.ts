import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    // Some suites build real workbooks and run the CLI in beforeAll: slow on a busy 2-core machine.
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
