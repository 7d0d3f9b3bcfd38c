// Unit tests must pass on a loaded machine (both cores busy, several suites at once): a test's time is not what it
// checks, so no test fails for taking long. The limits only stop a test that hangs; a real JVM run (the live-JVM
// analysis tests) may take minutes when the machine is busy.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
