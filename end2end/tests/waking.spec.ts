import { expect, test, type Page } from '@playwright/test';
import { signIn } from '../support/app';
import { mailCount, mailTo } from '../support/mail';

/**
 * Opens `url` on a CPU slowed fourfold with the page's WebAssembly held back, so the page stays
 * asleep (server-rendered, not hydrated) until the returned function lets it wake.
 */
async function asleep(page: Page, url: string): Promise<() => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  let wake!: () => void;
  const woken = new Promise<void>((resolve) => { wake = resolve; });
  await page.route(/\/pkg\/.*\.wasm$/, async (route) => { await woken; await route.continue(); });
  await page.goto(url);
  await expect(page.getByTestId('app')).toHaveAttribute('data-hydrated', 'false');
  return async () => {
    wake();
    await expect(page.getByTestId('app')).toHaveAttribute('data-hydrated', 'true', { timeout: 30_000 });
  };
}

test('a visitor who types and registers before the page wakes loses nothing: the form is sent once it wakes', async ({ page }) => {
  const email = `som.${Date.now()}@demo.test`;
  const sent = mailCount();
  const wake = await asleep(page, '/register');
  await page.getByTestId('register-name').fill('Lê Sớm Mai');
  await page.getByTestId('register-email').fill(email);
  await page.getByTestId('register-password').fill('Mật khẩu gõ sớm 2026');
  await page.getByTestId('register-repeat').fill('Mật khẩu gõ sớm 2026');
  await page.getByTestId('register-submit').click();
  // Still asleep: the press is held (and shown busy), nothing was sent or put in the address.
  await expect(page.getByTestId('register-submit')).toHaveAttribute('aria-busy', 'true');
  await expect(page).toHaveURL(/\/register$/);
  await expect(page.getByTestId('app')).toHaveAttribute('data-hydrated', 'false');
  await wake();
  await expect(page.getByTestId('register-sent')).toBeVisible();
  const mail = await mailTo(email, 'Xác nhận đăng ký', sent);
  expect(mail.text).toContain('Lê Sớm Mai');
});

test('an officer who fills a new call before the page wakes finds every field kept and saved as typed', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, 'chuyenvien@demo.test');
  const title = `Đợt gõ trước khi trang sẵn sàng ${Date.now()}`;
  const wake = await asleep(page, '/calls/new');
  await page.getByLabel('Tên đợt').fill(title);
  await page.getByLabel('Mô tả').fill('Mô tả gõ khi trang chưa sẵn sàng.');
  await page.getByTestId('call-kind').selectOption('pilot_production');
  await wake();
  // Hydration put the page's own (empty) state into the fields; what was typed is back.
  await expect(page.getByLabel('Tên đợt')).toHaveValue(title);
  await expect(page.getByLabel('Mô tả')).toHaveValue('Mô tả gõ khi trang chưa sẵn sàng.');
  await page.getByTestId('save-call').click();
  await expect(page.getByTestId('call-status')).toHaveText('Bản nháp');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByTestId('call-kind')).toHaveText('Dự án sản xuất thử nghiệm');
});
