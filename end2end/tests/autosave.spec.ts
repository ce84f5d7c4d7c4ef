import { expect, test } from '@playwright/test';
import { open, signIn } from '../support/app';

const DEMO_CALL = 'Tuyển chọn nhiệm vụ KH&CN cấp tỉnh thực hiện từ năm 2027';

/** Whether the page asks before it is closed or reloaded now (its beforeunload is cancelled). */
async function asksBeforeLeaving(page: import('@playwright/test').Page): Promise<boolean> {
  return page.evaluate(() => {
    const ev = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(ev);
    return ev.defaultPrevented;
  });
}

test('the thuyết minh saves itself after a quiet spell and when the researcher leaves; the tab asks only while changes are unsaved', async ({ browser }) => {
  const title = `Tự động lưu ${Date.now()}`;
  const researcher = await (await browser.newContext()).newPage();
  await signIn(researcher, 'nhakhoahoc@demo.test');
  await researcher.getByRole('link', { name: DEMO_CALL }).click();
  await researcher.getByTestId('start-application').click();
  await expect(researcher.getByTestId('application-form')).toBeVisible();
  await expect(researcher.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');
  const editor = new URL(researcher.url()).pathname;
  const status = researcher.getByTestId('autosave');
  await expect(status).toHaveText('Chưa có thay đổi.');
  expect(await asksBeforeLeaving(researcher)).toBe(false);

  // Typed: unsaved, and closing the tab would ask.
  await researcher.getByTestId('title').fill(title);
  await expect(status).toHaveAttribute('data-dirty', 'true');
  expect(await asksBeforeLeaving(researcher)).toBe(true);
  // A few seconds later it is saved by itself, and nothing is asked.
  await expect(status).toContainText('Đã tự động lưu lúc', { timeout: 15_000 });
  expect(await asksBeforeLeaving(researcher)).toBe(false);
  await open(researcher, editor);
  await expect(researcher.getByTestId('title')).toHaveValue(title);

  // Typed and left at once for another page of the app: saved on the way out.
  await researcher.getByTestId('objectives').fill('Mục tiêu gõ ngay trước khi rời trang.');
  await Promise.all([
    researcher.waitForResponse((r) => r.url().includes('/api/applications/save') && r.ok()),
    researcher.getByTestId('nav-home').click(),
  ]);
  await open(researcher, editor);
  await expect(researcher.getByTestId('objectives')).toHaveValue('Mục tiêu gõ ngay trước khi rời trang.');
});
