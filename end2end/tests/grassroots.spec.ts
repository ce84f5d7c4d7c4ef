import { expect, test, type Browser, type Page } from '@playwright/test';
import { open, signIn } from '../support/app';

async function as(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

test('a managing unit runs its own grassroots call; the department sees it and does not run it', async ({ browser }) => {
  const title = `Đề tài cấp trường ${Date.now()}`;
  const unit = await as(browser, 'khcn.dhnl@demo.test');
  await expect(unit.getByTestId('user-roles')).toHaveText('Chuyên viên đơn vị quản lý');
  // The unit's list holds its own calls only: the demo's grassroots call, not the province's.
  await unit.getByTestId('nav-calls').click();
  await expect(unit.getByTestId('call-list')).toContainText('Tuyển chọn đề tài KH&CN cấp cơ sở của Trường năm 2027');
  await expect(unit.getByTestId('call-list')).not.toContainText('Tuyển chọn nhiệm vụ KH&CN cấp tỉnh');
  // The unit's officer reads its own book, and nothing of the fund's.
  await expect(unit.getByTestId('nav-fund')).toBeVisible();

  await unit.getByTestId('new-call').click();
  await expect(unit.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');
  await unit.getByLabel('Tên đợt').fill(title);
  await unit.getByTestId('save-call').click();
  // A provincial call is the department's: refused by name at the level.
  await expect(unit.getByTestId('error-level')).toContainText('chỉ tổ chức nhiệm vụ cấp cơ sở');
  await unit.getByLabel('Cấp nhiệm vụ').selectOption({ label: 'Cấp cơ sở' });
  await unit.getByLabel('Mô tả').fill('Đề tài của giảng viên trẻ.');
  await unit.getByLabel('Lĩnh vực (mỗi dòng một lĩnh vực)').fill('Khoa học nông nghiệp');
  await unit.getByLabel('Hạn nộp hồ sơ (giờ Việt Nam, chính xác đến giây)').fill('2099-12-31T17:00:00');
  await unit.getByLabel('Kinh phí dự kiến (đồng)').fill('300000000');
  await unit.getByLabel('Hồ sơ yêu cầu (mỗi dòng một tài liệu)').fill('Thuyết minh đề tài cấp cơ sở');
  await unit.getByTestId('save-call').click();
  await expect(unit.getByTestId('call-status')).toHaveText('Bản nháp');
  await expect(unit.getByTestId('managing-unit')).toHaveText('Trường Đại học Nông Lâm Sông Lam');
  await expect(unit.getByTestId('publication-issue')).toHaveCount(0);
  await unit.getByTestId('publish-call').click();
  await expect(unit.getByTestId('call-status')).toHaveText('Đã công bố');
  const path = new URL(unit.url()).pathname;

  // The department's officer reads it, names the unit, and has nothing to edit.
  const officer = await as(browser, 'chuyenvien@demo.test');
  await officer.goto(path);
  await expect(officer.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');
  await expect(officer.getByTestId('managing-unit')).toHaveText('Trường Đại học Nông Lâm Sông Lam');
  await expect(officer.getByTestId('call-status')).toHaveText('Đã công bố');
  await expect(officer.getByTestId('edit-call')).toHaveCount(0);

  // The unit's leader approved the demo's grassroots task; the department's leader sees it decided.
  const leader = await as(browser, 'lanhdao.dhnl@demo.test');
  await leader.getByTestId('nav-tasks').click();
  const task = leader.getByTestId('task').filter({ hasText: 'Chế phẩm vi sinh xử lý vỏ cà phê' });
  await expect(task).toHaveCount(1);
  await expect(leader.getByTestId('task').filter({ hasText: 'Tái canh cà phê' })).toHaveCount(0);
  const department = await as(browser, 'lanhdao@demo.test');
  await department.getByTestId('nav-tasks').click();
  const seen = department.getByTestId('task').filter({ hasText: 'Chế phẩm vi sinh xử lý vỏ cà phê' });
  await expect(seen).toHaveCount(1);
  await expect(seen.getByTestId('approve-task')).toHaveCount(0);

  // The unit pays its task from its own book: its accountant lands in it and records there; the
  // fund's accountant sees it beside the fund's and keeps nothing in it.
  const accountant = await as(browser, 'ketoan.dhnl@demo.test');
  await expect(accountant.getByTestId('user-roles')).toHaveText('Kế toán đơn vị quản lý');
  await accountant.getByTestId('nav-fund').click();
  await expect(accountant.getByTestId('book-title')).toHaveText('Sổ kinh phí riêng: Trường Đại học Nông Lâm Sông Lam');
  await expect(accountant.getByTestId('received')).toHaveText('400.000.000 đ');
  await expect(accountant.getByTestId('receipt-form')).toBeVisible();
  await expect(accountant.getByTestId('receipt-source')).toHaveCount(0);
  await expect(accountant.getByTestId('book-tabs')).toHaveCount(0);
  await expect(accountant.getByTestId('transfers')).toContainText('QĐ 215/QĐ-ĐHNL');
  const fundAccountant = await as(browser, 'ketoan@demo.test');
  await fundAccountant.getByTestId('nav-fund').click();
  await expect(fundAccountant.getByTestId('transfers')).not.toContainText('QĐ 215/QĐ-ĐHNL');
  await fundAccountant.getByTestId('book-tabs').getByRole('link', { name: 'Trường Đại học Nông Lâm Sông Lam' }).click();
  await expect(fundAccountant.getByTestId('book-title')).toContainText('Trường Đại học Nông Lâm Sông Lam');
  await expect(fundAccountant.getByTestId('received')).toHaveText('400.000.000 đ');
  await expect(fundAccountant.getByTestId('receipt-form')).toHaveCount(0);

  // The public portal counts the levels apart and together, and lists the unit's task.
  const visitor = await (await browser.newContext()).newPage();
  await open(visitor, '/public/tasks');
  await expect(visitor.getByTestId('level-grassroots')).toHaveText('Cấp cơ sở (1)');
  await expect(visitor.getByTestId('level-provincial')).toContainText('Cấp tỉnh (');
  await visitor.getByTestId('level-grassroots').click();
  await expect(visitor).toHaveURL(/level=grassroots/);
  const row = visitor.getByTestId('public-task').filter({ hasText: 'Chế phẩm vi sinh xử lý vỏ cà phê' });
  await expect(row.getByTestId('public-level')).toHaveText('Cấp cơ sở · Trường Đại học Nông Lâm Sông Lam');
  await expect(visitor.getByTestId('public-task')).toHaveCount(1);
});
