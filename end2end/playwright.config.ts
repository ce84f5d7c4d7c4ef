import { defineConfig } from '@playwright/test';
import * as os from 'node:os';
import * as path from 'node:path';

// The suite runs against the server binary the test command just built, on a fresh SQLite
// database in demo mode, on its own port.
const port = Number(process.env.E2E_PORT ?? 3100);
const root = path.resolve(__dirname, '..');
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
const serverBin = process.env.E2E_SERVER_BIN ?? path.join(targetDir, 'debug', 'server');
const dbFile = path.join(os.tmpdir(), `stms-e2e-${process.pid}.db`);
// A real SMTP server (aiosmtpd, scripts/smtp/smtp_sink.py) keeps each mail the server sends as
// a JSON file here; the tests read their links from it (support/mail.ts). The same in every
// process: the config is read by the workers too.
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? port + 1000);
process.env.E2E_MAIL_DIR = path.join(os.tmpdir(), `stms-e2e-mail-${port}`);
const mailDir = process.env.E2E_MAIL_DIR;
// A real OpenID Connect provider (the certified oidc-provider package, scripts/oidc/provider.mjs)
// for single sign-on: its own sign-in form accepts any password for `e-mail[#name]`.
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? port + 2000);

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
  },
  webServer: [{
    command: `rm -rf ${mailDir} && exec /usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:${smtpPort} -c smtp_sink.JsonDir ${mailDir}`,
    cwd: root,
    port: smtpPort,
    timeout: 30_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { PYTHONPATH: path.join(root, 'scripts', 'smtp') },
  }, {
    command: 'exec node scripts/oidc/provider.mjs',
    cwd: root,
    url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
    timeout: 30_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'ignore',
    env: { OIDC_PORT: String(oidcPort) },
  }, {
    command: `rm -f ${dbFile}* && ${serverBin} --demo`,
    cwd: root,
    url: `http://127.0.0.1:${port}/healthz`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      DATABASE_URL: `sqlite://${dbFile}?mode=rwc`,
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: process.env.LEPTOS_SITE_ROOT ?? path.join(targetDir, 'site'),
      LEPTOS_SITE_PKG_DIR: 'pkg',
      LEPTOS_OUTPUT_NAME: 'stms',
      RUST_LOG: 'warn',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      STMS_MAIL_POLL_MS: '200',
      // Reminders wait a day after start: the journeys count the mails they cause, and a reminder
      // falling due mid-journey would be counted (server/tests/api/mail/reminders.rs tests them).
      STMS_REMINDER_SECONDS: '86400',
      OIDC_ISSUER_URL: `http://127.0.0.1:${oidcPort}`,
      OIDC_CLIENT_ID: 'stms',
      OIDC_CLIENT_SECRET: 'stms-test-secret',
      OIDC_PROVIDER_NAME: 'Cổng định danh thử nghiệm',
    },
  }],
});
