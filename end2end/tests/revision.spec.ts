import { expect, test } from '@playwright/test';
import { open } from '../support/app';
import { passedDossier, signedIn } from '../support/dossier';

test('the council asks for changes; the researcher revises the dossier and sends it; only then is the budget appraised', async ({ browser }) => {
  test.setTimeout(120_000);
  const title = `Chè shan tuyết cổ thụ ${Date.now()}`;
  const { id } = await passedDossier(browser, title);

  // The officer records the council's requests: appraisal waits.
  const officer = await signedIn(browser, 'chuyenvien@demo.test');
  await open(officer, `/applications/${id}`);
  await officer.getByTestId('revision-requests').fill('Bổ sung phương pháp lấy mẫu; đổi tên cho sát nội dung.');
  await officer.getByTestId('save-revision-requests').click();
  await expect(officer.getByTestId('revision-awaited')).toBeVisible();

  // The researcher revises the thuyết minh and sends it.
  const researcher = await signedIn(browser, 'nhakhoahoc@demo.test');
  await open(researcher, `/applications/${id}`);
  await expect(researcher.getByTestId('revision-requests-shown')).toContainText('phương pháp lấy mẫu');
  await researcher.getByTestId('revise-application').click();
  await expect(researcher.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');
  await researcher.getByTestId('title').fill(`${title} – đã hoàn thiện`);
  await researcher.getByTestId('save-application').click();
  await expect(researcher).toHaveURL(new RegExp(`/applications/${id}$`));
  await researcher.getByTestId('send-revision').click();
  await expect(researcher.getByTestId('revised')).toBeVisible();

  // The officer sees what changed and appraises.
  await open(officer, `/applications/${id}`);
  await expect(officer.getByTestId('versions')).toContainText('đã hoàn thiện');
  await officer.getByTestId('save-appraisal').click();
  await expect(officer.getByTestId('task-standing')).toContainText('chờ lãnh đạo phê duyệt');

  // The leader approves it, as for any task: nothing is left on anyone's to-do list.
  const leader = await signedIn(browser, 'lanhdao@demo.test');
  await leader.getByTestId('nav-tasks').click();
  const task = leader.getByTestId('task').filter({ hasText: title });
  await expect(leader.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');
  await task.getByTestId('approve-task').click();
  await expect(task).toContainText('Đã phê duyệt');
});
