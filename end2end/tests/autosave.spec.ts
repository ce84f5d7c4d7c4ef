import { expect, test } from '@playwright/test';
import { open } from '../support/app';
import { newDraft } from '../support/dossier';

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
  const researcher = await newDraft(browser);
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
