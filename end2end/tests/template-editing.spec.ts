import { expect, test } from '@playwright/test';
import { waitForHydration, watchConsole } from './helpers';
import { newTemplate, srcdoc } from './template-helpers';

test.use({ locale: 'en-GB' });

test('a language added starts as a copy to translate, keeps its texts, and goes after a yes', async ({ page }) => {
  const problems = watchConsole(page);
  await newTemplate(page);
  const subject = page.locator('#subject');
  await page.locator('button[data-language="fr"]').click();
  const french = await subject.inputValue();

  await page.locator('select[name="add-language"]').selectOption('de');
  await expect(page.locator('button[data-language="de"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('button[data-language="fr"]')).toHaveAttribute('aria-pressed', 'false');
  await expect(subject).toHaveValue(french);
  await expect(page.locator('select[name="add-language"] option[value="de"]')).toHaveCount(0);

  await subject.fill('Ihr Warenkorb wartet');
  await expect.poll(() => srcdoc(page)).toContain('lang="de"');
  await expect(page.getByTestId('preview-subject')).toHaveText('Ihr Warenkorb wartet');
  await page.locator('button[data-language="en"]').click();
  await expect(subject).not.toHaveValue('Ihr Warenkorb wartet');
  await page.locator('button[data-language="de"]').click();
  await expect(subject).toHaveValue('Ihr Warenkorb wartet');

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.save-status')).toHaveText('Saved');
  await page.reload();
  await waitForHydration(page);
  await page.locator('button[data-language="de"]').click();
  await expect(subject).toHaveValue('Ihr Warenkorb wartet');

  // A no keeps the language; a yes removes it, and it can be added again.
  page.once('dialog', (dialog) => dialog.dismiss());
  await page.getByRole('button', { name: 'Remove this language' }).click();
  await expect(page.locator('button[data-language="de"]')).toHaveCount(1);
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toBe('Remove the texts of this language?');
    return dialog.accept();
  });
  await page.getByRole('button', { name: 'Remove this language' }).click();
  await expect(page.locator('button[data-language="de"]')).toHaveCount(0);
  await expect(page.locator('select[name="add-language"] option[value="de"]')).toHaveCount(1);
  await expect(page.locator('.save-status')).toHaveText('Unsaved changes');
  expect(problems).toEqual([]);
});

test('reassurance items are added up to six, removed, and saved with their kind', async ({ page }) => {
  await newTemplate(page);
  const rows = page.locator('fieldset.reassurance .reassurance-item');
  const add = page.getByRole('button', { name: '+ Add an item' });
  while ((await rows.count()) < 6) {
    const before = await rows.count();
    await add.click();
    await expect(rows).toHaveCount(before + 1);
  }
  await expect(add).toBeDisabled();
  await rows.last().locator('input').fill('Emballage offert');
  await rows.last().locator('select').selectOption('gift_wrapping');
  await expect.poll(() => srcdoc(page)).toContain('Emballage offert');
  await expect.poll(() => srcdoc(page)).toContain('/email-icons/gift_wrapping-');

  await rows.first().getByRole('button', { name: 'Remove' }).click();
  await expect(rows).toHaveCount(5);
  await expect(add).toBeEnabled();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.save-status')).toHaveText('Saved');

  await page.reload();
  await waitForHydration(page);
  await expect(rows).toHaveCount(5);
  await expect(rows.last().locator('input')).toHaveValue('Emballage offert');
  await expect(rows.last().locator('select')).toHaveValue('gift_wrapping');
});

test('a draft the server refuses says each problem beside its field, and nothing is saved', async ({ page }) => {
  await newTemplate(page);
  await page.locator('button[data-language="fr"]').click();
  const saved = await page.locator('#subject').inputValue();
  await page.locator('#subject').fill('   ');
  await page.getByRole('tab', { name: 'Appearance' }).click();
  await page.locator('input[name="primary_color"]').fill('#12');
  await page.getByRole('button', { name: 'Save' }).click();

  await expect(page.locator('.save-status')).toHaveText('Fix these before saving:');
  const list = page.locator('.problems');
  await expect(list).toBeVisible();
  await expect(list.locator('li', { hasText: 'Primary colour' })).toHaveCount(1);
  await expect(list.locator('li', { hasText: '[FR] Subject' })).toHaveCount(1);
  await expect(page.locator('[data-problem="primary_color"]')).not.toHaveText('');
  await page.getByRole('tab', { name: 'Text & content' }).click();
  await expect(page.locator('[data-problem="subject"]')).not.toHaveText('');
  // Another language's fields show only its own problems.
  await page.locator('button[data-language="en"]').click();
  await expect(page.locator('[data-problem="subject"]')).toHaveText('');

  page.once('dialog', (dialog) => dialog.accept());
  await page.reload();
  await waitForHydration(page);
  await page.locator('button[data-language="fr"]').click();
  await expect(page.locator('#subject')).toHaveValue(saved);
  await expect(page.locator('input[name="primary_color"]')).not.toHaveValue('#12');
  await expect(page.locator('.problems')).toBeHidden();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the editor shows the saved template, its warnings and its preview', async ({ page }) => {
    await page.goto('/s/demo/templates/demo-template-1');
    await expect(page.locator('h1')).not.toHaveText('');
    await expect(page.locator('#subject')).not.toHaveValue('');
    await expect(page.locator('#body')).not.toHaveValue('');
    await expect(page.locator('input[name="primary_color"]')).toHaveValue(/^#[0-9A-Fa-f]{6}$/);
    await expect(page.locator('input[name="layout"]:checked')).toHaveCount(1);
    await expect(page.getByTestId('subject-counter')).toHaveText(/^\d+\/100$/);
    await expect(page.getByTestId('preview-subject')).not.toHaveText('');
    await expect(page.locator('.editor iframe')).toHaveAttribute('srcdoc', /<html/);
    await expect(page.locator('.warnings h2')).toBeVisible();
  });
});
