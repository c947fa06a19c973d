import { expect, test, type Page } from '@playwright/test';
import { follow, reminderRows, waitForHydration, watchConsole } from './helpers';

test.use({ locale: 'en-GB' });
test.describe.configure({ mode: 'serial' });

const delays = async (page: Page) => (await reminderRows(page)).map((row) => row[0]);

async function openWizard(page: Page) {
  await page.goto('/s/demo');
  await waitForHydration(page);
  await follow(page, page.getByRole('link', { name: 'Create a new reminder' }));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New reminder');
  await waitForHydration(page);
  await expect(page.locator('.wizard-stages li.current')).toHaveText('1. Target and frequency');
}

async function setDelay(page: Page, amount: string, unit: 'hours' | 'days') {
  await page.getByLabel('Send after').first().fill(amount);
  await page.locator('select[aria-label="Send after"]').selectOption(unit);
}

test('a reminder made through the three steps with three ranges shows in delay order', async ({ page }) => {
  const errors = watchConsole(page);
  await openWizard(page);
  await page.getByLabel('Yes', { exact: true }).filter({ visible: true }).check();
  await page.getByLabel('Never ordered').uncheck();
  await setDelay(page, '3', 'days');
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.locator('.wizard-stages li.current')).toHaveText('2. Discount');
  await page.getByLabel('Yes', { exact: true }).filter({ visible: true }).check();
  await page.getByRole('button', { name: '+ Add a range' }).click();
  await page.getByRole('button', { name: '+ Add a range' }).click();
  const ranges = page.locator('fieldset.range');
  await expect(ranges).toHaveCount(3);
  await ranges.nth(0).getByLabel('Value').fill('5');
  await ranges.nth(1).getByLabel('Value').fill('10');
  // From the third range up: a free gift, whose SKU is checked beside its field.
  await ranges.nth(2).getByLabel('Discount type').selectOption('free_gift');
  await ranges.nth(2).getByLabel('Gift product SKU').fill('TOTE 01');
  await ranges.nth(2).getByLabel('Product name in the email').fill('Tote bag');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('.wizard-stages li.current')).toHaveText('2. Discount');
  await expect(ranges.nth(2).locator('.gift-fields .field-error').first()).toHaveText(
    "The gift product's SKU, without spaces, at most 64 characters.",
  );
  await ranges.nth(2).getByLabel('Gift product SKU').fill('TOTE-01');
  await expect(ranges.nth(2).locator('.gift-fields .field-error').first()).toHaveText('');
  await expect(page.locator('.range-error').filter({ hasText: /./ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.locator('.wizard-stages li.current')).toHaveText('3. Email');
  // The template editor itself, its page in a frame, with its live preview of the chosen template.
  const editor = page.frameLocator('.wizard iframe.wizard-editor');
  await expect(editor.locator('.editor iframe')).toHaveAttribute('srcdoc', /<html/);
  await expect(editor.locator('.editor-head h2')).toHaveText(
    await page.locator('#step-template option:checked').evaluate((o) => (o.textContent ?? '').replace(/ \(.*\)$/, '')),
  );
  // Back and forth keeps what was typed.
  await page.getByRole('button', { name: 'Previous' }).click();
  await expect(page.locator('fieldset.range')).toHaveCount(3);
  await expect(page.locator('fieldset.range').nth(1).getByLabel('Value')).toHaveValue('10');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Save reminder' }).click();

  await expect(page).toHaveURL(/\/s\/demo$/);
  await expect.poll(() => delays(page)).toEqual(['1 hour', '1 day', '3 days']);
  const third = page.locator('table.reminders tbody tr[data-step-id]').nth(2);
  await expect(third.locator('td.discount')).toHaveText('Depends on cart value');
  await waitForHydration(page);
  await third.locator('button.expand').click();
  await expect(page.locator('tr.details:visible')).toContainText('Newsletter subscribers only');
  await expect(page.locator('tr.details:visible li')).toHaveCount(3);
  await expect(page.locator('tr.details:visible li').nth(2)).toContainText('Free gift product: Tote bag');
  expect(errors).toEqual([]);
});

