import { expect, test } from '@playwright/test';
import { DEMO_ACCOUNTS, open, signIn, signOut } from '../support/app';

test('the public home page explains the system and lists the open demo call', async ({ page }) => {
  await open(page, '/');
  await expect(page.getByTestId('public-intro')).toBeVisible();
  await expect(page.getByTestId('demo-banner')).toBeVisible();
  const demoCall = page
    .getByTestId('open-call')
    .filter({ hasText: 'Tuyển chọn nhiệm vụ KH&CN cấp tỉnh thực hiện từ năm 2027' });
  await expect(demoCall).toHaveCount(1);
  await expect(demoCall).toContainText('12.000.000.000 đ');
  await expect(page.getByTestId('nav-users')).toHaveCount(0);
});

for (const account of DEMO_ACCOUNTS) {
  test(`${account.email} sees the navigation of their role and signs out`, async ({ page }) => {
    await signIn(page, account.email);
    await expect(page.getByTestId('user-roles')).toHaveText(account.role);
    await expect(page.getByTestId('nav-profile')).toBeVisible();
    await expect(page.getByTestId('todos')).toBeVisible();
    if (account.admin) {
      await expect(page.getByTestId('nav-users')).toBeVisible();
      await expect(page.getByTestId('nav-organisations')).toBeVisible();
    } else {
      await expect(page.getByTestId('nav-users')).toHaveCount(0);
      await expect(page.getByTestId('todos-empty')).toBeVisible();
    }
    await signOut(page);
    await expect(page.getByTestId('nav-profile')).toHaveCount(0);
    // The session is gone on the server too: the account page now asks to sign in.
    await open(page, '/profile');
    await expect(page.getByTestId('error')).toContainText('Bạn cần đăng nhập');
    await expect(page.getByTestId('error-sign-in')).toHaveAttribute('href', '/login?next=%2Fprofile');
  });
}

test('a wrong password gets the one generic message', async ({ page }) => {
  await open(page, '/login');
  await page.getByTestId('login-email').fill('quantri@demo.test');
  await page.getByTestId('login-password').fill('sai-mat-khau-roi');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('error')).toHaveText('Thư điện tử hoặc mật khẩu không đúng.');
});

test('an unknown page gets a Vietnamese 404', async ({ page }) => {
  const response = await page.goto('/khong-co-trang-nay');
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId('not-found')).toContainText('Không tìm thấy trang');
});

test('each page has its own title, from the server and after moving in the browser', async ({ page }) => {
  const system = 'Quản lý nhiệm vụ KH&CN và Quỹ phát triển KH&CN';
  await page.goto('/public/tasks');
  await expect(page).toHaveTitle(`Nhiệm vụ được tài trợ · ${system}`);
  await open(page, '/login');
  await expect(page).toHaveTitle(`Đăng nhập · ${system}`);
  await signIn(page, 'chuyenvien@demo.test');
  await expect(page).toHaveTitle(system);
  await page.getByTestId('nav-proposals').click();
  await expect(page).toHaveTitle(`Đề xuất đặt hàng nhiệm vụ · ${system}`);
});
