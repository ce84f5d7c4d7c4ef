import { expect, test, type Page } from '@playwright/test';
import { open, signIn } from '../support/app';
import { MAIN_PAGES } from '../support/pages';

// Each main page of each role on a 390 px phone screen: nothing wider than the screen (a table
// scrolls inside its own box), the navigation in one row. A screenshot of each is kept with the
// test's results.

async function fits(page: Page, path: string, name: string) {
  await open(page, path);
  await expect(page.getByTestId('not-found')).toHaveCount(0);
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    screen: window.innerWidth,
    nav: document.querySelector('.nav')?.getBoundingClientRect().height ?? 0,
  }));
  await test.info().attach(`${name}${path.replaceAll('/', '_')}.png`, {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
  expect.soft(widths.page, `${path} (${name}) is ${widths.page} px wide on a ${widths.screen} px screen`).toBeLessThanOrEqual(widths.screen);
  // One row of links (it scrolls sideways), not five.
  expect.soft(widths.nav, `${path} (${name}): the navigation is ${widths.nav} px tall`).toBeLessThan(60);
}

for (const { who, paths } of MAIN_PAGES) {
  test(`on a 390 px phone, ${who ?? 'a visitor'}'s main pages fit the screen`, async ({ browser }) => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    if (who) await signIn(page, who);
    for (const path of paths) await fits(page, path, who?.split('@')[0] ?? 'khach');
  });
}