test('an overlapping range blocks Next with the message on that range', async ({ page }) => {
  await openWizard(page);
  await setDelay(page, '5', 'hours');
  // Enter in a field before the last stage goes to the next stage; it does not save.
  await page.getByLabel('Send after').first().press('Enter');
  await expect(page.locator('.wizard-stages li.current')).toHaveText('2. Discount');
  await page.getByLabel('Yes', { exact: true }).filter({ visible: true }).check();
  await page.getByRole('button', { name: '+ Add a range' }).click();
  await page.getByRole('button', { name: '+ Add a range' }).click();
  const ranges = page.locator('fieldset.range');
  // A new range starts 50 after the one before, with its discount.
  await expect(ranges.nth(1).getByLabel(/^From/)).toHaveValue('50');
  await expect(ranges.nth(2).getByLabel(/^From/)).toHaveValue('100');
  await expect(ranges.nth(2).getByLabel('Value')).toHaveValue(await ranges.nth(0).getByLabel('Value').inputValue());
  // Only the last range has an upper bound.
  await expect(ranges.nth(0).getByLabel(/^Up to/)).toBeHidden();
  await expect(ranges.nth(2).getByLabel(/^Up to/)).toBeVisible();
  await ranges.nth(2).getByLabel(/^From/).fill('40');

  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.locator('.wizard-stages li.current')).toHaveText('2. Discount');
  await expect(ranges.nth(2).locator('.range-error')).toHaveText(
    'Range 3: it starts before range 2; list ranges from the lowest cart value up.',
  );
  await expect(ranges.nth(2)).toHaveClass(/invalid/);
  await expect(ranges.nth(1).locator('.range-error')).toHaveText('');
  await ranges.nth(2).getByLabel(/^From/).fill('150');
  await expect(ranges.nth(2).locator('.range-error')).toHaveText('');
  await follow(page, page.getByRole('link', { name: 'Cancel' }));
  await expect.poll(() => delays(page)).toEqual(['1 hour', '1 day', '3 days']);
});

test('a template created in the third step becomes the reminder\'s, with the editor open on it', async ({ page }) => {
  await openWizard(page);
  await setDelay(page, '9', 'hours');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  const name = `Wizard ${Date.now()}`;
  // Enter in the name makes the template; it does not save the reminder.
  await page.getByLabel('Or create a new template (name)').fill(name);
  await page.getByLabel('Or create a new template (name)').press('Enter');
  await expect(page.locator('#step-template option:checked')).toHaveText(`${name} (FR, EN)`);
  await expect(page.frameLocator('.wizard iframe.wizard-editor').locator('.editor-head h2')).toHaveText(name);
  await follow(page, page.getByRole('link', { name: 'Cancel' }));
  await expect.poll(() => delays(page)).toEqual(['1 hour', '1 day', '3 days']);
});

test('a reminder switched off stays off after a reload, and can be edited', async ({ page }) => {
  await page.goto('/s/demo');
  await waitForHydration(page);
  const third = page.locator('table.reminders tbody tr[data-step-id]').nth(2);
  await third.getByRole('switch').uncheck();
  await expect(third.locator('td.status')).toHaveText('Disabled');
  await page.waitForTimeout(300);

  await page.reload();
  await waitForHydration(page);
  await expect(third.getByRole('switch')).not.toBeChecked();
  await expect(third.locator('td.status')).toHaveText('Disabled');

  await follow(page, third.getByRole('link', { name: 'Edit' }));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit reminder');
  await expect(page.getByLabel('Send after').first()).toHaveValue('3');
  await setDelay(page, '2', 'days');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('fieldset.range')).toHaveCount(3);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Save reminder' }).click();
  await expect.poll(() => delays(page)).toEqual(['1 hour', '1 day', '2 days']);
});

test('duplicate adds a disabled copy one day later and delete removes it', async ({ page }) => {
  await page.goto('/s/demo');
  await waitForHydration(page);
  const rows = page.locator('table.reminders tbody tr[data-step-id]');
  await rows.nth(2).getByRole('button', { name: 'Duplicate' }).click();
  await expect.poll(() => delays(page)).toEqual(['1 hour', '1 day', '2 days', '3 days']);
  await expect(rows.nth(3).locator('td.status')).toHaveText('Disabled');

  page.once('dialog', (dialog) => dialog.accept());
  await rows.nth(3).getByRole('button', { name: 'Delete' }).click();
  await expect.poll(() => delays(page)).toEqual(['1 hour', '1 day', '2 days']);
});

