import { expect, test, type Browser, type Page } from '@playwright/test';
import { open, signIn } from '../support/app';
import { linkIn, mailCount, mailTo } from '../support/mail';

const PASSWORD = 'Mật khẩu tự đăng ký 2026';

/** Registers `name` at `email` from the sign-in page, confirms from the mail, and signs in. */
async function registered(browser: Browser, name: string, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const sent = mailCount();
  await open(page, '/login');
  await page.getByTestId('register-link').click();
  await expect(page).toHaveTitle(/^Đăng ký/);
  await page.getByTestId('register-name').fill(name);
  await page.getByTestId('register-email').fill(email);
  await page.getByTestId('register-password').fill(PASSWORD);
  await page.getByTestId('register-repeat').fill(PASSWORD + '!');
  await page.getByTestId('register-submit').click();
  await expect(page.getByTestId('error-repeat')).toContainText('không giống nhau');
  await page.getByTestId('register-repeat').fill(PASSWORD);
  await page.getByTestId('register-submit').click();
  await expect(page.getByTestId('register-sent')).toBeVisible();

  const mail = await mailTo(email, 'Xác nhận đăng ký', sent);
  const link = new URL(linkIn(mail, 'http'));
  await open(page, link.pathname + link.search);
  await page.getByTestId('confirm-submit').click();
  await expect(page.getByTestId('confirm-done')).toBeVisible();
  await page.getByTestId('confirm-login').click();
  await signIn(page, email, PASSWORD);
  await expect(page.getByTestId('user-roles')).toContainText('Nhà khoa học');
  return page;
}

test('a company registers itself by its tax code, the department approves it, and its staff join', async ({ browser }) => {
  const founder = await registered(browser, 'Phạm Thu Hà', 'ha.cnsh@demo.test');

  // The founder registers the company; the tax code's check digit is checked at the field.
  await open(founder, '/profile');
  await founder.getByTestId('my-organisation-link').click();
  await expect(founder.getByTestId('my-organisation')).toContainText('chưa thuộc tổ chức nào');
  const form = founder.getByTestId('organisation-form');
  await form.getByTestId('org-tax_code').fill('0300588568');
  await form.getByTestId('org-name').fill('Công ty Cổ phần Công nghệ Sinh học Miền Trung');
  await form.getByTestId('org-address').fill('12 Lê Lợi, thành phố Huế');
  await form.getByTestId('org-representative_title').fill('Giám đốc');
  await form.getByTestId('org-phone').fill('0234 3822 123');
  await form.getByTestId('org-submit').click();
  await expect(form.getByTestId('error-tax_code')).toContainText('chữ số kiểm tra');
  await form.getByTestId('org-tax_code').fill('0300588569');
  await form.getByTestId('org-submit').click();
  await expect(founder.getByTestId('organisation-request-state')).toHaveText('Chờ duyệt');
  await expect(founder.getByTestId('organisation-form')).toHaveCount(0);

  // The department's officer approves it.
  const officer = await (await browser.newContext()).newPage();
  await signIn(officer, 'chuyenvien@demo.test');
  await officer.getByTestId('nav-registrations').click();
  const row = officer.getByTestId('organisation-request').filter({ hasText: '0300588569' });
  await expect(row).toContainText('ha.cnsh@demo.test');
  await row.getByTestId('refuse').click();
  await expect(officer.getByTestId('error-reason')).toContainText('lý do');
  await row.getByTestId('approve').click();
  await expect(row).toHaveCount(0);
  await officer.getByTestId('state-approved').click();
  await expect(officer.getByTestId('organisation-request').filter({ hasText: '0300588569' })
    .getByTestId('request-state')).toHaveText('Đã duyệt');

  // The founder is told, and now represents the company.
  await open(founder, '/notifications');
  await expect(founder.getByTestId('notification').first()).toContainText('đã được duyệt');
  await open(founder, '/my-organisation');
  await expect(founder.getByTestId('my-organisation')).toContainText('Công nghệ Sinh học Miền Trung');
  await expect(founder.getByTestId('nav-staff-requests')).toBeVisible();

  // A colleague registers and asks to join; the founder approves.
  const staff = await registered(browser, 'Võ Minh Tâm', 'tam.cnsh@demo.test');
  await open(staff, '/my-organisation');
  await staff.getByTestId('join-query').fill('sinh học miền');
  const choice = staff.getByTestId('join-choice').filter({ hasText: '0300588569' });
  await choice.getByRole('button', { name: 'Xin gia nhập' }).click();
  await expect(staff.getByTestId('membership-request-state')).toHaveText('Chờ duyệt');

  await founder.getByTestId('nav-staff-requests').click();
  const request = founder.getByTestId('membership-request').filter({ hasText: 'tam.cnsh@demo.test' });
  await request.getByTestId('approve').click();
  await expect(request).toHaveCount(0);
  await open(staff, '/my-organisation');
  await expect(staff.getByTestId('my-organisation')).toContainText('Công nghệ Sinh học Miền Trung');
  await expect(staff.getByTestId('membership-request-state')).toHaveText('Đã duyệt');
});
