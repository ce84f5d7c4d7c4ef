import { expect, test } from '@playwright/test';
import { open } from '../support/app';

test('switching to English happens in place and persists; switching back restores Vietnamese', async ({ page }) => {
  await open(page, '/');
  const heading = page.getByTestId('open-calls').getByRole('heading', { level: 2 });
  await expect(heading).toHaveText('Đợt đang nhận hồ sơ');
  // A marker on window survives only if the page is not reloaded: the switch is client-side.
  await page.evaluate(() => ((window as unknown as { __stay: boolean }).__stay = true));
  await page.getByTestId('lang-toggle').click();
  await expect(heading).toHaveText('Calls open for proposals');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(await page.evaluate(() => (window as unknown as { __stay?: boolean }).__stay)).toBe(true);

  // The choice is remembered by the server-rendered page.
  await open(page, '/');
  await expect(heading).toHaveText('Calls open for proposals');

  await page.getByTestId('lang-toggle').click();
  await expect(heading).toHaveText('Đợt đang nhận hồ sơ');
  await open(page, '/');
  await expect(heading).toHaveText('Đợt đang nhận hồ sơ');
});
