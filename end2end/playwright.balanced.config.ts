import { defineConfig } from '@playwright/test';
import * as os from 'node:os';
import * as path from 'node:path';
import base from './playwright.config';

// The golden journey again, through a real load balancer: Debian's nginx on E2E_BALANCED_PORT
// spreads the requests round-robin over two instances of the server, which share one PostgreSQL
// database (sessions, throttles, idempotency keys, the mail outbox, reminders) and keep
// attachments in it (STMS_FILE_STORE=database). Then `balanced/spread.spec.ts` reads nginx's
// access log: both instances served, none failed. The test command passes the database
// (E2E_BALANCED_DATABASE_URL) and drops it afterwards.
const port = Number(process.env.E2E_BALANCED_PORT ?? 3200);
const root = path.resolve(__dirname, '..');
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
const serverBin = process.env.E2E_SERVER_BIN ?? path.join(targetDir, 'debug', 'server');
const databaseUrl = process.env.E2E_BALANCED_DATABASE_URL;
if (!databaseUrl) throw new Error('E2E_BALANCED_DATABASE_URL names the PostgreSQL database to use');
const smtpPort = port + 1000;
process.env.E2E_MAIL_DIR = path.join(os.tmpdir(), `stms-e2e-mail-${port}`);
const mailDir = process.env.E2E_MAIL_DIR;
process.env.E2E_BALANCER_DIR = path.join(os.tmpdir(), `stms-e2e-nginx-${port}`);
const balancerDir = process.env.E2E_BALANCER_DIR;
const instances = [port + 1, port + 2];
process.env.E2E_INSTANCES = instances.map((p) => `127.0.0.1:${p}`).join(' ');

const instance = (instancePort: number, first: boolean) => ({
  // The first instance seeds the demo province into the empty database; the second starts only
  // once the first answers (web servers start one after another), and finds it seeded.
  command: first
    ? `psql "${databaseUrl}" -qc 'DROP SCHEMA public CASCADE; CREATE SCHEMA public' && exec ${serverBin} --demo`
    : `exec ${serverBin} --demo`,
  cwd: root,
  url: `http://127.0.0.1:${instancePort}/healthz`,
  timeout: 120_000,
  reuseExistingServer: false,
  stdout: 'ignore' as const,
  stderr: 'pipe' as const,
  env: {
    DATABASE_URL: databaseUrl,
    LEPTOS_SITE_ADDR: `127.0.0.1:${instancePort}`,
    LEPTOS_SITE_ROOT: process.env.LEPTOS_SITE_ROOT ?? path.join(targetDir, 'site'),
    LEPTOS_SITE_PKG_DIR: 'pkg',
    LEPTOS_OUTPUT_NAME: 'stms',
    RUST_LOG: 'warn',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    TRUST_PROXY: '1',
    STMS_FILE_STORE: 'database',
    STMS_FILES_DIR: path.join(os.tmpdir(), `stms-e2e-files-${instancePort}`),
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    STMS_MAIL_POLL_MS: '200',
    STMS_REMINDER_SECONDS: '86400',
  },
});

export default defineConfig({
  ...base,
  use: { ...base.use, baseURL: `http://127.0.0.1:${port}` },
  projects: [
    { name: 'golden', testDir: './tests', testMatch: /golden\.spec\.ts$/ },
    { name: 'spread', testDir: './balanced', dependencies: ['golden'] },
  ],
  webServer: [{
    command: `rm -rf ${mailDir} && exec /usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:${smtpPort} -c smtp_sink.JsonDir ${mailDir}`,
    cwd: root,
    port: smtpPort,
    timeout: 30_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { PYTHONPATH: path.join(root, 'scripts', 'smtp') },
  },
  instance(instances[0], true),
  instance(instances[1], false),
  {
    command: `exec scripts/balancer/nginx.sh ${port} ${balancerDir} ${process.env.E2E_INSTANCES}`,
    cwd: root,
    url: `http://127.0.0.1:${port}/healthz`,
    timeout: 30_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  }],
});
