import { expect, test, type Locator } from '@playwright/test';
import { open } from '../support/app';
import { newDraft, signedIn } from '../support/dossier';

// An amount in đồng is grouped by thousands as it is typed ("1.250.000"), and a digit typed in
// the middle stays where it was typed (domain::format::amount_as_typed).
async function typesGrouped(field: Locator) {
  await field.fill('');
  await field.pressSequentially('1500000000');
  await expect(field).toHaveValue('1.500.000.000');
  // Back before the last group, then two digits: the caret follows them, not the end.
  for (let i = 0; i < 3; i++) await field.press('ArrowLeft');
  await field.pressSequentially('91');
  await expect(field).toHaveValue('150.000.091.000');
  // A separator deleted: the digits regroup.
  await field.press('End');
  for (let i = 0; i < 3; i++) await field.press('ArrowLeft');
  await field.press('Backspace');
  await expect(field).toHaveValue('150.000.091.000');
}

test('amounts are grouped by thousands as they are typed, on a plain form and in the thuyết minh', async ({ browser }) => {
  const accountant = await signedIn(browser, 'ketoan@demo.test');
  await open(accountant, '/fund');
  await typesGrouped(accountant.getByTestId('receipt-amount'));

  const researcher = await newDraft(browser);
  await researcher.getByTestId('add-budget-line').click();
  const line = researcher.getByTestId('budget-0-amount_dong');
  await typesGrouped(line);
  // The form holds the number: the pre-submit check reads it back grouped.
  await expect(line).toHaveValue('150.000.091.000');
});
