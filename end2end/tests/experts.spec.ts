import { expect, test } from '@playwright/test';
import { signIn } from '../support/app';

test('an officer searches the expert database without diacritics and adds an expert, checked as typed', async ({ page }) => {
  await signIn(page, 'chuyenvien@demo.test');
  await page.getByTestId('nav-experts').click();
  await expect(page.getByTestId('expert-list')).toBeVisible();
  await expect(page.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');

  await page.getByTestId('expert-search').fill('khoa hoc dat');
  await page.getByTestId('expert-search').press('Enter');
  const lanAnh = page.getByTestId('expert').filter({ hasText: 'Vũ Thị Lan Anh' });
  await expect(lanAnh).toBeVisible();
  await expect(page.getByTestId('expert')).toHaveCount(1);

  const name = `Đinh Công Tráng ${Date.now()}`;
  await page.getByTestId('expert-name').fill(name);
  await page.getByTestId('expert-organisation').fill('Viện Thổ nhưỡng Nông hóa');
  await page.getByTestId('save-expert').click();
  await expect(page.getByTestId('error-fields')).toContainText('Chưa điền mục này');
  await page.getByTestId('expert-fields').fill('Thổ nhưỡng; Phân bón');
  await page.getByTestId('save-expert').click();
  await expect(page.getByTestId('expert-name')).toHaveValue('');

  await page.getByTestId('expert-search').fill('tho nhuong');
  await page.getByTestId('expert-search').press('Enter');
  const added = page.getByTestId('expert').filter({ hasText: name });
  await expect(added).toContainText('chưa có tài khoản');
  await expect(added.getByTestId('expert-councils')).toHaveText('0 hội đồng');
});