test('a webhook reminder needs an https address, shows its signing secret, and keeps its address', async ({ page }) => {
  await openWizard(page);
  await setDelay(page, '4', 'days');
  await page.getByLabel('Webhook (push service, CRM, automation)').check();
  await expect(page.locator('code.webhook-secret')).toHaveText(/^whsec_[0-9a-f]{64}$/);
  await page.getByLabel('Webhook address').fill('http://crm.example/relance');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('#step-webhook-url-error')).toHaveText(
    'The address must start with https:// (http:// only to localhost).',
  );
  await page.getByLabel('Webhook address').fill('https://hooks.example.com/relance');
  await expect(page.locator('#step-webhook-url-error')).toHaveText('');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Save reminder' }).click();
  await expect.poll(() => delays(page)).toEqual(['1 hour', '1 day', '2 days', '4 days']);
  const fourth = page.locator('table.reminders tbody tr[data-step-id]').nth(3);
  await expect(fourth.locator('.badge.webhook')).toHaveText('Webhook');

  await follow(page, fourth.getByRole('link', { name: 'Edit' }));
  await expect(page.getByLabel('Webhook (push service, CRM, automation)')).toBeChecked();
  await expect(page.getByLabel('Webhook address')).toHaveValue('https://hooks.example.com/relance');
  await page.goto('/s/demo');
  await waitForHydration(page);
  page.once('dialog', (dialog) => dialog.accept());
  await fourth.getByRole('button', { name: 'Delete' }).click();
  await expect.poll(() => delays(page)).toEqual(['1 hour', '1 day', '2 days']);
});

test('an SMS reminder counts its SMS as typed, refuses a text over three, and keeps its texts', async ({ page }) => {
  const errors = watchConsole(page);
  await openWizard(page);
  await setDelay(page, '4', 'days');
  await page.getByLabel('SMS', { exact: true }).check();
  await expect(page.locator('#step-sms-error')).toHaveText('Write the SMS in at least one language.');
  const french = page.getByLabel('French text');
  await french.fill('Bonjour {first_name}, votre panier vous attend : {cart_link}');
  await expect(page.locator('#step-sms-fr-count')).toHaveText(/^GSM-7 · up to \d+ characters · 1 SMS$/);
  await expect(page.locator('#step-sms-error')).toHaveText('');
  // One character outside GSM-7 makes the whole text UCS-2: 67 units a part.
  await french.fill('Vôtre panier 😀 ' + 'x'.repeat(200));
  await expect(page.locator('#step-sms-fr-count')).toHaveText('UCS-2 · up to 216 characters · 4 SMS');
  await expect(page.locator('#step-sms-fr-error')).toHaveText(
    'With its tags filled in, this text can take 4 SMS: 3 at most.',
  );
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('.wizard-stages li.current')).toHaveText('1. Target and frequency');
  await french.fill('Votre panier {panier} : {cart_link}');
  await expect(page.locator('#step-sms-fr-error')).toHaveText('{panier} is not a tag an SMS can use.');
  await french.fill('{first_name}, votre panier vous attend : {cart_link}');
  await page.getByLabel('English text').fill('{first_name}, your cart is waiting: {cart_link}');
  await expect(page.locator('#step-sms-fr-error')).toHaveText('');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Save reminder' }).click();
  await expect.poll(() => delays(page)).toEqual(['1 hour', '1 day', '2 days', '4 days']);
  const fourth = page.locator('table.reminders tbody tr[data-step-id]').nth(3);
  await expect(fourth.locator('.badge.sms')).toHaveText('SMS');

  await follow(page, fourth.getByRole('link', { name: 'Edit' }));
  await expect(page.getByLabel('SMS', { exact: true })).toBeChecked();
  await expect(page.getByLabel('English text')).toHaveValue('{first_name}, your cart is waiting: {cart_link}');
  await page.goto('/s/demo');
  await waitForHydration(page);
  page.once('dialog', (dialog) => dialog.accept());
  await fourth.getByRole('button', { name: 'Delete' }).click();
  await expect.poll(() => delays(page)).toEqual(['1 hour', '1 day', '2 days']);
  expect(errors).toEqual([]);
});

