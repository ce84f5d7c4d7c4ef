import { expect, test } from '@playwright/test';
import { open, signIn } from '../support/app';

test('an officer drafts a call, fixes what the check flags, publishes it, and the public sees it', async ({ browser }) => {
  const title = `Đợt thử nghiệm ${Date.now()}`;
  const officer = await (await browser.newContext()).newPage();
  await signIn(officer, 'chuyenvien@demo.test');
  await officer.getByTestId('nav-calls').click();
  await officer.getByTestId('new-call').click();
  await expect(officer.getByTestId('call-form')).toBeVisible();
  await expect(officer.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');

  // A bare draft saves, and the check lists what publication still needs.
  await officer.getByLabel('Tên đợt').fill(title);
  await officer.getByTestId('save-call').click();
  await expect(officer.getByTestId('call-status')).toHaveText('Bản nháp');
  await expect(officer.getByTestId('publication-issue').first()).toBeVisible();
  await expect(officer.getByTestId('publish-call')).toBeDisabled();

  await officer.getByTestId('edit-call').click();
  await officer.getByLabel('Mô tả').fill('Nhiệm vụ phục vụ chuyển đổi số của tỉnh.');
  await officer.getByLabel('Lĩnh vực (mỗi dòng một lĩnh vực)').fill('Khoa học máy tính');
  await officer.getByLabel('Chuyển đổi số').check();
  await officer.getByLabel('Hạn nộp hồ sơ (giờ Việt Nam, chính xác đến giây)').fill('2099-12-31T17:00:00');
  await officer.getByLabel('Kinh phí dự kiến (đồng)').fill('3000000000');
  await expect(officer.getByText('3.000.000.000 đ')).toBeVisible();
  await officer.getByLabel('Hồ sơ yêu cầu (mỗi dòng một tài liệu)').fill('Thuyết minh nhiệm vụ\nLý lịch khoa học');
  await officer.getByTestId('save-call').click();

  await expect(officer.getByTestId('call-deadline')).toHaveText('31/12/2099 17:00:00');
  await expect(officer.getByTestId('publication-issue')).toHaveCount(0);
  await officer.getByTestId('publish-call').click();
  await expect(officer.getByTestId('call-status')).toHaveText('Đã công bố');

  const visitor = await (await browser.newContext()).newPage();
  await open(visitor, '/');
  await expect(visitor.getByTestId('open-calls')).toContainText(title);
  await visitor.getByRole('link', { name: title }).click();
  await expect(visitor.getByTestId('call-status')).toHaveText('Đã công bố');
  await expect(visitor.getByTestId('edit-call')).toHaveCount(0);
});
