import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { outboxDir } from '../playwright.config';
import { follow, waitForHydration, watchConsole } from './helpers';
import { inPreview, newTemplate, previewText, srcdoc } from './template-helpers';

test.use({ locale: 'en-GB' });

test('typing a subject updates the counter and the preview; a tag button inserts at the cursor', async ({ page }) => {
  const problems = watchConsole(page);
  await newTemplate(page);

  const subject = page.locator('#subject');
  await subject.fill('Hello , your cart');
  await expect(page.getByTestId('subject-counter')).toHaveText('17/100');
  await expect(page.getByTestId('preview-subject')).toHaveText('Hello , your cart');

  // Put the cursor after "Hello " and insert {first_name} there with its button.
  await subject.click();
  await subject.press('Home');
  for (let i = 0; i < 6; i++) await subject.press('ArrowRight');
  await page.locator('.field:has(#subject) button[data-tag="first_name"]').click();
  await expect(subject).toHaveValue('Hello {first_name}, your cart');
  await expect(page.getByTestId('preview-subject')).toHaveText('Hello Camille, your cart');
  await expect(page.getByTestId('subject-counter')).toHaveText('29/100');

  await page.locator('#body').fill('Dear {first_name},\n\n**Still** thinking it over?\n\n{cart}');
  await expect.poll(() => previewText(page)).toContain('Dear Camille,');
  expect(await inPreview(page, (doc) => doc.querySelector('strong')?.textContent)).toBe('Still');
  expect(await inPreview(page, (doc) => doc.querySelectorAll('img[alt="Robe imprimée"]').length)).toBe(1);

  await page.locator('#subject').fill('x'.repeat(101));
  await expect(page.getByTestId('subject-counter')).toHaveText('101/100');
  await expect(page.locator('.warnings')).toContainText('The subject has 101 characters');
  expect(problems).toEqual([]);
});

test('designs, colours, widths and languages change the preview', async ({ page }) => {
  const problems = watchConsole(page);
  await newTemplate(page);
  await page.getByRole('tab', { name: 'Appearance' }).click();

  await page.locator('label.layout-choice', { hasText: 'Sendy' }).click();
  await expect.poll(() => srcdoc(page)).toContain('Georgia');
  await page.locator('label.layout-choice', { hasText: 'Puffy' }).click();
  await expect.poll(() => srcdoc(page)).toContain('border-radius:999px');

  const primary = page.locator('input[name="primary_color"]');
  await primary.fill('#0B8043');
  await expect.poll(() => srcdoc(page)).toContain('background:#0B8043');
  await primary.fill('#0B80');
  await expect(page.locator('.color-field .field-error').first()).toContainText('#RRGGBB');

  await page.locator('button[data-width="mobile"]').click();
  await expect.poll(async () => (await page.locator('.editor iframe').boundingBox())?.width).toBe(375);
  await page.locator('button[data-width="tablet"]').click();
  await expect.poll(async () => (await page.locator('.editor iframe').boundingBox())?.width).toBe(768);

  await page.getByRole('tab', { name: 'Text & content' }).click();
  await page.locator('button[data-language="fr"]').click();
  await expect.poll(() => srcdoc(page)).toContain('lang="fr"');
  await expect(page.getByTestId('preview-subject')).toHaveText("N'oubliez pas votre panier !");
  await expect.poll(() => previewText(page)).toContain('Robe imprimée');
  await page.locator('button[data-language="en"]').click();
  await expect.poll(() => srcdoc(page)).toContain('lang="en"');
  expect(problems).toEqual([]);
});

test('the recommendations tag shows other products in the live preview', async ({ page }) => {
  const problems = watchConsole(page);
  await newTemplate(page);
  const body = page.locator('#body');
  await body.fill('Bonjour {first_name},\n\n{cart}\n\n');
  await expect.poll(() => previewText(page)).not.toContain('Vous aimerez aussi');
  await body.press('End');
  await page.locator('.field:has(#body) button[data-tag="recommendations"]').click();
  await expect(body).toHaveValue('Bonjour {first_name},\n\n{cart}\n\n{recommendations}');
  await expect.poll(() => previewText(page)).toContain('Vous aimerez aussi');
  // Three catalogue products, none of the sample cart's, each with its picture and page.
  expect(await inPreview(page, (doc) => doc.querySelectorAll('.rl-reco a[href*="?product="]').length)).toBe(3);
  expect(await inPreview(page, (doc) => doc.querySelectorAll('.rl-reco img[alt]').length)).toBe(3);
  expect(problems).toEqual([]);
});

