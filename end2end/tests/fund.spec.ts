import { expect, test } from '@playwright/test';
import { open } from '../support/app';
import { call, passedDossier, signedIn } from '../support/dossier';


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
  // The approval's answer first: leaving the page would cancel the request in flight.
  // One press asks once more; cancelling leaves the payment waiting.
  await row.getByTestId('approve-payment').click();
  await row.getByTestId('approve-payment-cancel').click();
  await expect(row.getByTestId('payment-status')).toHaveText('Chờ Giám đốc duyệt');
  await row.getByTestId('approve-payment').click();
  await Promise.all([
    director.waitForResponse((r) => r.url().includes('/api/payments/approve') && r.ok()),
    row.getByTestId('approve-payment-confirm').click(),
  ]);
  // The queue reloads without the payment (empty, when it was the last) and the message stays.
  await expect(director.getByTestId('payment').filter({ hasText: money(half) })).toHaveCount(0);
  await expect(director.getByTestId('payment-approved')).toHaveText('Đã duyệt chi: khoản chi đã được ghi sổ.');
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
