// Vitest for unit and service tests (specs beside their code). Timeouts are generous on purpose: the command-line
// tests spawn real processes and the service tests use a real SQLite file, and CI machines can be loaded; no test
// asserts a timing, so a slow machine must make a test slower, never red.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
