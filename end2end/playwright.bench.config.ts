import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// Benchmarks against the same release server as the tests, run on demand (README, "Benchmarks"),
// never as part of `make test`: timings are figures to report, not pass/fail checks.
export default defineConfig({
  ...base,
  testDir: './bench',
  testMatch: /.*\.bench\.ts/,
  timeout: 120_000,
  workers: 1,
  projects: [{ name: 'bench' }],
});
