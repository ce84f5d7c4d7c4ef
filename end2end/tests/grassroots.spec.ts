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
  await unit.getByTestId('field-4').check(); // Khoa học nông nghiệp
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

test('a managing unit accepts its task with its own council, pays the rest from its own book and closes it', async ({ browser }) => {
  test.setTimeout(240_000);
  // The unit's officer finds its task's contract from its own book.
  const officer = await as(browser, 'khcn.dhnl@demo.test');
  await officer.getByTestId('nav-fund').click();
  await officer.getByRole('link', { name: 'Hợp đồng' }).click();
  await officer.getByTestId('contract-list').getByRole('row').filter({ hasText: 'Chế phẩm vi sinh xử lý vỏ cà phê' }).getByRole('link').click();
  await expect(officer.getByTestId('contract-payer')).toContainText('Trường Đại học Nông Lâm Sông Lam');
  const path = new URL(officer.url()).pathname;

  // The lecturer files the final report; the host organisation evaluates it.
  const lecturer = await as(browser, 'giangvien.dhnl@demo.test');
  await open(lecturer, path);
  await lecturer.getByTestId('final-report-input').fill('Báo cáo tổng hợp: chế phẩm đạt mật độ vi sinh 10⁸ CFU/g');
  await lecturer.getByTestId('evidence-0').fill('Phiếu kết quả thử nghiệm số 31/2028');
  await lecturer.getByTestId('submit-final').click();
  await expect(lecturer.getByTestId('final-report')).toContainText('chế phẩm đạt mật độ vi sinh');
  const host = await as(browser, 'chutri@demo.test');
  await open(host, path);
  await host.getByTestId('self-submit').click();
  await expect(host.getByTestId('self-evaluation')).toContainText('Đạt');

  // The unit's officer names a council of three (the grassroots rulebook's minimum), the
  // department's officer cannot; the three vote in their own browsers; the officer concludes.
  const department = await as(browser, 'chuyenvien@demo.test');
  await open(department, path);
  await expect(department.getByTestId('acceptance')).toBeVisible();
  await expect(department.getByTestId('council-form')).toHaveCount(0);
  await open(officer, path);
  const panel = ['hoidong5@demo.test', 'hoidong6@demo.test', 'hoidong7@demo.test'];
  await officer.getByTestId('council-emails').fill(panel.join('\n'));
  await officer.getByTestId('name-council').click();
  await expect(officer.getByTestId('acceptance-members')).toContainText('Chủ tịch');
  for (const email of panel) {
    const m = await as(browser, email);
    await open(m, path);
    await m.getByTestId('ballot-submit').click();
    await expect(m.getByTestId('my-ballot')).toContainText('Đạt');
    await m.context().close();
  }
  await open(officer, path);
  await expect(officer.getByTestId('ballot-count')).toContainText('3');
  await officer.getByTestId('conclude').click();
  await expect(officer.getByTestId('verdict')).toContainText('Đạt');

  // Settlement: the lump-sum labour by the accepted product, 30 of the 45 million for materials
  // by documents. Only the labour tranche was paid, so 30 million is owed to the host and 15
  // million goes back into the unit's own book. The unit's leader approves it.
  await open(lecturer, path);
  await lecturer.getByTestId('documented-1').fill('30.000.000');
  await lecturer.getByTestId('documents').fill('HĐ mua chủng vi sinh số 3/2028; hóa đơn 0045');
  await lecturer.getByTestId('declare').click();
  await expect(lecturer.getByTestId('declared-statement')).toContainText('30.000.000 đ');
  const leader = await as(browser, 'lanhdao.dhnl@demo.test');
  await open(leader, path);
  await leader.getByTestId('approve-settlement').click();
  await expect(leader.getByTestId('settled')).toHaveText('89.000.000 đ');
  await expect(leader.getByTestId('final-payment')).toHaveText('30.000.000 đ');
  await expect(leader.getByTestId('released')).toHaveText('15.000.000 đ');

  // The final payment, under four eyes, from the unit's book: its accountant prepares, its
  // account holder approves.
  const accountant = await as(browser, 'ketoan.dhnl@demo.test');
  await open(accountant, path);
  await accountant.getByTestId('payment-evidence').fill('Biên bản nghiệm thu; giấy đề nghị thanh toán');
  await accountant.getByTestId('tranche-3').getByTestId('prepare-payment').click();
  await expect(accountant.getByTestId('payment').filter({ hasText: '30.000.000 đ' })).toBeVisible();
  const holder = await as(browser, 'hieutruong.dhnl@demo.test');
  await open(holder, path);
  await holder.getByTestId('payment').filter({ hasText: '30.000.000 đ' }).getByTestId('approve-payment').click();
  await holder.getByTestId('approve-payment-confirm').click();
  await expect(holder.getByTestId('payment-status').filter({ hasText: 'Đã duyệt, đã chi' })).toHaveCount(2);
  await open(holder, path);
  await expect(holder.getByTestId('contract-disbursed')).toHaveText('89.000.000 đ');
  // The unit's book: of the 400 million in, 89 paid and settled, nothing left committed, the 15
  // released available again.
  await holder.getByTestId('nav-fund').click();
  await expect(holder.getByTestId('position-settled')).toHaveText('89.000.000 đ');
  await expect(holder.getByTestId('disbursed')).toHaveText('0 đ');
  await expect(holder.getByTestId('committed')).toHaveText('0 đ');
  await expect(holder.getByTestId('available')).toHaveText('311.000.000 đ');

  // The unit's officer registers the results and closes the task.
  await open(officer, path);
  await officer.getByTestId('certificate-number').fill('GCN-CS-01/2028');
  await officer.getByTestId('results-summary').fill('Chế phẩm vi sinh xử lý vỏ cà phê');
  await officer.getByTestId('register').click();
  await expect(officer.getByTestId('certificate')).toHaveText('GCN-CS-01/2028');
  await officer.getByTestId('close-task').click();
  await expect(officer.getByTestId('closed')).toBeVisible();
  await open(department, path);
  await expect(department.getByTestId('contract-status')).toHaveText('Đã thanh lý');
  await expect(department.getByTestId('certificate')).toHaveText('GCN-CS-01/2028');
});
