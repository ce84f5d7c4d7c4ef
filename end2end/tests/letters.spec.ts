import { expect, test } from '@playwright/test';
import { open, signIn } from '../support/app';
import { mailCount, mailTo } from '../support/mail';

test('an officer writes to every applicant of the demo call, confirms, and sends one letter again', async ({ page }) => {
  await signIn(page, 'chuyenvien@demo.test');
  await open(page, '/calls/1');
  await page.getByTestId('call-letters').click();
  await expect(page).toHaveTitle(/^Thư gửi người nộp hồ sơ/);

  // A field that does not exist is refused at the text, before anything goes.
  const before = mailCount();
  await page.getByTestId('letter-subject').fill('Thông báo về hồ sơ {ma_ho_so}');
  await page.getByTestId('letter-body').fill('Kính gửi {ho_ten},\n\nMật khẩu của bạn: {mat_khau}');
  await page.getByTestId('letters-send').click();
  await page.getByTestId('letters-confirm').click();
  await expect(page.getByTestId('error-body')).toContainText('Không có trường {mat_khau}');
  await expect(page.getByTestId('letters-empty')).toBeVisible();

  await page.getByTestId('letter-body').fill('Kính gửi {ho_ten},\n\nHồ sơ «{ten_ho_so}» hiện {ket_qua}.');
  await page.getByTestId('letters-send').click();
  await page.getByTestId('letters-confirm').click();
  await expect(page.getByTestId('letters-sent')).toContainText('Đã gửi');
  const mail = await mailTo('nhakhoahoc@demo.test', 'Thông báo về hồ sơ', before);
  expect(mail.text).toContain('Kính gửi');
  expect(mail.text).not.toContain('{ho_ten}');

  const row = page.getByTestId('letter').filter({ hasText: 'nhakhoahoc@demo.test' }).first();
  await expect(row.getByTestId('letter-resent')).toHaveText('0');
  const sent = mailCount();
  await row.getByTestId('letter-resend').click();
  await expect(row.getByTestId('letter-resent')).toHaveText(/^1 \(/);
  await mailTo('nhakhoahoc@demo.test', 'Thông báo về hồ sơ', sent);
});
