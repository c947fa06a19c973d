import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The config is read by the runner and again by every worker: the port and the database folder
// are chosen once, in the runner, and handed to the workers through the environment.
if (!process.env.RELANCE_E2E_PORT) {
  process.env.RELANCE_E2E_PORT = execFileSync(process.execPath, [
    '-e',
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ]).toString();
}
if (!process.env.RELANCE_E2E_FIRST_RUN_PORT) {
  process.env.RELANCE_E2E_FIRST_RUN_PORT = execFileSync(process.execPath, [
    '-e',
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ]).toString();
}
if (!process.env.RELANCE_E2E_DIR) {
  process.env.RELANCE_E2E_DIR = mkdtempSync(join(tmpdir(), 'relance-e2e-'));
}
const port = process.env.RELANCE_E2E_PORT;
const dir = process.env.RELANCE_E2E_DIR;
const baseURL = `http://127.0.0.1:${port}`;
const root = resolve(__dirname, '..');
/** The server's database and binary, for tests that prepare data with the `relance` command. */
export const databaseUrl = `sqlite://${dir}/relance.db`;
/**
 * The release build (`make build`) unless RELANCE_E2E_BIN names another: `make test` serves the
 * binary its Rust tests built, so it never waits for a release build of the server.
 */
export const relanceBin = process.env.RELANCE_E2E_BIN ?? `${root}/target/release/relance`;
/** The demo admin's signed-in browser state, written once by tests/auth.setup.ts. */
export const adminState = join(dir, 'admin-state.json');
/** Where the server writes the emails it sends (no SMTP server in these tests). */
export const outboxDir = join(dir, 'outbox');
/** A second server, on an empty database: the first run as a new merchant meets it. */
const firstRunPort = process.env.RELANCE_E2E_FIRST_RUN_PORT;
export const firstRunURL = `http://127.0.0.1:${firstRunPort}`;
export const firstRunDatabaseUrl = `sqlite://${dir}/first-run.db`;
export const firstRunOutbox = join(dir, 'first-run-outbox');

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'sign-in', testMatch: /auth\.setup\.ts/ },
    {
      name: 'admin',
      dependencies: ['sign-in'],
      testIgnore: /(auth\.setup|signed-out\.spec|reminder-wizard\.spec|first-run\.spec)\.ts/,
      use: { storageState: adminState },
    },
    // Changes the campaign that the other admin tests read: runs after them, one test at a time.
    {
      name: 'campaign-changes',
      dependencies: ['admin'],
      testMatch: /reminder-wizard\.spec\.ts/,
      fullyParallel: false,
      use: { storageState: adminState },
    },
    { name: 'signed-out', testMatch: /signed-out\.spec\.ts/ },
    { name: 'first-run', testMatch: /first-run\.spec\.ts/, use: { baseURL: firstRunURL } },
  ],
  webServer: [
    {
      // The server, a fresh database in a temporary folder, the demo shop seeded on start.
      command: `${relanceBin} serve --demo`,
      cwd: root,
      url: `${baseURL}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        DATABASE_URL: databaseUrl,
        RELANCE_ADDR: `127.0.0.1:${port}`,
        RELANCE_PUBLIC_URL: baseURL,
        RELANCE_OUTBOX_DIR: outboxDir,
        LEPTOS_SITE_ROOT: `${root}/target/site`,
        RUST_LOG: 'warn',
      },
    },
    {
      // The same build on an empty database, for the first run.
      command: `${relanceBin} serve`,
      cwd: root,
      url: `${firstRunURL}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        DATABASE_URL: firstRunDatabaseUrl,
        RELANCE_ADDR: `127.0.0.1:${firstRunPort}`,
        RELANCE_PUBLIC_URL: firstRunURL,
        RELANCE_OUTBOX_DIR: firstRunOutbox,
        LEPTOS_SITE_ROOT: `${root}/target/site`,
        RUST_LOG: 'warn',
      },
    },
  ],
});
