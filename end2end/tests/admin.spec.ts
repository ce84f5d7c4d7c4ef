import { expect, test } from '@playwright/test';
import { open, signIn, signOut } from '../support/app';

test('an administrator creates an organisation and an account; its owner replaces the temporary password', async ({ browser }) => {
  const stamp = Date.now();
  const orgName = `Trung tâm Ứng dụng KH&CN ${stamp}`;
  const email = `nguoidung${stamp}@demo.test`;

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, 'quantri@demo.test');
  await open(admin, '/admin/organisations');
  await admin.getByLabel('Tên tổ chức').fill(orgName);
  await admin.getByRole('button', { name: 'Thêm', exact: true }).click();
  await expect(admin.getByTestId('organisation-list')).toContainText(orgName);

  await open(admin, '/admin/users');
  // Bad input gets a message at the field and creates nothing.
  await admin.getByLabel('Thư điện tử').fill('khong-hop-le');
  await admin.getByLabel('Họ và tên').fill('Ngô Thị Mai');
  await admin.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await expect(admin.getByTestId('error-email')).toContainText('không hợp lệ');

  await admin.getByLabel('Thư điện tử').fill(email);
  await admin.getByLabel('Vai trò ban đầu').selectOption('researcher');
  await admin.getByRole('button', { name: 'Tạo tài khoản' }).click();
  const temporary = (await admin.getByTestId('temporary-password').textContent())?.trim() ?? '';
  expect(temporary.length).toBeGreaterThanOrEqual(16);
  await signOut(admin);

  const user = await (await browser.newContext()).newPage();
  await signIn(user, email, temporary);
  await expect(user.getByTestId('user-roles')).toHaveText('Nhà khoa học');
  const changePassword = user.getByTestId('todo').filter({ hasText: 'Đổi mật khẩu tạm thời' });
  await expect(changePassword).toBeVisible();
  // A new researcher is also asked for a scientific CV.
  await expect(user.getByTestId('todo').filter({ hasText: 'lý lịch khoa học' })).toBeVisible();
  await changePassword.getByRole('link').click();
  await expect(user.getByTestId('password-form')).toBeVisible();
  await user.getByLabel('Mật khẩu hiện tại').fill(temporary);
  await user.getByLabel('Mật khẩu mới').fill('ngan');
  // The policy runs in the browser as the user types.
  await expect(user.getByTestId('error-new_password')).toContainText('ít nhất 10 ký tự');
  await user.getByLabel('Mật khẩu mới').fill('Lúa gạo Sông Lam 2026');
  await user.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(user.getByTestId('password-changed')).toBeVisible();
  await open(user, '/');
  await expect(user.getByTestId('todo').filter({ hasText: 'Đổi mật khẩu tạm thời' })).toHaveCount(0);
  await expect(user.getByTestId('todo')).toHaveCount(1);
});

test('an administrator publishes a new rulebook version with its council, scoring and acceptance rules; slips are refused at the field', async ({ page }) => {
  await signIn(page, 'quantri@demo.test');
  await page.getByTestId('nav-rulebook').click();
  await expect(page.getByTestId('rulebook-form')).toBeVisible();
  await expect(page.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');
  const version = Number(await page.getByTestId('rulebook-version').textContent());
  await expect(page.getByTestId('labour-secretary_permille')).toHaveValue('0,3');
  await page.getByTestId('labour-member_permille').fill('không phẩy năm');
  await page.getByTestId('publish-rulebook').click();
  await expect(page.getByTestId('error-labour.member_permille')).toContainText('Nhập một số');
  await page.getByTestId('labour-member_permille').fill('0,5');
  // The score sheet is out of 100: a criterion that breaks the sum is refused with the reason.
  await page.getByTestId('criterion-0-max').fill('20');
  await page.getByTestId('pass_mean_total').fill('75');
  await page.getByTestId('publish-rulebook').click();
  await expect(page.getByTestId('error-scoring.criteria')).toContainText('100');
  await page.getByTestId('criterion-0-max').fill('15');
  // The acceptance council's vote rule is the rulebook's too, within bounds.
  await page.getByTestId('acceptance-vote_permille').fill('400');
  await page.getByTestId('publish-rulebook').click();
  await expect(page.getByTestId('error-acceptance.vote_permille')).toContainText('500');
  await page.getByTestId('acceptance-vote_permille').fill('800');
  await page.getByTestId('publish-rulebook').click();
  // Version numbers run across the provincial and grassroots lines: the next one is higher.
  await expect(page.getByTestId('rulebook-published')).toContainText('phiên bản');
  const message = (await page.getByTestId('rulebook-published').textContent()) ?? '';
  const published = Number(/phiên bản (\d+)/.exec(message)?.[1]);
  expect(published).toBeGreaterThan(version);
  await expect(page.getByTestId('rulebook-version')).toHaveText(String(published));
  await expect(page.getByTestId('rulebook-scoring')).toContainText('đạt từ 75 điểm');
  await expect(page.getByTestId('rulebook-acceptance')).toContainText('800 ‰');
  // The grassroots line has its own rules, the unit's defaults said on the page.
  await page.getByTestId('rulebook-grassroots').click();
  await expect(page.getByTestId('grassroots-note')).toBeVisible();
  // A managing unit starts its own line from the grassroots one; its calls pin it from then on.
  await page.getByTestId('rulebook-unit').filter({ hasText: 'Trường Đại học Nông Lâm Sông Lam' }).click();
  await expect(page.getByTestId('unit-line-note')).toBeVisible();
  await page.getByTestId('acceptance-max_members').fill('5');
  await page.getByTestId('publish-rulebook').click();
  await expect(page.getByTestId('rulebook-published')).toContainText('phiên bản');
  await expect(page.getByTestId('unit-line-note')).toHaveCount(0);
  await expect(page.getByTestId('rulebook-acceptance')).toContainText('3–5 thành viên');
  // A task type's own line: the scheme tab shows the line its calls pin until one is published.
  await page.getByTestId('rulebook-provincial').click();
  await page.getByTestId('rulebook-kind-scheme').click();
  await expect(page.getByTestId('kind-line-note')).toBeVisible();
  await expect(page.getByTestId('rulebook-kind')).toHaveText('Mọi loại');
  await page.getByTestId('max_duration_months').fill('24');
  await page.getByTestId('publish-rulebook').click();
  await expect(page.getByTestId('rulebook-published')).toContainText('phiên bản');
  await expect(page.getByTestId('kind-line-note')).toHaveCount(0);
  await expect(page.getByTestId('rulebook-kind')).toHaveText('Đề án khoa học');
});

test('an administrator verifies the audit trail and reads it', async ({ page }) => {
  await signIn(page, 'quantri@demo.test');
  await page.getByTestId('nav-audit').click();
  await expect(page.getByRole('heading', { name: 'Nhật ký kiểm toán' })).toBeVisible();
  await expect(page.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');
  await page.getByTestId('verify-audit').click();
  await expect(page.getByTestId('audit-verdict')).toContainText('Chuỗi nguyên vẹn');
  await expect(page.getByTestId('history-event').first()).toBeVisible();
});
