import { expect, test, type Browser } from '@playwright/test';
import { open, signIn } from '../support/app';

async function signedIn(browser: Browser, email: string) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

/**
 * The programme's dashboard: the Department of Industry and Trade enters this year's share of
 * OCOP products with registered trademarks with its evidence; the officer opens the evidence
 * and approves it; the leader sees the figure, its progress towards the 2030 target and the
 * charts; a visitor sees it on the public page.
 */
test('a unit enters a figure with evidence, the officer approves it, the leader and the public see it', async ({ browser }) => {
  const unit = await signedIn(browser, 'congthuong@demo.test');
  await unit.getByTestId('nav-programme').click();
  await expect(unit.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');
  const entry = unit.getByTestId('figure-entry');
  await entry.getByTestId('figure-indicator').selectOption({ label: 'Sản phẩm OCOP có nhãn hiệu được đăng ký (%)' });
  // A value as nobody writes a share is refused next to the field, nothing sent.
  await entry.getByTestId('figure-value').fill('bảy mươi');
  await entry.getByTestId('figure-file').setInputFiles({
    name: 'Báo cáo OCOP.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n'),
  });
  await entry.getByTestId('figure-submit').click();
  await expect(unit.getByTestId('error-value')).toContainText('tối đa hai chữ số thập phân');
  await entry.getByTestId('figure-value').fill('76,5');
  await entry.getByTestId('figure-note').fill('Tổng hợp từ 120 sản phẩm OCOP');
  await entry.getByTestId('figure-submit').click();
  await expect(unit.getByTestId('programme-notice')).toContainText('76,5 %, chờ Sở duyệt');

  const officer = await signedIn(browser, 'chuyenvien@demo.test');
  await open(officer, '/programme');
  const waiting = officer.getByTestId('pending-figure').filter({ hasText: 'Sản phẩm OCOP' });
  await expect(waiting.getByTestId('pending-value')).toHaveText('76,5 %');
  const evidence = await officer.request.get((await waiting.getByTestId('pending-evidence').getAttribute('href'))!);
  expect(evidence.status()).toBe(200);
  await waiting.getByTestId('approve-figure').click();
  await expect(officer.getByTestId('programme-notice')).toContainText('Đã duyệt');
  await expect(officer.getByTestId('pending-figure').filter({ hasText: 'Sản phẩm OCOP' })).toHaveCount(0);

  const leader = await signedIn(browser, 'lanhdao@demo.test');
  await open(leader, '/programme');
  const ocop = leader.locator('[data-testid="indicator"][data-code="ocop_trademarks"]');
  await expect(ocop.getByTestId('indicator-value')).toContainText(`76,5 % (${new Date().getFullYear()})`);
  // More than 85 %: 76,5 is 90 % of the way.
  await expect(ocop.getByTestId('progress-bar')).toHaveAttribute('data-percent', '90');
  await expect(leader.getByTestId('chart-funded')).toBeVisible();
  await expect(leader.getByTestId('chart-disbursed')).toBeVisible();
  await expect(leader.locator('[data-testid="metric"][data-metric="tasks_funded"][data-level="all"]')).toBeVisible();
  // How long the steps took: a row per step and level, this year's column last.
  await expect(leader.locator('[data-testid="duration"][data-step="application_to_contract"][data-level="all"]')).toBeVisible();
  await expect(leader.locator('[data-testid="duration"][data-step="acceptance_to_settlement"][data-level="grassroots"]')).toBeVisible();
  const year = new Date().getFullYear();
  const xlsx = await leader.request.get(`/exports/programme/${year}.xlsx`);
  expect(xlsx.status()).toBe(200);
  // The year-end report, from its link on the page.
  for (const [id, type] of [['year-report-xlsx', 'spreadsheetml'], ['year-report-pdf', 'application/pdf']]) {
    const href = await leader.getByTestId(id).getAttribute('href');
    expect(href).toBe(`/exports/report/${year}.${id.endsWith('pdf') ? 'pdf' : 'xlsx'}`);
    const file = await leader.request.get(href!);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain(type);
  }

  const visitor = await (await browser.newContext()).newPage();
  await open(visitor, '/public/tasks');
  await visitor.getByTestId('public-programme-link').click();
  const shown = visitor.locator('[data-testid="indicator"][data-code="ocop_trademarks"]');
  await expect(shown.getByTestId('indicator-value')).toContainText('76,5 %');
  await expect(visitor.getByTestId('pending-figures')).toHaveCount(0);
});
