import { expect, test, type Browser, type Page } from '@playwright/test';
import { open, signIn } from '../support/app';


/// The officer, signed in, on a new call's form.
async function newCallForm(browser: Browser): Promise<Page> {
  const officer = await (await browser.newContext()).newPage();
  await signIn(officer, 'chuyenvien@demo.test');
  await officer.getByTestId('nav-calls').click();
  await officer.getByTestId('new-call').click();
  await expect(officer.getByTestId('call-form')).toBeVisible();
  await expect(officer.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');
  return officer;
}

/// Publishes the draft on the page: nothing left to fix, then the button.
async function publish(officer: Page) {
  await expect(officer.getByTestId('publication-issue')).toHaveCount(0);
  await officer.getByTestId('publish-call').click();
  await expect(officer.getByTestId('call-status')).toHaveText('Đã công bố');
}

/// The call form's fields a publication needs, besides the title.
async function fillCall(officer: Page, c: { summary: string; field: string; budget: string; documents: string }) {
  // `field`: a subfield's code (102 Khoa học máy tính và thông tin).
  await officer.getByLabel('Mô tả').fill(c.summary);
  // A field of science from the classification: a subfield, its field opened first.
  await officer.getByTestId(`subfields-${c.field[0]}`).click();
  await officer.getByTestId(`field-${c.field}`).check();
  await officer.getByLabel('Hạn nộp hồ sơ (giờ Việt Nam, chính xác đến giây)').fill('2099-12-31T17:00:00');
  await officer.getByLabel('Kinh phí dự kiến (đồng)').fill(c.budget);
  await officer.getByLabel('Hồ sơ yêu cầu (mỗi dòng một tài liệu)').fill(c.documents);
}

test('an officer drafts a call, fixes what the check flags, publishes it, and the public sees it', async ({ browser }) => {
  const title = `Đợt thử nghiệm ${Date.now()}`;
  const officer = await newCallForm(browser);

  // A bare draft saves, and the check lists what publication still needs.
  await officer.getByLabel('Tên đợt').fill(title);
  await officer.getByTestId('save-call').click();
  await expect(officer.getByTestId('call-status')).toHaveText('Bản nháp');
  await expect(officer.getByTestId('publication-issue').first()).toBeVisible();
  await expect(officer.getByTestId('publish-call')).toBeDisabled();

  await officer.getByTestId('edit-call').click();
  await fillCall(officer, {
    summary: 'Nhiệm vụ phục vụ chuyển đổi số của tỉnh.',
    field: '102',
    budget: '3000000000',
    documents: 'Thuyết minh nhiệm vụ\nLý lịch khoa học',
  });
  await officer.getByLabel('Chuyển đổi số').check();
  await officer.getByLabel('Loại nhiệm vụ').selectOption({ label: 'Dự án sản xuất thử nghiệm' });
  // The amount is grouped as it is typed.
  await expect(officer.getByLabel('Kinh phí dự kiến (đồng)')).toHaveValue('3.000.000.000');
  await officer.getByTestId('save-call').click();
  await expect(officer.getByTestId('call-facts')).toContainText('Khoa học máy tính và thông tin');

  await expect(officer.getByTestId('call-deadline')).toHaveText('31/12/2099 17:00:00');
  await expect(officer.getByTestId('call-kind')).toHaveText('Dự án sản xuất thử nghiệm');
  await publish(officer);

  const visitor = await (await browser.newContext()).newPage();
  await open(visitor, '/');
  await expect(visitor.getByTestId('open-calls')).toContainText(title);
  await visitor.getByRole('link', { name: title }).click();
  await expect(visitor.getByTestId('call-status')).toHaveText('Đã công bố');
  await expect(visitor.getByTestId('edit-call')).toHaveCount(0);
});

test('a direct assignment names its host organisation; a researcher of another one is told why they cannot apply', async ({ browser }) => {
  const title = `Giao trực tiếp ${Date.now()}`;
  const officer = await newCallForm(browser);
  await officer.getByLabel('Tên đợt').fill(title);
  await fillCall(officer, {
    summary: 'Đặt hàng giống cây trồng chịu hạn.',
    field: '406',
    budget: '900000000',
    documents: 'Thuyết minh nhiệm vụ',
  });
  await officer.locator('#formation').selectOption({ label: 'Đặt hàng – giao trực tiếp' });
  await officer.getByTestId('designated-search').fill('sinh học');
  await officer.getByTestId('designated').selectOption({ label: 'Viện Nghiên cứu Công nghệ sinh học và Môi trường' });
  await officer.getByTestId('save-call').click();
  await expect(officer.getByTestId('designated-host')).toHaveText('Viện Nghiên cứu Công nghệ sinh học và Môi trường');
  await publish(officer);

  // The demo researcher works at the university, not at the designated institute.
  const researcher = await (await browser.newContext()).newPage();
  await signIn(researcher, 'nhakhoahoc@demo.test');
  await open(researcher, new URL(officer.url()).pathname);
  await expect(researcher.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');
  await researcher.getByTestId('start-application').click();
  await expect(researcher.getByText('chỉ nhà khoa học của tổ chức đó được nộp hồ sơ').first()).toBeVisible();
  await expect(researcher).toHaveURL(/\/calls\/\d+$/);
});
