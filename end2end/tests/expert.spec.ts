import { expect, test } from '@playwright/test';
import { open, signIn } from '../support/app';

test('a researcher registers as an expert from their CV; the officer accepts and finds them', async ({ browser }) => {
  const researcher = await (await browser.newContext()).newPage();
  await signIn(researcher, 'nhakhoahoc@demo.test');
  await open(researcher, '/profile');
  await researcher.getByTestId('expert-apply-link').click();
  await expect(researcher).toHaveTitle(/^Đăng ký làm chuyên gia/);
  await researcher.getByTestId('apply-fields').fill('Tái canh cà phê; Cây công nghiệp');
  await researcher.getByTestId('apply-keywords').fill('tái canh cà phê; đất đỏ bazan');
  await researcher.getByTestId('apply-submit').click();
  await expect(researcher.getByTestId('expert-entry-state')).toHaveText('Chờ duyệt');

  const officer = await (await browser.newContext()).newPage();
  await signIn(officer, 'chuyenvien@demo.test');
  await officer.getByTestId('nav-experts').click();
  const waiting = officer.getByTestId('expert-application').filter({ hasText: 'nhakhoahoc@demo.test' });
  await expect(waiting).toContainText('tái canh cà phê');
  await waiting.getByTestId('approve').click();
  await expect(waiting).toHaveCount(0);
  await officer.getByTestId('expert-search').fill('tai canh');
  await officer.getByTestId('expert-search').press('Enter');
  await expect(officer.getByTestId('expert').filter({ hasText: 'Tái canh cà phê' })).toBeVisible();

  await open(researcher, '/experts/apply');
  await expect(researcher.getByTestId('expert-entry-state')).toHaveText('Đã duyệt');
});
