import { expect, test } from '@playwright/test';
import { waitForHydration, watchConsole } from './helpers';

test.use({ locale: 'en-GB' });
// Both saving tests write the demo's whole settings form: run side by side, one's save could put
// back the value the other just saved.
test.describe.configure({ mode: 'default' });

test('a bad sender address is refused next to its field and nothing is saved until it is fixed', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/s/demo/settings');
  await waitForHydration(page);
  const sender = page.getByLabel('Sender address');
  const before = await sender.inputValue();

  await sender.fill('not an address');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Nothing was saved: fix the fields marked.');
  await expect(page.locator('#setting-sender_email-error')).toHaveText('This is not a valid email address.');
  await expect(sender).toHaveAttribute('aria-invalid', 'true');
  // Fixed, the field loses its mark once saved.
  await sender.fill(before);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Settings saved.');
  await expect(page.locator('#setting-sender_email-error')).toHaveText('');
  await expect(sender).toHaveAttribute('aria-invalid', 'false');

  await page.reload();
  await waitForHydration(page);
  await expect(page.getByLabel('Sender address')).toHaveValue(before);
  expect(errors).toEqual([]);
});

test('a valid change is saved and still there after a reload', async ({ page }) => {
  await page.goto('/s/demo/settings');
  await waitForHydration(page);
  const address = `help-${Date.now()}@shop.example`;

  await page.getByLabel('Support contact (Help tab)').fill(address);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Settings saved.');

  await page.reload();
  await waitForHydration(page);
  await expect(page.getByLabel('Support contact (Help tab)')).toHaveValue(address);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the form shows the saved values as the server sends it', async ({ page }) => {
    await page.goto('/s/demo/settings');
    // The demo's values, starting with its 30-minute abandonment delay.
    await expect(page.locator('#setting-abandoned_after_minutes')).toHaveValue('30');
    const filled = await page
      .locator('form input[id^="setting-"]:not([type=checkbox])')
      .evaluateAll((inputs) => inputs.filter((i) => (i as HTMLInputElement).value !== '').length);
    expect(filled).toBeGreaterThanOrEqual(5);
  });

  test('a form sent without JavaScript never carries its fields in the address', async ({ page }) => {
    await page.goto('/s/demo/connect');
    const section = page.locator('section.sms-provider');
    await section.getByLabel('API key').fill('typed-without-javascript');
    await section.getByRole('button', { name: 'Save' }).click();
    await page.waitForLoadState();
    expect(page.url()).not.toContain('typed-without-javascript');
  });
});
