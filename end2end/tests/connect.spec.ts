import { expect, test } from '@playwright/test';
import { waitForHydration, watchConsole } from './helpers';

test.use({ locale: 'en-GB' });

test('an API key made on the Connect page is shown once, listed by its prefix, and revoked after a yes', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/s/demo/connect');
  await waitForHydration(page);
  const form = page.locator('form.key-form');

  // A key needs a name: the refusal is said beside the field.
  await form.getByRole('button').click();
  await expect(page.locator('#key-name-error')).not.toHaveText('');
  await expect(page.locator('#key-name')).toHaveAttribute('aria-invalid', 'true');

  const name = `e2e-connect-${Date.now()}`;
  await page.locator('#key-name').fill(name);
  await form.getByRole('button').click();
  const secret = (await page.locator('.act-outcome .said-code').textContent()) ?? '';
  expect(secret).toMatch(/^rlk_[0-9a-f]{64}$/);
  await expect(page.locator('#key-name')).toHaveAttribute('aria-invalid', 'false');

  // Loaded again, the page lists the key by its prefix and never shows the secret.
  await page.reload();
  await waitForHydration(page);
  expect(await page.content()).not.toContain(secret);
  const row = page.locator('table.keys tr', { hasText: name });
  await expect(row).toHaveCount(1);
  expect(secret.startsWith((await row.locator('code').textContent()) ?? 'none')).toBe(true);

  page.once('dialog', (dialog) => dialog.accept());
  await row.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.locator('table.keys tr', { hasText: name })).toContainText('Revoked');
  await expect(page.locator('table.keys tr', { hasText: name }).getByRole('button')).toHaveCount(0);
  expect(problems).toEqual([]);
});