test("reassurance icons are SVG in the editor and the server's PNG in the preview, changing together", async ({ page }) => {
  const problems = watchConsole(page);
  await newTemplate(page);
  const item = page.locator('.reassurance-item').first();
  await expect(item.locator('svg.reassurance-icon path').first()).toBeAttached();
  const before = await item.locator('svg.reassurance-icon').innerHTML();
  await item.locator('select').selectOption('Quality');
  await expect.poll(() => item.locator('svg.reassurance-icon').innerHTML()).not.toBe(before);
  // Gmail and Outlook drop inline SVG: the email shows the same drawing as a PNG the server
  // draws, labelled with the item's text, and it loads.
  const icon = page.frameLocator('.editor iframe').locator('img[src*="/email-icons/quality-"]').first();
  await expect(icon).toHaveAttribute('alt', /.+/);
  await expect
    .poll(() => icon.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)))
    .toBe(64);
  expect(await inPreview(page, (doc) => doc.querySelectorAll('svg').length)).toBe(0);
  expect(problems).toEqual([]);
});

test('a hostile body is shown as text and never runs', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await newTemplate(page);

  await page.locator('#body').fill('<img src=x onerror=alert(1)>"><script>alert(2)</script> {first_name}');
  await page.locator('#discount_text').fill('<svg onload=alert(3)> {discount_code}');

  await expect.poll(() => previewText(page)).toContain('<img src=x onerror=alert(1)>');
  // No SVG, script or handler from the text: the design's own icons are images.
  expect(
    await inPreview(page, (doc) => doc.querySelectorAll('script, svg, [onload], [onerror], img[src="x"]').length),
  ).toBe(0);
  await expect(page.locator('.editor iframe')).toHaveAttribute('sandbox', '');
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
});

test("the browser's preview is byte for byte the server's email, before and after saving", async ({ page }) => {
  const id = await newTemplate(page);
  const now = await page.locator('.editor').getAttribute('data-sample-now');
  const serverHtml = async () => {
    const response = await page.request.get(
      `/s/demo/templates/${id}/preview?sample=demo&lang=fr&discount=percent&now=${encodeURIComponent(now!)}`,
    );
    expect(response.status()).toBe(200);
    return response.text();
  };
  await page.locator('select[name="sample-discount"]').selectOption('percent');
  expect(await srcdoc(page)).toBe(await serverHtml());

  await page.locator('#subject').fill('Your {nb_product} items miss you, {first_name}');
  await page.locator('#body').fill('Hi *{first_name}*,\n\n{cart}\n\nSee {shop_link}.');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.save-status')).toHaveText('Saved');
  expect(await srcdoc(page)).toBe(await serverHtml());
});

test('saving keeps the changes, and leaving with unsaved changes asks first', async ({ page }) => {
  await newTemplate(page);
  const name = page.locator('input[name="template-name"]');
  await name.fill('Renamed in the editor');
  await expect(page.locator('.save-status')).toHaveText('Unsaved changes');
  await expect(page.locator('h1')).toHaveText('Renamed in the editor');
  await expect(page).toHaveTitle(/^Renamed in the editor · /);

  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain('not saved');
    return dialog.dismiss();
  });
  await page.getByRole('link', { name: '← All templates' }).click();
  await expect(page).toHaveURL(/\/s\/demo\/templates\/[0-9a-f-]{36}$/);

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.save-status')).toHaveText('Saved');
  await page.reload();
  await waitForHydration(page);
  await expect(name).toHaveValue('Renamed in the editor');

  await follow(page, page.getByRole('link', { name: '← All templates' }));
  await expect(page).toHaveURL('/s/demo/templates');
  await expect(page.locator('table.templates')).toContainText('Renamed in the editor');
});

test('a test email goes out through the mailer with [TEST] in its subject', async ({ page }) => {
  await newTemplate(page);
  const address = `marketer-${Date.now()}@example.com`;
  await page.locator('#subject').fill('Unsaved test subject');
  await page.locator('input[name="test-to"]').fill(address);
  await page.getByRole('button', { name: 'Send test' }).click();
  await expect(page.locator('.test-email [role="status"]')).toHaveText(`Test email sent to ${address}`);

  const sent = readdirSync(outboxDir)
    .filter((file) => file.endsWith('.eml'))
    .map((file) => readFileSync(join(outboxDir, file), 'utf8'))
    .filter((eml) => eml.includes(address));
  expect(sent).toHaveLength(1);
  expect(sent[0]).toContain('Subject: [TEST] Unsaved test subject');
});
