import { expect, test } from '@playwright/test';
import { open, signIn } from '../support/app';
import { call, submittedDossier } from '../support/dossier';

test('seven members score blind in their own browsers; the secretary closes; the chair sees the explained ranking', async ({ browser }) => {
  test.setTimeout(120_000);
  const title = `Chế phẩm vi sinh cải tạo đất ${Date.now()}`;
  const { id, callId } = await submittedDossier(browser, title);

  // The officer finds it valid and forms the council on the call's page.
  const officer = await (await browser.newContext()).newPage();
  await signIn(officer, 'chuyenvien@demo.test');
  await call(officer.request, 'applications/decide', { id, decision: 'Valid' });
  await open(officer, `/calls/${callId}`);
  const councilName = `Hội đồng tuyển chọn ${Date.now()}`;
  await officer.getByTestId('council-name').fill(councilName);
  await officer.getByTestId('create-council').click();
  await expect(officer.getByTestId('council')).toBeVisible();
  await expect(officer.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');
  await expect(officer.getByTestId('council-dossiers')).toContainText(title);

  const memberNames: Record<string, string> = {
    'hoidong@demo.test': 'Vũ Thị Lan Anh', 'hoidong2@demo.test': 'Trịnh Minh Khoa',
    'hoidong3@demo.test': 'Ngô Thị Bích Ngọc', 'hoidong4@demo.test': 'Đỗ Văn Thành',
    'hoidong5@demo.test': 'Phan Thu Hương', 'hoidong6@demo.test': 'Lý Quốc Bảo',
    'hoidong7@demo.test': 'Hà Thị Mai',
  };
  const members = [
    ['hoidong@demo.test', 'Chủ tịch'],
    ['hoidong2@demo.test', 'Phó Chủ tịch'],
    ['hoidong3@demo.test', 'Ủy viên thư ký khoa học'],
    ['hoidong4@demo.test', 'Ủy viên phản biện'],
    ['hoidong5@demo.test', 'Ủy viên phản biện'],
    ['hoidong6@demo.test', 'Ủy viên'],
    ['hoidong7@demo.test', 'Ủy viên'],
  ];
  for (const [n, [email, seat]] of members.entries()) {
    await officer.getByTestId('member-email').fill(email);
    await officer.getByTestId('member-role').selectOption({ label: seat });
    await officer.getByTestId('add-member').click();
    await expect(officer.getByTestId('council-members').locator('tbody tr')).toHaveCount(n + 1);
  }
  await expect(officer.getByTestId('council-members').locator('tbody tr')).toHaveCount(7);
  await expect(officer.getByTestId('composition-problems')).toHaveCount(0);
  const councilUrl = officer.url();
  // Not before every member has accepted the invitation.
  await officer.getByTestId('constitute').click();
  await expect(officer.getByTestId('error-members')).toContainText('chưa nhận lời mời');
  await officer.getByTestId('invite-members').click();
  await expect(officer.getByTestId('invitation').filter({ hasText: 'Đã mời, chờ trả lời' })).toHaveCount(7);

  // Each member, in their own browser, accepts the seat.
  const pages = [];
  for (const [email] of members) {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, email);
    // The invitation waits on the member's to-do list, which leads to the council.
    await page.getByTestId('todo').filter({ hasText: 'Hội đồng tuyển chọn chờ bạn trả lời lời mời hoặc nộp phiếu đánh giá: 1' }).getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`${new URL(councilUrl).pathname}$`));
    await page.getByTestId('accept-invitation').click();
    await expect(page.getByTestId('council-members').getByRole('row').filter({ hasText: memberNames[email] }).getByTestId('invitation')).toHaveText('Đã nhận lời');
    pages.push(page);
  }
  await open(officer, new URL(councilUrl).pathname);
  await officer.getByTestId('constitute').click();
  await expect(officer.getByTestId('council-status')).toHaveText('Đang chấm điểm');

  // Then certifies and scores.
  const scores = [
    ['12', '40', '28'], ['13', '42', '30'], ['11,5', '38', '27'], ['14', '45', '31'],
    ['10', '35', '25'], ['12', '41', '29'], ['13', '40', '30'],
  ];
  for (const [i, page] of pages.entries()) {
    await open(page, new URL(councilUrl).pathname);
    await page.getByTestId('council-dossiers').getByRole('listitem').filter({ hasText: title }).getByTestId('open-sheet').click();
    await page.getByTestId('certify-button').click();
    await expect(page.getByTestId('sheet')).toBeVisible();
    if (i === 0) {
      // Out of range is flagged at the criterion as the member types.
      await page.getByTestId('score-1').fill('51');
      await expect(page.getByTestId('problem-score-1')).toContainText('từ 0 đến 50');
      await expect(page.getByTestId('submit-sheet')).toBeDisabled();
    }
    for (const [k, v] of scores[i].entries()) await page.getByTestId(`score-${k}`).fill(v);
    await page.getByTestId('submit-sheet').click();
    await expect(page.getByTestId('sheet-saved')).toBeVisible();
    await page.context().close();
  }

  // The secretary closes; the chair sees the ranking and what each number comes from.
  const secretary = await (await browser.newContext()).newPage();
  await signIn(secretary, 'hoidong3@demo.test');
  await open(secretary, new URL(councilUrl).pathname);
  // Without the register the meeting has no quorum: refused with the reason.
  await secretary.getByTestId('close-scoring').click();
  await expect(secretary.getByTestId('error-attendance')).toContainText('Chưa đủ số thành viên');
  for (const [email] of members) {
    const box = secretary.getByTestId('council-members').getByRole('row').filter({ hasText: memberNames[email] }).getByTestId('present');
    // Clicked, not check(): the row may be redrawn by the previous mark's refetch before the box
    // reads back; the change is sent all the same, and the box shows it once the page has it.
    await box.click();
    await expect(box).toBeChecked();
  }
  await secretary.getByTestId('close-scoring').click();
  await expect(secretary.getByTestId('council-status')).toHaveText('Đã kết thúc chấm');

  const chair = await (await browser.newContext()).newPage();
  await signIn(chair, 'hoidong@demo.test');
  await chair.getByTestId('nav-councils').click();
  await chair.getByTestId('council-list').getByRole('link', { name: councilName }).click();
  await chair.getByTestId('open-results').click();
  const result = chair.getByTestId('result').filter({ hasText: title });
  await expect(result.getByTestId('result-verdict')).toContainText('Đạt');
  // (80 + 85 + 76,5 + 90 + 70 + 82 + 83) / 7 = 80,93
  await expect(result.getByTestId('result-mean')).toHaveText('80,93');
  await expect(result.locator('tbody tr')).toHaveCount(7);
  // Beside the official result, the chair's calibration view.
  await expect(chair.getByTestId('calibration')).toContainText('Độ lệch chuẩn');

  // The minutes, generated from the data: printable, and as a PDF download.
  await open(chair, new URL(councilUrl).pathname);
  await chair.getByTestId('open-minutes').click();
  const minutes = chair.getByTestId('minutes');
  await expect(minutes).toContainText('BIÊN BẢN HỌP HỘI ĐỒNG');
  await expect(minutes).toContainText(councilName);
  await expect(minutes).toContainText('80,93');
  await expect(minutes).toContainText('Hội đồng kiến nghị');
  // The print button works under the page's own CSP (no inline handler).
  await chair.evaluate(() => { (window as unknown as { printed: boolean }).printed = false; window.print = () => { (window as unknown as { printed: boolean }).printed = true; }; });
  await chair.getByTestId('print-minutes').click();
  expect(await chair.evaluate(() => (window as unknown as { printed: boolean }).printed)).toBe(true);
  const [download] = await Promise.all([
    chair.waitForEvent('download'),
    chair.getByTestId('minutes-pdf').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^bien-ban-hoi-dong-\d+\.pdf$/);
  const pdf = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of pdf) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-');
});
