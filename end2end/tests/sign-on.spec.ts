import { expect, test, type Browser, type Page } from '@playwright/test';
import { open } from '../support/app';

/** From the sign-in page, through the provider's own form as `login` (`e-mail[#name]`). */
async function throughProvider(browser: Browser, login: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await open(page, '/login');
  await page.getByTestId('sso-login').click();
  // The provider's page (oidc-provider's development sign-in form), on its own address.
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/interaction\//);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('mật khẩu ở nhà cung cấp');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  return page;
}

test('people sign in with the province identity provider: linked by a verified address, created when new, refused when unverified', async ({ browser }) => {
  // The demo researcher's address, verified by the provider: the same account, its own name.
  const known = await throughProvider(browser, 'nhakhoahoc@demo.test#Tên ở nhà cung cấp');
  await expect(known.getByTestId('user-name')).toBeVisible();
  await expect(known.getByTestId('user-name')).not.toHaveText('Tên ở nhà cung cấp');
  await expect(known.getByTestId('user-roles')).toHaveText('Nhà khoa học');
  await known.getByTestId('nav-applications').click();
  await expect(known.getByTestId('application-status').first()).toBeVisible();

  // Someone new: a researcher's account named as the provider says, who may apply at once.
  const newcomer = await throughProvider(browser, 'pham.thu.ha@demo.test#Phạm Thu Hà');
  await expect(newcomer.getByTestId('user-name')).toHaveText('Phạm Thu Hà');
  await expect(newcomer.getByTestId('user-roles')).toHaveText('Nhà khoa học');

  // An address the provider has not verified opens nothing, and says so in Vietnamese.
  const unverified = await throughProvider(browser, 'unverified:ai.do@demo.test');
  await expect(unverified).toHaveURL(/\/login\?error=sso_unverified/);
  await expect(unverified.getByTestId('login-refused')).toContainText('chưa xác minh địa chỉ thư điện tử');
  await expect(unverified.getByTestId('nav-login')).toBeVisible();
});
