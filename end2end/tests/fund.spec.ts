import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { open, signIn } from '../support/app';

const DEMO_CALL = 'Tuyển chọn nhiệm vụ KH&CN cấp tỉnh thực hiện từ năm 2027';

async function call(api: APIRequestContext, path: string, data: unknown) {
  const res = await api.post(`/api/${path}`, { data });
  expect(res.ok(), `${path}: ${await res.text()}`).toBeTruthy();
  return res.json();
}

async function signedIn(browser: Browser, email: string) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

/** A dossier on the demo call that a council of the seven demo members passed, made through the API. */
async function passedDossier(browser: Browser, title: string) {
  const researcher = await signedIn(browser, 'nhakhoahoc@demo.test');
  const calls = await call(researcher.request, 'public/open_calls', { page: 1 });
  const callId = calls.items.find((c: { title: string }) => c.title === DEMO_CALL).id;
  const id = await call(researcher.request, 'applications/create', { call_id: callId });
  const labour = (1.0 * 100 + 0.3 * 60) * 500000;
  await call(researcher.request, 'applications/save', {
    id,
    form: {
      title, field: 'Khoa học nông nghiệp', duration_months: 24, urgency: 'Cấp thiết', objectives: 'Mục tiêu',
      contents: [{ title: 'Nội dung 1', description: '' }], methods: 'Thực nghiệm',
      products: [{ kind: 'Report', name: 'Báo cáo', quantity: 1, quality_criterion: 'Đạt' }],
      risk_plan: 'Dự phòng',
      team: [
        { name: 'Phạm Thị Hồng Nhung', role: 'Leader', days: 100, email: '' },
        { name: 'Lê Văn An', role: 'ScientificSecretary', days: 60, email: '' },
      ],
      budget: [{ kind: 'Labour', description: 'Tiền công', amount_dong: labour, fund_dong: labour, counterpart_dong: 0, lump_sum: true }],
    },
  });
  await call(researcher.request, 'applications/submit', { id });
  const officer = await signedIn(browser, 'chuyenvien@demo.test');
  await call(officer.request, 'applications/decide', { id, decision: 'Valid' });
  const app = await call(officer.request, 'applications/get', { id });
  const council = await call(officer.request, 'councils/create', { call_id: callId, name: `Hội đồng ${Date.now()}`, receipt_codes: [app.receipt_code] });
  const seats = ['Chair', 'ViceChair', 'Secretary', 'Reviewer', 'Reviewer', 'Member', 'Member'];
  const emails = ['hoidong@demo.test', 'hoidong2@demo.test', 'hoidong3@demo.test', 'hoidong4@demo.test', 'hoidong5@demo.test', 'hoidong6@demo.test', 'hoidong7@demo.test'];
  for (const [i, email] of emails.entries()) await call(officer.request, 'councils/add_member', { council_id: council, email, role: seats[i] });
  await call(officer.request, 'councils/invite', { council_id: council });
  const members = [];
  for (const email of emails) {
    const m = await signedIn(browser, email);
    await call(m.request, 'councils/answer_invitation', { council_id: council, accept: true });
    members.push(m);
  }
  await call(officer.request, 'councils/constitute', { id: council });
  const view = await call(officer.request, 'councils/get', { id: council });
  for (const [i, m] of members.entries()) {
    await call(m.request, 'councils/certify', { council_id: council, application_id: id });
    await call(m.request, 'councils/save_sheet', { council_id: council, application_id: id, entry: { scores: [26, 84, 60], comments: ['', '', ''] }, review: '', submit: true });
    await call(officer.request, 'councils/attendance', { council_id: council, user_id: view.members[i].user_id, present: true });
  }
  await call(members[2].request, 'councils/close', { id: council });
  for (const p of [researcher, officer, ...members]) await p.context().close();
  return { id, fundDong: labour };
}

