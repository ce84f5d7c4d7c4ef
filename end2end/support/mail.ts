import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from '@playwright/test';

/** A mail the test SMTP server received (scripts/smtp/smtp_sink.py). */
export interface Mail {
  rcpt_tos: string[];
  to: string;
  subject: string;
  text: string;
  html: string;
}

function received(): Mail[] {
  const dir = process.env.E2E_MAIL_DIR!;
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Mail);
}

/** Waits for the newest mail to `to` whose subject contains `subject`, received after `since` mails. */
export async function mailTo(to: string, subject: string, since = 0): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(() => {
      found = received()
        .slice(since)
        .filter((m) => m.rcpt_tos.includes(to) && m.subject.includes(subject))
        .pop();
      return found !== undefined;
    }, { timeout: 20_000 })
    .toBe(true);
  return found!;
}

/** How many mails have arrived so far (to look only at later ones). */
export function mailCount(): number {
  return received().length;
}

/** The first address in a mail's text that starts with `prefix`. */
export function linkIn(mail: Mail, prefix: string): string {
  const at = mail.text.indexOf(prefix);
  expect(at).toBeGreaterThanOrEqual(0);
  return mail.text.slice(at).split(/\s/)[0];
}
