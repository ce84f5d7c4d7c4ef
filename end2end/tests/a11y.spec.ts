import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { open, signIn } from '../support/app';
import { MAIN_PAGES } from '../support/pages';

// axe-core's WCAG 2.1 A and AA rules on each role's main pages, in both languages' default
// (Vietnamese): no violation at all, each named with the elements it was found on.
for (const { who, paths } of MAIN_PAGES) {
  test(`axe finds nothing on ${who ?? 'a visitor'}'s main pages`, async ({ browser }) => {
    const page = await (await browser.newContext()).newPage();
    if (who) await signIn(page, who);
    for (const path of paths) {
      await open(page, path);
      const { violations } = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze();
      const found = violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
      expect.soft(found, `axe on ${path} (${who ?? 'khách'})`).toEqual([]);
    }
  });
}
