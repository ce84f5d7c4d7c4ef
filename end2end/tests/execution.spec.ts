import { expect, test } from '@playwright/test';
import { open } from '../support/app';
import { call, passedDossier, signedIn } from '../support/dossier';

const money = (n: number) => `${n.toLocaleString('de-DE')} đ`;

/**
 * The golden journey's second half, from a dossier a council passed to a closed task on the
 * public portal. The steps with journeys of their own (applying, scoring, approval, signing,
 * paying) go through the API here; every step of carrying out and closing the task goes through
 * the pages, each person in their own browser.
 */
test('a funded task is reported on, accepted, settled with a refund, registered, closed and published', async ({ browser }) => {
  test.setTimeout(180_000);
  const title = `Quy trình canh tác cà phê ${Date.now()}`;
  const materials = 40_000_000;
  const { id, fundDong, labour } = await passedDossier(browser, title, [
    { kind: 'MaterialsEnergy', description: 'Vật tư, phân bón', amount_dong: materials, fund_dong: materials, counterpart_dong: 0, lump_sum: false },
  ]);

  // Approval, contract (labour on signing, materials later), money in, signed, both tranches paid.
  const officer = await signedIn(browser, 'chuyenvien@demo.test');
  const leader = await signedIn(browser, 'lanhdao@demo.test');
  const accountant = await signedIn(browser, 'ketoan@demo.test');
  const director = await signedIn(browser, 'giamdoc@demo.test');
  await call(officer.request, 'tasks/appraise', { application_id: id, changes: [] });
  await call(leader.request, 'tasks/decide', { application_id: id, approve: true, reasons: '' });
  const contract = await call(officer.request, 'contracts/create', {
    application_id: id,
    tranches: [
      { amount_dong: labour, due_at: '2027-01-15T00:00:00Z', condition: 'Khi ký hợp đồng' },
      { amount_dong: materials, due_at: '2027-06-15T00:00:00Z', condition: 'Sau báo cáo kỳ 1' },
    ],
  });
  const stamp = Date.now();
  await call(accountant.request, 'fund/receive', { key: `rcpt-${stamp}`, source: 'StateBudget', amount_dong: 500_000_000, document: 'QĐ 12/QĐ-UBND', note: '' });
  await call(leader.request, 'contracts/sign', { id: contract, key: `sign-${stamp}` });
  for (const seq of [1, 2]) {
    const payment = await call(accountant.request, 'payments/prepare', { key: `pay-${stamp}-${seq}`, contract_id: contract, tranche_seq: seq, evidence: 'Đề nghị tạm ứng' });
    await call(director.request, 'payments/approve', { key: `ok-${stamp}-${seq}`, payment_id: payment });
  }
  const path = `/contracts/${contract}`;

  // The task's leader files the first progress report from the contract's page.
  const researcher = await signedIn(browser, 'nhakhoahoc@demo.test');
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

  // Acceptance: the final report with its evidence, then the host's self-evaluation.
  await open(researcher, path);
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
  const members = ['hoidong@demo.test', 'hoidong2@demo.test', 'hoidong3@demo.test', 'hoidong4@demo.test', 'hoidong5@demo.test'];
  await officer.getByTestId('council-emails').fill(members.join('\n'));
  await officer.getByTestId('name-council').click();
  await expect(officer.getByTestId('acceptance-members')).toContainText('Chủ tịch');
  for (const email of members.slice(0, 4)) {
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
