// Journeys' set-up through the API: signed-in pages and a dossier a council passed.
import { expect, type APIRequestContext, type Browser } from '@playwright/test';
import { signIn } from './app';

const DEMO_CALL = 'Tuyển chọn nhiệm vụ KH&CN cấp tỉnh thực hiện từ năm 2027';

export async function call(api: APIRequestContext, path: string, data: unknown) {
  const res = await api.post(`/api/${path}`, { data });
  expect(res.ok(), `${path}: ${await res.text()}`).toBeTruthy();
  return res.json();
}

export async function signedIn(browser: Browser, email: string) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

/** The researcher, signed in, on a new dossier's form for the demo call, hydrated. */
export async function newDraft(browser: Browser) {
  const researcher = await signedIn(browser, 'nhakhoahoc@demo.test');
  await researcher.getByRole('link', { name: DEMO_CALL }).click();
  await researcher.getByTestId('start-application').click();
  await expect(researcher.getByTestId('application-form')).toBeVisible();
  await expect(researcher.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');
  return researcher;
}

type BudgetLine = { kind: string; description: string; amount_dong: number; fund_dong: number; counterpart_dong: number; lump_sum: boolean };

/** A dossier on the demo call, submitted, made through the API. The labour line is lump-sum; `extra` lines follow it. */
export async function submittedDossier(browser: Browser, title: string, extra: BudgetLine[] = []) {
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
      budget: [{ kind: 'Labour', description: 'Tiền công', amount_dong: labour, fund_dong: labour, counterpart_dong: 0, lump_sum: true }, ...extra],
    },
  });
  await call(researcher.request, 'applications/submit', { id });
  await researcher.context().close();
  return { id, callId, labour, fundDong: labour + extra.reduce((sum, l) => sum + l.fund_dong, 0) };
}

/**
 * A dossier on the demo call that a council of the seven demo members passed, made through the
 * API (the forms and the seven score sheets have their own journeys).
 */
export async function passedDossier(browser: Browser, title: string, extra: BudgetLine[] = []) {
  const { id, callId, labour, fundDong } = await submittedDossier(browser, title, extra);
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
  for (const p of [officer, ...members]) await p.context().close();
  return { id, fundDong, labour };
}

