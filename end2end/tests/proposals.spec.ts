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

test('a commune proposes, an enterprise sees it flagged, the council rewords it, the leader orders it, the designated host applies', async ({ browser }) => {
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

  // The officer records the council's conclusion: reworded, assigned to the university.
  const officer = await as(browser, 'chuyenvien@demo.test');
  await open(officer, path);
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
