import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Generous: CI and development share 2 cores with other jobs, and a test that is
    // merely slow must not fail. Tests assert outcomes, never durations (speed is in bench/).
    testTimeout: 120_000,
    // Some suites build real workbooks and run the CLI in beforeAll: slow on a busy 2-core machine.
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
