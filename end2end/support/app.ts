import { expect, type ConsoleMessage, type Page, type Request } from '@playwright/test';

export const DEMO_PASSWORD = 'demo-Khcn-2026';

export const DEMO_ACCOUNTS = [
  { email: 'quantri@demo.test', role: 'Quản trị hệ thống', admin: true },
  { email: 'chuyenvien@demo.test', role: 'Chuyên viên Sở KH&CN', admin: false },
  { email: 'lanhdao@demo.test', role: 'Lãnh đạo Sở', admin: false },
  { email: 'nhakhoahoc@demo.test', role: 'Nhà khoa học', admin: false },
  { email: 'chutri@demo.test', role: 'Tổ chức chủ trì', admin: false },
  { email: 'hoidong@demo.test', role: 'Thành viên hội đồng', admin: false },
  { email: 'ketoan@demo.test', role: 'Kế toán Quỹ', admin: false },
  { email: 'giamdoc@demo.test', role: 'Giám đốc Quỹ', admin: false },
  { email: 'khcn.dhnl@demo.test', role: 'Chuyên viên đơn vị quản lý', admin: false },
  { email: 'lanhdao.dhnl@demo.test', role: 'Lãnh đạo đơn vị quản lý', admin: false },
  { email: 'ketoan.dhnl@demo.test', role: 'Kế toán đơn vị quản lý', admin: false },
  { email: 'hieutruong.dhnl@demo.test', role: 'Chủ tài khoản đơn vị quản lý', admin: false },
] as const;

/**
 * Opens a page and waits until the WebAssembly has hydrated it. A page that does not wake says
 * why, as far as the browser knows: the errors the page logged or threw, the requests that
 * failed.
 */
export async function open(page: Page, url: string) {
  const seen: string[] = [];
  const onError = (e: Error) => seen.push(`page error: ${e.message}`);
  const onConsole = (m: ConsoleMessage) => { if (m.type() === 'error') seen.push(`console: ${m.text()}`); };
  const onFailed = (r: Request) => seen.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
  page.on('pageerror', onError);
  page.on('console', onConsole);
  page.on('requestfailed', onFailed);
  try {
    await page.goto(url);
    await expect(page.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');
  } catch (e) {
    throw new Error(`${url} did not wake: ${seen.join(' | ') || 'nothing logged'}\n${e}`);
  } finally {
    page.off('pageerror', onError);
    page.off('console', onConsole);
    page.off('requestfailed', onFailed);
  }
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await open(page, '/login');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-name')).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('nav-login')).toBeVisible();
}
