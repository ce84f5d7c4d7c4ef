import { expect, test } from '@playwright/test';
import { open, signIn } from '../support/app';

test('a council member writes a scientific CV; the check flags a year in the future until fixed', async ({ page }) => {
  await signIn(page, 'hoidong@demo.test');
  await page.getByTestId('nav-profile').click();
  await page.getByTestId('cv-link').click();
  await expect(page.getByTestId('cv-form')).toBeVisible();
  await expect(page.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');

  await page.getByTestId('birth_year').fill('1975');
  await page.getByTestId('specialisation').fill('Công nghệ thực phẩm');
  await page.getByTestId('add-degree').click();
  await page.getByTestId('degrees-0-level').selectOption({ label: 'Tiến sĩ' });
  await page.getByTestId('degrees-0-field').fill('Công nghệ sau thu hoạch');
  await page.getByTestId('degrees-0-institution').fill('Đại học Bách khoa Hà Nội');
  await page.getByTestId('degrees-0-year').fill('2099');
  // Said once the field is left, not while it is being typed; gone as soon as it is right.
  await expect(page.getByTestId('problem-degrees-0-year')).toHaveCount(0);
  await page.getByTestId('degrees-0-year').blur();
  await expect(page.getByTestId('problem-degrees-0-year')).toContainText('Năm phải từ 1940');
  await page.getByTestId('degrees-0-year').fill('2005');
  await expect(page.getByTestId('problem-degrees-0-year')).toHaveCount(0);
  await expect(page.getByTestId('cv-issue-count')).toContainText('Còn 1 mục');
  await page.getByTestId('add-position').click();
  await page.getByTestId('positions-0-title').fill('Nghiên cứu viên cao cấp');
  await page.getByTestId('positions-0-organisation').fill('Viện Nghiên cứu Công nghệ sinh học và Môi trường');
  await page.getByTestId('positions-0-from_year').fill('2005');
  await expect(page.getByTestId('cv-issue-count')).toContainText('Lý lịch đã đủ');
  await page.getByTestId('save-cv').click();
  await expect(page.getByTestId('cv-saved')).toBeVisible();

  // Kept: a fresh load shows it.
  await open(page, '/profile/cv');
  await expect(page.getByTestId('degrees-0-institution')).toHaveValue('Đại học Bách khoa Hà Nội');
});

test('a host organisation keeps its legal details; a malformed tax code is refused at the field', async ({ page }) => {
  await signIn(page, 'chutri@demo.test');
  await page.getByTestId('nav-own-organisation').click();
  await expect(page.getByTestId('organisation-form')).toBeVisible();
  await expect(page.getByTestId('app')).toHaveAttribute('data-hydrated', 'true');
  await expect(page.getByTestId('tax_code')).toHaveValue('3301234568');
  await page.getByTestId('tax_code').fill('33012345');
  await page.getByTestId('save-organisation').click();
  await expect(page.getByTestId('error-tax_code')).toContainText('10 chữ số');
  // The field carries its message: marked invalid and described by it.
  const message = await page.getByTestId('error-tax_code').getAttribute('id');
  await expect(page.getByTestId('tax_code')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('tax_code')).toHaveAttribute('aria-describedby', message!);
  await page.getByTestId('tax_code').fill('3301234568-001');
  await page.getByTestId('representative').fill('Hoàng Văn Đức');
  await page.getByTestId('save-organisation').click();
  await expect(page.getByTestId('organisation-saved')).toBeVisible();
  await expect(page.getByTestId('error-tax_code')).toHaveCount(0);
  await expect(page.getByTestId('tax_code')).not.toHaveAttribute('aria-invalid');
  await expect(page.getByTestId('tax_code')).not.toHaveAttribute('aria-describedby');
});