test('the fund pays a tranche under four eyes and the researcher sees the money on their task', async ({ browser }) => {
  test.setTimeout(120_000);
  const title = `Giống lúa chịu mặn ${Date.now()}`;
  const { id, fundDong } = await passedDossier(browser, title);
  const half = fundDong / 2;
  const money = (n: number) => `${n.toLocaleString('de-DE')} đ`;

  // The officer appraises the budget (nothing lowered here) on the dossier's page.
  const officer = await signedIn(browser, 'chuyenvien@demo.test');
  await open(officer, `/applications/${id}`);
  await expect(officer.getByTestId('task-standing')).toContainText('chờ thẩm định kinh phí');
  await officer.getByTestId('save-appraisal').click();
  await expect(officer.getByTestId('task-standing')).toContainText('chờ lãnh đạo phê duyệt');

  // The leader approves it and the approval decision downloads as a PDF.
  const leader = await signedIn(browser, 'lanhdao@demo.test');
  await leader.getByTestId('nav-tasks').click();
  const task = leader.getByTestId('task').filter({ hasText: title });
  await expect(leader.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');
  await task.getByTestId('approve-task').click();
  await expect(task).toContainText('Đã phê duyệt');
  const [decision] = await Promise.all([leader.waitForEvent('download'), task.getByTestId('decision-pdf').click()]);
  expect(decision.suggestedFilename()).toMatch(/^quyet-dinh-phe-duyet-\d+\.pdf$/);

  // The officer drafts the contract on the dossier's page: two tranches that must add up.
  await open(officer, `/applications/${id}`);
  await officer.getByTestId('tranche-amount-0').fill(String(half));
  await officer.getByTestId('tranche-amount-1').fill(String(half - 1));
  await officer.getByTestId('create-contract').click();
  await expect(officer.getByTestId('error-tranches')).toContainText('phải bằng kinh phí');
  await officer.getByTestId('tranche-amount-1').fill(String(half));
  await officer.getByTestId('create-contract').click();
  await expect(officer.getByTestId('task-money')).toContainText('Dự thảo, chưa ký');
  await officer.getByTestId('task-money').getByRole('link').click();
  await expect(officer.getByTestId('contract')).toBeVisible();
  const contractPath = new URL(officer.url()).pathname;

  // The accountant records the province's allocation.
  const accountant = await signedIn(browser, 'ketoan@demo.test');
  await accountant.getByTestId('nav-fund').click();
  await expect(accountant.getByTestId('receipt-form')).toBeVisible();
  await expect(accountant.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');
  await accountant.getByTestId('receipt-amount').fill('2.000.000.000');
  await accountant.getByTestId('receipt-document').fill('QĐ 45/QĐ-UBND ngày 10/01/2027');
  await accountant.getByTestId('record-receipt').click();
  await expect(accountant.getByTestId('receipt-amount')).toHaveValue('');

  // The leader signs: the money is committed.
  await open(leader, contractPath);
  await leader.getByTestId('sign-contract').click();
  await expect(leader.getByTestId('contract-status')).toHaveText('Đã ký, đang thực hiện');
  await expect(leader.getByTestId('contract-committed')).toHaveText(money(fundDong));

  // The accountant prepares tranche 1 and may not approve it.
  await open(accountant, contractPath);
  await accountant.getByTestId('payment-evidence').fill('Hợp đồng đã ký; giấy đề nghị tạm ứng');
  await accountant.getByTestId('tranche-1').getByTestId('prepare-payment').click();
  await expect(accountant.getByTestId('payment-status')).toHaveText('Chờ Giám đốc duyệt');
  await expect(accountant.getByTestId('approve-payment')).toHaveCount(0);
  const contract = await call(accountant.request, 'contracts/of_application', { application_id: id });
  const pending = (await call(accountant.request, 'contracts/get', { id: contract })).payments[0].id;
  const own = await accountant.request.post('/api/payments/approve', { data: { key: `own-${Date.now()}`, payment_id: pending } });
  expect(own.status()).toBe(403);

  // The director approves from the queue.
  const director = await signedIn(browser, 'giamdoc@demo.test');
  await director.getByTestId('nav-payments').click();
  const row = director.getByTestId('payment').filter({ hasText: money(half) }).first();
  await expect(row).toBeVisible();
  await expect(director.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');
  await row.getByTestId('approve-payment').click();
  await open(director, contractPath);
  await expect(director.getByTestId('payment-status')).toHaveText('Đã duyệt, đã chi');
  await expect(director.getByTestId('contract-disbursed')).toHaveText(money(half));

  // The researcher sees the money on their task.
  const researcher = await signedIn(browser, 'nhakhoahoc@demo.test');
  await open(researcher, `/applications/${id}`);
  await expect(researcher.getByTestId('task-paid')).toHaveText(money(half));

  // Reconciliation agrees.
  await open(director, '/fund/reconcile');
  await expect(director.getByTestId('reconcile-ok')).toContainText('Khớp');
});
