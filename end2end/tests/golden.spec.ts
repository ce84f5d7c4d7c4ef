import { expect, test, type Browser, type Page } from '@playwright/test';
import { open, signIn } from '../support/app';

const money = (n: number) => `${n.toLocaleString('de-DE')} đ`;

async function signedIn(browser: Browser, email: string) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

async function fill(page: Page, testid: string, value: string) {
  await page.getByTestId(testid).fill(value);
}

/**
 * The golden journey, every step in the pages, each person in their own browser: a call opens,
 * a researcher applies, the officer validates, a council of seven scores, the budget is
 * appraised and the leader approves, the contract is signed, the accountant prepares and the
 * director approves the tranches, a progress report, an amendment, acceptance, settlement by
 * products with a refund, registration, closing, and the task on the public portal. (Error
 * paths have their own journeys.)
 */
test('the golden journey: from a call to a closed task on the public portal', async ({ browser }) => {
  test.setTimeout(420_000);
  const stamp = Date.now();
  const callTitle = `Đợt đặt hàng nông nghiệp ${stamp}`;
  const title = `Quy trình canh tác cà phê ${stamp}`;
  const labour = 59_000_000;
  const materials = 40_000_000;
  const fundDong = labour + materials;

  // A call opens.
  const officer = await signedIn(browser, 'chuyenvien@demo.test');
  await officer.getByTestId('nav-calls').click();
  await officer.getByTestId('new-call').click();
  await expect(officer.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');
  await officer.getByLabel('Tên đợt').fill(callTitle);
  await officer.getByLabel('Mô tả').fill('Nhiệm vụ nông nghiệp công nghệ cao.');
  await officer.getByTestId('field-4').check(); // Khoa học nông nghiệp
  await officer.getByLabel('Hạn nộp hồ sơ (giờ Việt Nam, chính xác đến giây)').fill('2099-12-31T17:00:00');
  await officer.getByLabel('Kinh phí dự kiến (đồng)').fill('3000000000');
  await officer.getByLabel('Hồ sơ yêu cầu (mỗi dòng một tài liệu)').fill('Thuyết minh nhiệm vụ');
  await officer.getByTestId('save-call').click();
  await expect(officer.getByTestId('publication-issue')).toHaveCount(0);
  await officer.getByTestId('publish-call').click();
  await expect(officer.getByTestId('call-status')).toHaveText('Đã công bố');
  const callPath = new URL(officer.url()).pathname;

  // A researcher applies: the labour line lump-sum, materials settled by documents.
  const researcher = await signedIn(browser, 'nhakhoahoc@demo.test');
  await researcher.getByRole('link', { name: callTitle }).click();
  await researcher.getByTestId('start-application').click();
  await expect(researcher.getByTestId('application-form')).toBeVisible();
  await expect(researcher.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');
  await fill(researcher, 'title', title);
  await fill(researcher, 'field', 'Khoa học nông nghiệp');
  await fill(researcher, 'duration_months', '24');
  await fill(researcher, 'urgency', 'Cà phê già cỗi, năng suất giảm.');
  await fill(researcher, 'objectives', 'Quy trình tái canh cà phê bền vững.');
  await fill(researcher, 'methods', 'Mô hình trình diễn hai vụ.');
  await fill(researcher, 'risk_plan', 'Dự phòng vụ thứ ba.');
  await researcher.getByTestId('add-content').click();
  await fill(researcher, 'contents-0-title', 'Xây dựng mô hình');
  await researcher.getByTestId('add-product').click();
  await fill(researcher, 'products-0-name', 'Quy trình canh tác');
  await fill(researcher, 'products-0-quality_criterion', 'Được Hội đồng KH&CN tỉnh công nhận');
  await researcher.getByTestId('add-member').click();
  await fill(researcher, 'team-0-name', 'Phạm Thị Hồng Nhung');
  await fill(researcher, 'team-0-days', '100');
  await researcher.getByTestId('add-member').click();
  await fill(researcher, 'team-1-name', 'Lê Văn An');
  await fill(researcher, 'team-1-days', '60');
  await researcher.getByTestId('team-role-1').selectOption({ label: 'Thư ký khoa học' });
  await expect(researcher.getByTestId('labour-total')).toContainText(money(labour));
  await researcher.getByTestId('sync-labour').click();
  await researcher.getByTestId('add-budget-line').click();
  await fill(researcher, 'budget-1-description', 'Vật tư, phân bón');
  await fill(researcher, 'budget-1-amount_dong', '40.000.000');
  await fill(researcher, 'budget-1-fund_dong', '40.000.000');
  await fill(researcher, 'budget-1-counterpart_dong', '0');
  await researcher.getByTestId('budget-1-lump_sum').uncheck();
  await expect(researcher.getByTestId('issue-count')).toContainText('Còn 0 mục');
  await researcher.getByTestId('save-application').click();
  await expect(researcher.getByTestId('no-issues')).toBeVisible();
  await researcher.getByTestId('submit-application').click();
  await expect(researcher.getByTestId('application-state')).toHaveText('Đã nộp');
  const dossierPath = new URL(researcher.url()).pathname;

  // The officer finds it valid and forms a council of seven for the call.
  await officer.getByTestId('nav-review').click();
  await officer.getByRole('link', { name: title }).click();
  await officer.getByTestId('decide-valid').click();
  await officer.getByTestId('decide-valid-confirm').click();
  await expect(officer.getByTestId('decision-recorded')).toBeVisible();
  await expect(officer.getByTestId('application-state')).toHaveText('Hợp lệ');
  await open(officer, callPath);
  await officer.getByTestId('council-name').fill(`Hội đồng tuyển chọn ${stamp}`);
  await officer.getByTestId('create-council').click();
  await expect(officer.getByTestId('council-dossiers')).toContainText(title);
  await expect(officer.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');
  const seats = [
    ['hoidong@demo.test', 'Chủ tịch', 'Vũ Thị Lan Anh'], ['hoidong2@demo.test', 'Phó Chủ tịch', 'Trịnh Minh Khoa'],
    ['hoidong3@demo.test', 'Ủy viên thư ký khoa học', 'Ngô Thị Bích Ngọc'], ['hoidong4@demo.test', 'Ủy viên phản biện', 'Đỗ Văn Thành'],
    ['hoidong5@demo.test', 'Ủy viên phản biện', 'Phan Thu Hương'], ['hoidong6@demo.test', 'Ủy viên', 'Lý Quốc Bảo'],
    ['hoidong7@demo.test', 'Ủy viên', 'Hà Thị Mai'],
  ];
  for (const [n, [email, seat]] of seats.entries()) {
    await officer.getByTestId('member-email').fill(email);
    await officer.getByTestId('member-role').selectOption({ label: seat });
    await officer.getByTestId('add-member').click();
    await expect(officer.getByTestId('council-members').locator('tbody tr')).toHaveCount(n + 1);
  }
  await officer.getByTestId('invite-members').click();
  await expect(officer.getByTestId('invitation').filter({ hasText: 'Đã mời, chờ trả lời' })).toHaveCount(7);
  const councilPath = new URL(officer.url()).pathname;
  const members: Page[] = [];
  for (const [email, , name] of seats) {
    const m = await signedIn(browser, email);
    await open(m, councilPath);
    await m.getByTestId('accept-invitation').click();
    await expect(m.getByTestId('council-members').getByRole('row').filter({ hasText: name }).getByTestId('invitation')).toHaveText('Đã nhận lời');
    members.push(m);
  }
  await open(officer, councilPath);
  await officer.getByTestId('constitute').click();
  await expect(officer.getByTestId('council-status')).toHaveText('Đang chấm điểm');
  for (const m of members) {
    await open(m, councilPath);
    await m.getByTestId('council-dossiers').getByRole('listitem').filter({ hasText: title }).getByTestId('open-sheet').click();
    await m.getByTestId('certify-button').click();
    for (const [k, v] of ['13', '42', '30'].entries()) await m.getByTestId(`score-${k}`).fill(v);
    await m.getByTestId('submit-sheet').click();
    await expect(m.getByTestId('sheet-saved')).toBeVisible();
  }
  const secretary = members[2];
  await open(secretary, councilPath);
  for (const [, , name] of seats) {
    const box = secretary.getByTestId('council-members').getByRole('row').filter({ hasText: name }).getByTestId('present');
    // Clicked, not check(): the row may be redrawn by the previous mark's refetch before the box
    // reads back; the change is sent all the same, and the box shows it once the page has it.
    await box.click();
    await expect(box).toBeChecked();
  }
  await secretary.getByTestId('close-scoring').click();
  await expect(secretary.getByTestId('council-status')).toHaveText('Đã kết thúc chấm');
  for (const m of members) await m.context().close();

  // The budget is appraised, the leader approves, the officer drafts the contract.
  await open(officer, dossierPath);
  await officer.getByTestId('save-appraisal').click();
  await expect(officer.getByTestId('task-standing')).toContainText('chờ lãnh đạo phê duyệt');
  const leader = await signedIn(browser, 'lanhdao@demo.test');
  await leader.getByTestId('nav-tasks').click();
  await expect(leader.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');
  const task = leader.getByTestId('task').filter({ hasText: title });
  await task.getByTestId('approve-task').click();
  await expect(task).toContainText('Đã phê duyệt');
  await open(officer, dossierPath);
  await officer.getByTestId('tranche-amount-0').fill(String(labour));
  await officer.getByTestId('tranche-amount-1').fill(String(materials));
  await officer.getByTestId('create-contract').click();
  await expect(officer.getByTestId('task-money')).toContainText('Dự thảo, chưa ký');
  await officer.getByTestId('task-money').getByRole('link').click();
  await expect(officer.getByTestId('contract')).toBeVisible();
  const path = new URL(officer.url()).pathname;
  const contract = Number(path.split('/').pop());

  // Money in, the leader signs, the accountant prepares both tranches, the director approves.
  const accountant = await signedIn(browser, 'ketoan@demo.test');
  await accountant.getByTestId('nav-fund').click();
  await expect(accountant.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');
  await accountant.getByTestId('receipt-amount').fill('500.000.000');
  await accountant.getByTestId('receipt-document').fill('QĐ 12/QĐ-UBND');
  await accountant.getByTestId('record-receipt').click();
  await expect(accountant.getByTestId('receipt-amount')).toHaveValue('');
  await open(leader, path);
  await leader.getByTestId('sign-contract').click();
  await expect(leader.getByTestId('contract-status')).toHaveText('Đã ký, đang thực hiện');
  await open(accountant, path);
  for (const seq of [1, 2]) {
    await accountant.getByTestId('payment-evidence').fill(`Giấy đề nghị tạm ứng đợt ${seq}`);
    await accountant.getByTestId(`tranche-${seq}`).getByTestId('prepare-payment').click();
    await expect(accountant.getByTestId('payment-status')).toHaveCount(seq);
  }
  const director = await signedIn(browser, 'giamdoc@demo.test');
  await open(director, path);
  for (const [n, amount] of [labour, materials].entries()) {
    const row = director.getByTestId('payment').filter({ hasText: money(amount) });
    await row.getByTestId('approve-payment').click();
    await expect(row.getByTestId('approve-payment-question')).toContainText('Duyệt và ghi sổ');
    await row.getByTestId('approve-payment-confirm').click();
    await expect(director.getByTestId('payment-approved')).toBeVisible();
    await expect(director.getByTestId('payment-status').filter({ hasText: 'Đã duyệt, đã chi' })).toHaveCount(n + 1);
  }
  await open(director, path);
  await expect(director.getByTestId('contract-disbursed')).toHaveText(money(fundDong));


  // The task's leader files the first progress report from the contract's page.
  await open(researcher, path);
  await expect(researcher.getByTestId('period-1')).toContainText('Chưa nộp');
  await researcher.getByTestId('work-done').fill('Khảo sát 3 huyện, bố trí 2 mô hình');
  await researcher.getByTestId('product-percent-0').fill('40');
  await researcher.getByTestId('spent').fill(String(fundDong + 1));
  await researcher.getByTestId('file-report').click();
  await expect(researcher.getByTestId('error-spent_dong')).toBeVisible();
  await researcher.getByTestId('spent').fill('30.000.000');
  await researcher.getByTestId('file-report').click();
  await expect(researcher.getByTestId('period-1')).toContainText('Chờ xem xét');

  // The officer accepts it and records an inspection.
  await open(officer, path);
  await officer.getByTestId('accept-report').click();
  await expect(officer.getByTestId('period-1')).toContainText('Đã chấp nhận');
  await officer.getByTestId('inspected-on').fill(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' }));
  await officer.getByTestId('findings').fill('Mô hình đúng tiến độ');
  await officer.getByTestId('record-inspection').click();
  await expect(officer.getByTestId('inspection')).toContainText('Mô hình đúng tiến độ');

  // A small amendment: three months more, asked by the task's leader, approved by the officer;
  // the contract's next version.
  await open(researcher, path);
  await researcher.getByTestId('extension-months').fill('3');
  await researcher.getByTestId('request-amendment').click();
  await expect(researcher.getByTestId('error-reason')).toBeVisible();
  await researcher.getByTestId('amendment-reason').fill('Mùa mưa đến sớm, lùi vụ trồng');
  await researcher.getByTestId('request-amendment').click();
  await expect(researcher.getByTestId('amendment')).toContainText('Chờ duyệt');
  await open(officer, path);
  await officer.getByTestId('approve-amendment').click();
  await expect(officer.getByTestId('contract-version')).toContainText('2');

  // Acceptance: the evidence as a file, the final report, then the host's self-evaluation.
  await open(researcher, path);
  await researcher.getByTestId('upload-document').selectOption({ label: 'Minh chứng sản phẩm (hồ sơ nghiệm thu)' });
  await researcher.getByTestId('upload-file').setInputFiles({
    name: 'Quy trình tái canh.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n'),
  });
  await researcher.getByTestId('upload-submit').click();
  await expect(researcher.getByTestId('task-files').getByTestId('attachment')).toContainText('Quy trình tái canh.pdf');
  // Read back byte for byte, twice: behind the load balancer one of the two reads reaches the
  // instance that did not store it (playwright.balanced.config.ts).
  const fileHref = await researcher.getByTestId('task-files').getByRole('link', { name: 'Quy trình tái canh.pdf' }).getAttribute('href');
  for (let read = 0; read < 2; read++) {
    const file = await researcher.request.get(fileHref!);
    expect(file.status()).toBe(200);
    expect((await file.body()).toString()).toBe('%PDF-1.7\n%%EOF\n');
  }
  await researcher.getByTestId('final-report-input').fill('Báo cáo tổng hợp kết quả nhiệm vụ');
  await researcher.getByTestId('evidence-0').fill('Báo cáo số 12/2028, lưu tại Viện');
  await researcher.getByTestId('submit-final').click();
  await expect(researcher.getByTestId('final-report')).toContainText('Báo cáo tổng hợp kết quả');
  const host = await signedIn(browser, 'chutri@demo.test');
  await open(host, path);
  await host.getByTestId('self-submit').click();
  await expect(host.getByTestId('self-evaluation')).toContainText('Đạt');

  // The officer names a council of five; four vote in their own browsers; the verdict follows
  // the 3/4 rule.
  await open(officer, path);
  const panel = ['hoidong@demo.test', 'hoidong2@demo.test', 'hoidong3@demo.test', 'hoidong4@demo.test', 'hoidong5@demo.test'];
  await officer.getByTestId('council-emails').fill(panel.join('\n'));
  await officer.getByTestId('name-council').click();
  await expect(officer.getByTestId('acceptance-members')).toContainText('Chủ tịch');
  for (const email of panel.slice(0, 4)) {
    const m = await signedIn(browser, email);
    await open(m, path);
    await m.getByTestId('ballot-submit').click();
    await expect(m.getByTestId('my-ballot')).toContainText('Đạt');
    await m.context().close();
  }
  await open(officer, path);
  await expect(officer.getByTestId('ballot-count')).toContainText('4');
  await officer.getByTestId('conclude').click();
  await expect(officer.getByTestId('verdict')).toContainText('Đạt');
  await officer.getByTestId('acceptance-minutes-link').click();
  await expect(officer.getByTestId('acceptance-minutes')).toContainText('BIÊN BẢN HỌP HỘI ĐỒNG NGHIỆM THU');
  const pdf = await officer.request.get(`/exports/contracts/${contract}/acceptance.pdf`);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // Settlement by products for the lump-sum labour, by documents for materials: 30 of the
  // 40 million documented, so 10 million comes back.
  await open(researcher, path);
  await researcher.getByTestId('documented-1').fill('30.000.000');
  await researcher.getByTestId('declare').click();
  await expect(researcher.getByTestId('error-documents')).toBeVisible();
  await researcher.getByTestId('documents').fill('HĐ mua vật tư số 5/2027; hóa đơn 0012');
  await researcher.getByTestId('declare').click();
  await expect(researcher.getByTestId('declared-statement')).toContainText(money(10_000_000));
  await open(leader, path);
  await leader.getByTestId('approve-settlement').click();
  await expect(leader.getByTestId('refund')).toHaveText(money(10_000_000));
  await expect(leader.getByTestId('settled')).toHaveText(money(fundDong - 10_000_000));

  // The accountant records the refund; the officer registers the results and closes.
  await open(accountant, path);
  await accountant.getByTestId('refund-document').fill('Giấy nộp tiền số 7');
  await accountant.getByTestId('record-refund').click();
  await expect(accountant.getByTestId('refund-outstanding')).toHaveText(money(0));
  const certificate = `GCN-${stamp}`;
  await open(officer, path);
  // Not registered yet: nothing to close (the server refuses it too).
  await expect(officer.getByTestId('register-form')).toBeVisible();
  await expect(officer.getByTestId('close-task')).toHaveCount(0);
  await officer.getByTestId('certificate-number').fill(certificate);
  await officer.getByTestId('results-summary').fill('Quy trình canh tác cà phê bền vững');
  await officer.getByTestId('register').click();
  await expect(officer.getByTestId('certificate')).toHaveText(certificate);
  await officer.getByTestId('close-task').click();
  await expect(officer.getByTestId('closed')).toBeVisible();
  await open(officer, path);
  await expect(officer.getByTestId('contract-status')).toHaveText('Đã thanh lý');

  // Anyone finds it on the public portal, with the amounts and the registered result.
  const visitor = await (await browser.newContext()).newPage();
  await open(visitor, '/public/tasks?status=closed');
  const row = visitor.getByTestId('public-task').filter({ hasText: title });
  await expect(row).toContainText(certificate);
  await expect(row.getByTestId('public-paid')).toHaveText(money(fundDong));
  await expect(row).toContainText('Đạt');
  const csv = await visitor.request.get('/open-data/tasks.csv');
  expect(await csv.text()).toContain(certificate);
});
