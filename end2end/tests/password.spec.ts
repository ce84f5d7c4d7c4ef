import { expect, test } from '@playwright/test';
import { open, signIn } from '../support/app';
import { linkIn, mailCount, mailTo } from '../support/mail';

test('a forgotten password is reset from the link in the mail, and the old sign-ins end', async ({ browser }) => {
  const email = 'giangvien.dhnl@demo.test';
  const before = await (await browser.newContext()).newPage();
  await signIn(before, email);

  // An address with no account gets the same answer, and no mail.
  const page = await (await browser.newContext()).newPage();
  const sent = mailCount();
  await open(page, '/login');
  await page.getByTestId('forgot-password').click();
  await expect(page).toHaveTitle(/^Quên mật khẩu/);
  await page.getByTestId('forgot-email').fill('khong-co-ai@demo.test');
  await page.getByTestId('forgot-submit').click();
  await expect(page.getByTestId('forgot-sent')).toContainText('Nếu địa chỉ này có tài khoản');

  await open(page, '/forgot-password');
  await page.getByTestId('forgot-email').fill('khong phai thu');
  await page.getByTestId('forgot-submit').click();
  await expect(page.getByTestId('error-email')).toBeVisible();
  await page.getByTestId('forgot-email').fill(email.toUpperCase());
  await page.getByTestId('forgot-submit').click();
  await expect(page.getByTestId('forgot-sent')).toBeVisible();
  const mail = await mailTo(email, 'Đặt lại mật khẩu', sent);
  expect(mail.to).toContain('Trần Minh Quân');
  expect(mailCount()).toBe(sent + 1);

  const link = new URL(linkIn(mail, 'http'));
  await open(page, link.pathname + link.search);
  const password = 'Mật khẩu mới của giảng viên 2026';
  await page.getByTestId('reset-password').fill(password);
  await page.getByTestId('reset-repeat').fill('Mật khẩu khác hẳn 2026');
  await page.getByTestId('reset-submit').click();
  await expect(page.getByTestId('error-repeat')).toContainText('không giống nhau');
  await page.getByTestId('reset-repeat').fill(password);
  await page.getByTestId('reset-submit').click();
  await expect(page.getByTestId('reset-done')).toBeVisible();
  await page.getByTestId('reset-login').click();
  await signIn(page, email, password);

  // The link is spent; the sign-in made with the old password is over.
  await open(page, link.pathname + link.search);
  await page.getByTestId('reset-password').fill(password + '!');
  await page.getByTestId('reset-repeat').fill(password + '!');
  await page.getByTestId('reset-submit').click();
  await expect(page.getByTestId('error-token')).toContainText('đã hết hạn');
  await open(before, '/profile');
  await expect(before.getByTestId('error')).toContainText('Bạn cần đăng nhập');
});
