import { expect, test, type Browser, type Page } from '@playwright/test';
import { open, signIn } from '../support/app';

async function as(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

/// Proposes a task in this year's open round, from the proposals page; leaves the page on it.
async function propose(page: Page, title: string) {
  await page.getByTestId('nav-proposals').click();
  await page.getByTestId('new-proposal').first().click();
  await expect(page.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');
  await page.getByTestId('wording-title').fill(title);
  await page.getByTestId('wording-objectives').fill('Quy trình lên men và sấy cà phê đặc sản cho hợp tác xã');
  await page.getByTestId('wording-products').fill('Quy trình chế biến | 01 quy trình; điểm cúp ≥ 80');
  await page.getByTestId('problem').fill('Cà phê bán thô, giá trị gia tăng thấp');
  await page.getByTestId('keywords').fill('cà phê; chế biến sâu');
  await page.getByTestId('field').fill('Khoa học nông nghiệp');
  await page.getByTestId('months').fill('24');
  await page.getByTestId('budget').fill('1.500.000.000');
  await page.getByTestId('save-proposal').click();
  await expect(page).toHaveURL(/\/proposals\/\d+$/);
  await expect(page.getByTestId('proposal-status')).toHaveText('Bản nháp');
  await expect(page.getByTestId('proposal-issue')).toHaveCount(0);
}

test('a commune proposes, an enterprise sees it flagged, a council of five votes to order it in its words, the leader orders it, the designated host applies', async ({ browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const title = `Chế biến sâu cà phê đặc sản xã Hòa Thắng ${stamp}`;
  const commune = await as(browser, 'xa@demo.test');
  await propose(commune, title);
  await commune.getByTestId('submit-proposal').click();
  await expect(commune.getByTestId('proposal-status')).toHaveText('Đã gửi');
  const path = new URL(commune.url()).pathname;

  // A close proposal is flagged beside the enterprise's, diacritics or not.
  const enterprise = await as(browser, 'doanhnghiep@demo.test');
  await propose(enterprise, `Nghiên cứu che bien sau ca phe dac san ${stamp}`);
  await expect(enterprise.getByTestId('similar')).toContainText(title);

  // The officer forms an identification council of five for the commune's proposal.
  const officer = await as(browser, 'chuyenvien@demo.test');
  await officer.getByTestId('nav-proposals').click();
  await officer.getByRole('link', { name: 'Đề xuất nhiệm vụ KH&CN cấp tỉnh năm 2027' }).click();
  await expect(officer).toHaveURL(/\/proposals\/rounds\/\d+$/);
  await expect(officer.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');
  const waiting = officer.getByTestId('waiting-proposals').locator('label');
  for (let i = 0; i < await waiting.count(); i++) {
    const row = waiting.nth(i);
    if (!(await row.textContent())?.includes(title)) await row.getByRole('checkbox').uncheck();
  }
  const councilName = `Hội đồng tư vấn xác định nhiệm vụ ${stamp}`;
  await officer.getByTestId('identification-name').fill(councilName);
  await officer.getByTestId('form-identification').click();
  await officer.getByRole('link', { name: councilName }).click();
  await expect(officer.getByTestId('identification-status')).toHaveText('Đang thành lập');
  const seats = [
    ['hoidong@demo.test', 'chair'], ['hoidong2@demo.test', 'vice_chair'], ['hoidong3@demo.test', 'secretary'],
    ['hoidong6@demo.test', 'member'], ['hoidong7@demo.test', 'member'],
  ];
  for (const [n, [email, seat]] of seats.entries()) {
    await officer.getByTestId('assessor-email').fill(email);
    await officer.getByTestId('assessor-role').selectOption(seat);
    await officer.getByTestId('seat-assessor').click();
    await expect(officer.getByTestId('assessor-row')).toHaveCount(n + 1);
  }
  const councilPath = new URL(officer.url()).pathname;
  const members: Page[] = [];
  for (const [email] of seats) {
    const m = await as(browser, email);
    await open(m, councilPath);
    await m.getByTestId('accept-seat').click();
    await expect(m.getByTestId('accept-seat')).toHaveCount(0);
    members.push(m);
  }
  await open(officer, councilPath);
  await officer.getByTestId('constitute-identification').click();
  await expect(officer.getByTestId('identification-status')).toHaveText('Đang chấm điểm');

  // Each member certifies, scores on the council's own criteria and votes on a sealed ballot.
  for (const m of members) {
    await open(m, councilPath);
    await m.getByTestId('judged-proposal').filter({ hasText: title }).getByTestId('open-ballot').click();
    await expect(m.getByTestId('ballot-proposal')).toContainText(title);
    await m.getByTestId('certify').check();
    for (const [k, v] of ['20', '16', '16', '12', '16'].entries()) await m.getByTestId(`score-${k}`).fill(v);
    await m.getByTestId('vote-order').check();
    await m.getByTestId('ballot-note').fill('Nên giao cho trường đại học có vùng thử nghiệm tại xã');
    await m.getByTestId('submit-ballot').click();
    await expect(m.getByTestId('ballot-locked')).toBeVisible();
    await m.context().close();
  }
  await open(officer, councilPath);
  for (const box of await officer.getByTestId('present').all()) {
    // Clicked, not check(): the row may be redrawn by the previous mark's refetch before the box
    // reads back; the change is sent all the same, and the box shows it once the page has it.
    await box.click();
    await expect(box).toBeChecked();
  }
  await officer.getByTestId('close-identification').click();
  await expect(officer.getByTestId('identification-status')).toHaveText('Đã kết thúc chấm');
  const judged = officer.getByTestId('judged-proposal').filter({ hasText: title });
  await expect(judged.getByTestId('count-mean')).toHaveText('80,00');
  await expect(judged.getByTestId('count-verdict')).toHaveText('Đề nghị đặt hàng');
  await officer.getByTestId('identification-minutes-link').click();
  await expect(officer.getByTestId('identification-minutes')).toContainText('BIÊN BẢN HỌP HỘI ĐỒNG TƯ VẤN XÁC ĐỊNH NHIỆM VỤ');
  await expect(officer.getByTestId('identification-minutes')).toContainText('Phiếu 5');

  // The officer records the council's conclusion: reworded, assigned to the university.
  await open(officer, path);
  await expect(officer.getByTestId('council-count')).toContainText('5 phiếu đề nghị đặt hàng');
  const council = officer.getByTestId('recommend-panel');
  await council.getByTestId('wording-title').fill(`${title} quy mô hợp tác xã`);
  await council.getByTestId('wording-method').selectOption({ label: 'Giao trực tiếp' });
  await council.getByTestId('host-search').fill('nông lâm');
  await council.getByTestId('wording-host').selectOption({ label: 'Trường Đại học Nông Lâm Sông Lam' });
  await council.getByTestId('wording-reason').fill('Đơn vị có vùng thử nghiệm tại xã');
  await council.getByTestId('council-note').fill('Cấp thiết, khả thi');
  await council.getByTestId('save-recommendation').click();
  await expect(officer.getByTestId('proposal-status')).toHaveText('Hội đồng đề nghị đặt hàng');
  await expect(officer.getByTestId('diff-added').first()).toContainText('quy mô hợp tác xã');

  // The leader approves the item, then issues the list.
  const leader = await as(browser, 'lanhdao@demo.test');
  await open(leader, path);
  await leader.getByTestId('approve-item').click();
  await expect(leader.getByTestId('proposal-status')).toHaveText('Được phê duyệt đặt hàng');
  await leader.getByRole('link', { name: 'Đề xuất nhiệm vụ KH&CN cấp tỉnh năm 2027' }).click();
  await expect(leader).toHaveURL(/\/proposals$/);
  await leader.getByRole('link', { name: 'Đề xuất nhiệm vụ KH&CN cấp tỉnh năm 2027' }).click();
  await expect(leader).toHaveURL(/\/proposals\/rounds\/\d+$/);
  await leader.getByTestId('decision-number').fill(`${stamp % 1000}/QĐ-SKHCN`);
  await leader.getByTestId('issue-list').click();
  await expect(leader.getByTestId('list-issued')).toBeVisible();

  // The ordered item becomes a direct assignment; the officer publishes it.
  await open(officer, path);
  await officer.getByTestId('open-call').click();
  await officer.getByTestId('ordered-call').click();
  await expect(officer.getByTestId('designated-host')).toHaveText('Trường Đại học Nông Lâm Sông Lam');
  await expect(officer.getByTestId('publication-issue')).toHaveCount(0);
  await officer.getByTestId('publish-call').click();
  await expect(officer.getByTestId('call-status')).toHaveText('Đã công bố');

  // The university's researcher answers it; the lifecycle runs from here as for any call.
  const researcher = await as(browser, 'nhakhoahoc@demo.test');
  await open(researcher, new URL(officer.url()).pathname);
  await researcher.getByTestId('start-application').click();
  await expect(researcher).toHaveURL(/\/applications\/\d+/);
});