test('an A/B test needs another template, may test its own discount, then marks the reminder', async ({ page }) => {
  await page.goto('/s/demo');
  await waitForHydration(page);
  // The demo's first reminder already runs a test: this one tests the second.
  const second = page.locator('table.reminders tbody tr[data-step-id]').nth(1);
  await follow(page, second.getByRole('link', { name: 'Edit' }));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit reminder');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('.wizard-stages li.current')).toHaveText('3. Email');
  await page.getByLabel('Test another template on a share of the carts').check();
  await page.getByLabel('Share of carts for variant B (%)').fill('30');
  await page.getByRole('button', { name: 'Save reminder' }).click();
  await expect(page.locator('#step-split-template-error')).toHaveText(
    "Choose another template for variant B than the reminder's.",
  );
  const own = await page.locator('#step-template').inputValue();
  const other = await page
    .locator('#step-split-template option')
    .evaluateAll((options, own) => options.map((o) => (o as HTMLOptionElement).value).find((v) => v && v !== own), own);
  await page.locator('#step-split-template').selectOption(other!);
  await expect(page.locator('#step-split-template-error')).toHaveText('');
  // Variant B tests a plain 15 % instead of the step's ranges; 150 % is refused beside it.
  await page.getByLabel('Variant B offers another discount').check();
  await page.locator('#step-split-discount-kind').selectOption('percent');
  await page.locator('#step-split-discount-value').fill('150');
  await page.getByRole('button', { name: 'Save reminder' }).click();
  await expect(page.locator('#step-split-discount-value-error')).not.toHaveText('');
  await page.locator('#step-split-discount-value').fill('15');
  await expect(page.locator('#step-split-discount-value-error')).toHaveText('');
  await page.getByRole('button', { name: 'Save reminder' }).click();
  await expect(page).toHaveURL(/\/s\/demo$/);
  await expect(second.locator('.badge.split')).toHaveText('A/B');

  // Ended from the wizard: untick, save, and the badge goes; the step keeps its own ranges.
  await follow(page, second.getByRole('link', { name: 'Edit' }));
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByLabel('Share of carts for variant B (%)')).toHaveValue('30');
  await expect(page.locator('#step-split-discount-value')).toHaveValue('15');
  await page.getByLabel('Test another template on a share of the carts').uncheck();
  await page.getByRole('button', { name: 'Save reminder' }).click();
  await expect(page).toHaveURL(/\/s\/demo$/);
  await expect(second.locator('.badge.split')).toHaveCount(0);
  await expect(second.locator('td.discount')).toHaveText('Depends on cart value');
});

test('the preview shows the rendered email at three widths', async ({ page }) => {
  await page.goto('/s/demo');
  await waitForHydration(page);
  await page.locator('table.reminders tbody tr[data-step-id]').first().getByRole('button', { name: 'Preview' }).click();
  const frame = page.locator('.modal iframe.preview-frame');
  await expect(frame).toHaveAttribute('src', /\/s\/demo\/templates\/.+\/preview\?sample=demo/);
  await expect(frame).toHaveAttribute('style', /width: 600px/);
  await page.getByRole('button', { name: 'Mobile' }).click();
  await expect(frame).toHaveAttribute('style', /width: 375px/);
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(page.locator('.modal')).toHaveCount(0);
});

test('at five reminders the create button is disabled and says why', async ({ page }) => {
  for (const hours of ['5', '6']) {
    await openWizard(page);
    await setDelay(page, hours, 'hours');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Save reminder' }).click();
    await expect(page).toHaveURL(/\/s\/demo$/);
  }
  await expect.poll(() => delays(page)).toHaveLength(5);
  const create = page.getByRole('button', { name: 'Create a new reminder' });
  await expect(create).toBeDisabled();
  await expect(page.locator('#limit-reason')).toHaveText(/Five reminders at most/);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test("a reminder's wizard shows its saved values as the server sends it", async ({ page }) => {
    await page.goto('/s/demo');
    const first = page.locator('table.reminders tbody tr[data-step-id]').first();
    await page.goto((await first.getByRole('link', { name: 'Edit' }).getAttribute('href'))!);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit reminder');
    await expect(page.locator('.wizard-stages li.current')).toHaveText('1. Target and frequency');
    await expect(page.getByLabel('Send after').first()).toHaveValue('1');
    await expect(page.locator('select[aria-label="Send after"]')).toHaveValue('hours');
    // The other stages are in the page with their values, shown one at a time.
    await expect(page.locator('#step-template')).toBeHidden();
    await expect(page.locator('#step-template option:checked')).not.toHaveText('');
  });
});
