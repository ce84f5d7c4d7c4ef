import { expect, test } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * After the golden journey ran through nginx (playwright.balanced.config.ts): every request was
 * served by one of the two instances, round-robin gave each a fair share of the pages and of the
 * server functions (the writes among them), and none was answered with a server error. A
 * journey that passed on one instance only, or by luck of which instance a write reached, fails
 * here.
 */
test('the journey was served by both instances, round-robin, without a server error', () => {
  const log = fs.readFileSync(path.join(process.env.E2E_BALANCER_DIR!, 'logs', 'access.log'), 'utf8');
  const instances = process.env.E2E_INSTANCES!.split(' ');
  const lines = log.trim().split('\n').map((line) => {
    const [upstream, method, status, uri] = line.split(' ');
    return { upstream, method, status: Number(status), uri };
  });
  const served = (upstream: string, keep: (l: (typeof lines)[number]) => boolean) =>
    lines.filter((l) => l.upstream === upstream && keep(l)).length;

  const writes = (l: (typeof lines)[number]) => l.method === 'POST';
  const all = () => true;
  expect(lines.length).toBeGreaterThan(500);
  for (const keep of [all, writes]) {
    const total = lines.filter(keep).length;
    for (const upstream of instances) {
      const share = served(upstream, keep) / total;
      expect(share, `${upstream} served ${(share * 100).toFixed(1)}% of ${total}`).toBeGreaterThan(0.4);
    }
  }
  expect(lines.filter((l) => !instances.includes(l.upstream))).toEqual([]);
  expect(lines.filter((l) => l.status >= 500)).toEqual([]);
});
