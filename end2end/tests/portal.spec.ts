import { expect, test } from '@playwright/test';
import { open } from '../support/app';

test('anyone searches the funded tasks without diacritics, narrows them, opens a task its own page, and downloads what they see', async ({ page }) => {
  await open(page, '/public/tasks');
  // The demo's grassroots task, found without typing its diacritics.
  await page.getByTestId('portal-q').fill('che pham vi sinh');
  await page.getByTestId('portal-level').selectOption('grassroots');
  await page.getByTestId('portal-submit').click();
  await expect(page).toHaveURL(/q=che\+pham\+vi\+sinh|q=che%20pham%20vi%20sinh/);
  const rows = page.getByTestId('public-task');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Chế phẩm vi sinh xử lý vỏ cà phê');
  // The open data follows the filters chosen.
  await expect(page.getByTestId('open-data-csv')).toHaveAttribute('href', /\/open-data\/tasks\.csv\?q=che%20pham%20vi%20sinh&level=grassroots/);

  // A filter that matches nothing says so.
  await page.getByTestId('portal-status').selectOption('terminated');
  await page.getByTestId('portal-submit').click();
  await expect(page.getByTestId('public-empty')).toBeVisible();

  // The fields the tasks name are the field filter's choices; the list and the open data follow.
  await open(page, '/public/tasks');
  const field = page.getByTestId('portal-field');
  const named = await field.locator('option').nth(1).getAttribute('value');
  expect(named).toBeTruthy();
  await field.selectOption(named!);
  await page.getByTestId('portal-submit').click();
  await expect(page).toHaveURL(/[?&]field=/);
  await expect(page.getByTestId('portal-field')).toHaveValue(named!);
  await expect(page.getByTestId('public-task').first()).toBeVisible();
  await expect(page.getByTestId('open-data-csv')).toHaveAttribute('href', /[?&]field=/);

  // The task's own page, shareable by its address.
  await open(page, '/public/tasks?q=che%20pham%20vi%20sinh');
  await page.getByTestId('public-task-link').first().click();
  await expect(page).toHaveURL(/\/public\/tasks\/\d+$/);
  await expect(page.getByTestId('public-task-title')).toContainText('Chế phẩm vi sinh xử lý vỏ cà phê');
  await expect(page.getByTestId('public-task-host')).not.toBeEmpty();
  await expect(page).toHaveTitle(/^Nhiệm vụ được tài trợ/);
  const address = page.url();
  await open(page, new URL(address).pathname);
  await expect(page.getByTestId('public-task-title')).toContainText('Chế phẩm vi sinh xử lý vỏ cà phê');

  // An address of no public task is not found, in Vietnamese.
  await open(page, '/public/tasks/999999');
  await expect(page.getByTestId('error')).toBeVisible();
});
