import { expect, test, type Page } from '@playwright/test';
import { open, signIn } from '../support/app';
import { newDraft } from '../support/dossier';
import { linkIn, mailCount, mailTo } from '../support/mail';

const DEMO_CALL = 'Tuyển chọn nhiệm vụ KH&CN cấp tỉnh thực hiện từ năm 2027';

async function fill(page: Page, testid: string, value: string) {
  await page.getByTestId(testid).fill(value);
}

test('a researcher drafts, fixes what the check flags and submits; the officer returns it; it is resubmitted and found valid', async ({ browser }) => {
  const title = `Ứng dụng chế phẩm sinh học ${Date.now()}`;
  const researcher = await newDraft(browser);

  await fill(researcher, 'title', title);
  await fill(researcher, 'field', 'Khoa học nông nghiệp');
  await fill(researcher, 'duration_months', '24');
  await fill(researcher, 'urgency', 'Đất trồng lúa bị thoái hóa do lạm dụng phân hóa học.');
  await fill(researcher, 'objectives', 'Quy trình canh tác giảm 30% phân hóa học.');
  await fill(researcher, 'methods', 'Thí nghiệm đồng ruộng ba vụ.');
  await fill(researcher, 'risk_plan', 'Dự phòng vụ thứ tư nếu thời tiết bất thường.');
  await researcher.getByTestId('add-content').click();
  await fill(researcher, 'contents-0-title', 'Khảo sát hiện trạng đất');
  // Each row's button says which row it removes.
  await expect(researcher.getByRole('button', { name: 'Xóa nội dung 1' })).toBeVisible();
  await researcher.getByTestId('add-product').click();
  await fill(researcher, 'products-0-name', 'Quy trình canh tác');
  await fill(researcher, 'products-0-quality_criterion', 'Được Hội đồng KH&CN tỉnh công nhận');

  // Two members, both still "leader": the check says so as the user types — not on a row just
  // added, before anything was typed in it.
  await researcher.getByTestId('add-member').click();
  await expect(researcher.getByTestId('team-0-days')).toBeVisible();
  await expect(researcher.getByTestId('problem-team')).toHaveCount(0);
  await fill(researcher, 'team-0-name', 'Phạm Thị Hồng Nhung');
  await fill(researcher, 'team-0-days', '100');
  await researcher.getByTestId('add-member').click();
  await fill(researcher, 'team-1-name', 'Lê Văn An');
  await fill(researcher, 'team-1-days', '60');
  await researcher.getByTestId('team-role-1').selectOption({ label: 'Thành viên' });
  await expect(researcher.getByTestId('problem-team')).toContainText('thư ký khoa học');
  await researcher.getByTestId('team-role-1').selectOption({ label: 'Thư ký khoa học' });
  await expect(researcher.getByTestId('problem-team')).toHaveCount(0);
  // 1,0 × 100 + 0,3 × 60 = 118 days at 500.000 đ.
  await expect(researcher.getByTestId('labour-total')).toContainText('59.000.000 đ');
  await researcher.getByTestId('sync-labour').click();

  // A line whose sources do not add up is flagged with the figures, then fixed.
  await researcher.getByTestId('add-budget-line').click();
  await fill(researcher, 'budget-1-description', 'Chế phẩm sinh học');
  await fill(researcher, 'budget-1-amount_dong', '40.000.000');
  await fill(researcher, 'budget-1-fund_dong', '30.000.000');
  await fill(researcher, 'budget-1-counterpart_dong', '5.000.000');
  await expect(researcher.getByTestId('problem-budget-1-fund_dong')).toContainText('40.000.000 đ');
  await fill(researcher, 'budget-1-counterpart_dong', '10.000.000');
  await expect(researcher.getByTestId('problem-budget-1-fund_dong')).toHaveCount(0);
  await expect(researcher.getByTestId('budget-totals')).toContainText('99.000.000 đ');
  await expect(researcher.getByTestId('issue-count')).toContainText('Còn 0 mục');
  await researcher.getByTestId('save-application').click();

  await expect(researcher.getByTestId('no-issues')).toBeVisible();

  // Files: a program renamed .pdf is refused at the field; a real PDF is kept against its document.
  await researcher.getByTestId('upload-document').selectOption({ label: 'Thuyết minh nhiệm vụ (B1-2a-TMĐTCN)' });
  await researcher.getByTestId('upload-file').setInputFiles({
    name: 'thuyet-minh.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00 not a pdf'),
  });
  await researcher.getByTestId('upload-submit').click();
  await expect(researcher.getByTestId('error-file')).toContainText('kiểm tra theo nội dung');
  await researcher.getByTestId('upload-file').setInputFiles({
    name: 'Thuyết minh.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n'),
  });
  await researcher.getByTestId('upload-submit').click();
  await expect(researcher.getByTestId('error-file')).toHaveCount(0);
  await expect(
    researcher.getByTestId('required-document').filter({ hasText: 'Thuyết minh nhiệm vụ' }).getByTestId('attachment'),
  ).toContainText('Thuyết minh.pdf');

  await researcher.getByTestId('submit-application').click();
  await expect(researcher.getByTestId('receipt')).toContainText('ĐX-');
  await expect(researcher.getByTestId('application-state')).toHaveText('Đã nộp');

  // The officer returns it for correction with a reason.
  const officer = await (await browser.newContext()).newPage();
  await signIn(officer, 'chuyenvien@demo.test');
  await officer.getByTestId('nav-review').click();
  await officer.getByRole('link', { name: title }).click();
  // The dossier's history: who did what, newest first.
  await expect(officer.getByTestId('history-panel').getByTestId('history-event').first()).toContainText('Nộp hồ sơ');
  // The officer reads the thuyết minh as written, without an editor.
  const content = officer.getByTestId('application-content');
  await expect(content.getByTestId('content-objectives')).toHaveText('Quy trình canh tác giảm 30% phân hóa học.');
  await expect(content.getByTestId('content-methods')).toHaveText('Thí nghiệm đồng ruộng ba vụ.');
  await expect(content.getByTestId('content-team')).toContainText('Lê Văn An');
  await expect(content.getByTestId('content-budget')).toContainText('Chế phẩm sinh học');
  await expect(officer.getByTestId('edit-application')).toHaveCount(0);
  await officer.getByLabel('Lý do (bắt buộc khi không hợp lệ hoặc trả lại)').fill('Bổ sung lý lịch khoa học của thư ký.');
  const sent = mailCount();
  await officer.getByTestId('decide-return').click();
  // Nothing is decided until the question beside the button is answered.
  await expect(officer.getByTestId('decide-return-question')).toContainText('Trả lại hồ sơ để bổ sung');
  await expect(officer.getByTestId('application-state')).toHaveText('Đã nộp');
  await officer.getByTestId('decide-return-confirm').click();
  await expect(officer.getByTestId('decision-recorded')).toContainText('Đã ghi kết luận');
  await expect(officer.getByTestId('application-state')).toHaveText('Trả lại để bổ sung');

  // The researcher is told by mail, with the link to the dossier, and in the app; sees why,
  // corrects, resubmits.
  const mail = await mailTo('nhakhoahoc@demo.test', 'được trả lại', sent);
  expect(mail.text).toContain('Bổ sung lý lịch khoa học của thư ký.');
  const dossier = new URL(linkIn(mail, 'http')).pathname;
  await open(researcher, '/');
  await expect(researcher.getByTestId('unread-count')).toBeVisible();
  await researcher.getByTestId('nav-notifications').click();
  const notice = researcher.getByTestId('notification').filter({ hasText: title }).first();
  await expect(notice.getByTestId('unread')).toBeVisible();
  await notice.getByRole('link').click();
  await expect(researcher).toHaveURL(new RegExp(`${dossier}$`));
  await expect(researcher.getByTestId('decisions')).toContainText('Bổ sung lý lịch khoa học của thư ký.');
  await researcher.getByTestId('edit-application').click();
  await fill(researcher, 'title', `${title} (bổ sung)`);
  await researcher.getByTestId('save-application').click();
  await researcher.getByTestId('submit-application').click();
  await expect(researcher.getByTestId('application-state')).toHaveText('Đã nộp');

  await officer.reload();
  await expect(officer.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');
  // The officer sees what changed between the two submissions.
  await expect(officer.getByTestId('change').filter({ hasText: 'Tên nhiệm vụ' })).toContainText('(bổ sung)');
  await officer.getByTestId('decide-valid').click();
  await officer.getByTestId('decide-valid-confirm').click();
  await expect(officer.getByTestId('application-state')).toHaveText('Hợp lệ');

  // The officer narrows the list to the call's valid dossiers and exports them to Excel.
  await officer.getByTestId('nav-review').click();
  const callOption = officer.getByTestId('filter-call').locator('option', { hasText: DEMO_CALL });
  await officer.getByTestId('filter-call').selectOption((await callOption.getAttribute('value'))!);
  await officer.getByTestId('filter-status').selectOption({ label: 'Hợp lệ' });
  await officer.getByTestId('filter-apply').click();
  await expect(officer).toHaveURL(/status=valid/);
  await expect(officer.getByRole('link', { name: `${title} (bổ sung)` })).toBeVisible();
  await expect(officer.getByTestId('application-status').filter({ hasNotText: 'Hợp lệ' })).toHaveCount(0);
  const download = officer.waitForEvent('download');
  await officer.getByTestId('export-xlsx').click();
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
});
