import { expect, test } from '@playwright/test';
import { waitForHydration, watchConsole } from './helpers';

test.use({ locale: 'en-GB' });

test('the SMS provider is set on the Connect page, a bad field says why beside it, and the key is never shown', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/s/demo/connect');
  await waitForHydration(page);
  const section = page.locator('section.sms-provider');
  await section.getByLabel('Provider').selectOption('json');
  await section.getByLabel('Gateway address').fill('http://sms.example/send');
  await section.getByLabel('Sender', { exact: true }).fill('Maison');
  await section.getByLabel('API key').fill('gw-secret-key');
  await section.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#sms-url-error')).toHaveText('An https:// address (http:// only to this machine).');
  await expect(section.locator('.act-outcome.error')).toHaveText('Nothing was saved: fix the fields marked.');
  await expect(section.getByLabel('Gateway address')).toHaveAttribute('aria-invalid', 'true');
  await section.getByLabel('Gateway address').fill('https://sms.example.com/send');
  await section.getByRole('button', { name: 'Save' }).click();
  await expect(section.locator('.act-outcome')).toHaveText('SMS provider saved.');
  await expect(page.locator('#sms-url-error')).toHaveText('');
  await expect(section.locator('code.sms-notice-url')).toHaveText(/\/webhooks\/sms\/demo\/[0-9a-f]{64}$/);

  await page.reload();
  await waitForHydration(page);
  await expect(section.getByLabel('Provider')).toHaveValue('json');
  await expect(section.getByLabel('Gateway address')).toHaveValue('https://sms.example.com/send');
  await expect(section.getByLabel('API key')).toHaveValue('');
  await expect(section).toContainText('Stored: leave empty to keep it');
  expect(await page.content()).not.toContain('gw-secret-key');
  // The refusal is an answer, shown beside its field, not a failed request.
  expect(errors).toEqual([]);
});
