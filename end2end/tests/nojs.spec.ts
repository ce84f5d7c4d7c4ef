import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from '../support/app';

// The page never wakes here: its WebAssembly and scripts are refused, as on a slow phone
// before hydration. Signing in still works, by the form's own POST, and no address the
// browser asks for ever carries the password.
test('signing in before the page hydrates posts the form and never puts the password in an address', async ({ page }) => {
  await page.route(/\/pkg\/.*\.(wasm|js)$/, (route) => route.abort());
  const addresses: string[] = [];
  page.on('request', (r) => addresses.push(r.url()));
  await page.goto('/login?next=/calls');
  await expect(page.getByTestId('app')).not.toHaveAttribute('data-hydrated', 'true');
  // The server names the page in its title, whole, before any script runs.
  await expect(page).toHaveTitle('Đăng nhập · Quản lý nhiệm vụ KH&CN và Quỹ phát triển KH&CN');
  await page.getByTestId('login-email').fill('chuyenvien@demo.test');
  await page.getByTestId('login-password').fill('sai-mat-khau');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-refused')).toHaveText('Thư điện tử hoặc mật khẩu không đúng.');
  await expect(page).toHaveURL(/\/login\?error=credentials&next=\/calls$/);
  await page.getByTestId('login-email').fill('chuyenvien@demo.test');
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page).toHaveURL(/\/calls$/);
  await expect(page.getByTestId('user-name')).toBeVisible();
  expect(addresses.filter((a) => a.includes('password') || a.includes('sai-mat-khau') || a.includes(DEMO_PASSWORD))).toEqual([]);
});
