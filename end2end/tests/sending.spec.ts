import { expect, test } from '@playwright/test';
import { waitForHydration, watchConsole } from './helpers';

test.use({ locale: 'en-GB' });

test('"Run now" runs the engine and shows its result and the run in the history', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/s/demo/sending');
  await waitForHydration(page);
  await expect(page.getByLabel('URL', { exact: true })).toHaveValue(/\/api\/v1\/jobs\/run$/);
  await expect(page.getByLabel('Secret token')).toHaveValue(/.{40,}/);

  await page.getByRole('button', { name: 'Run now' }).click();

  // Another test's run may hold the engine: both answers are a result shown to the merchant.
  // A run loads the page again, so that its history shows it, and says its result there.
  await expect(page.locator('[data-act="run"] + .save-status')).toHaveText(
    /^(Done: \d+ due, \d+ sent, \d+ skipped, \d+ failed\.|A run is already going on.*)$/,
  );
  await expect(page.locator('table.runs tbody tr').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('a new cron token is asked first, then shown in the URL to copy', async ({ page, context }) => {
  const errors = watchConsole(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/s/demo/sending');
  await waitForHydration(page);
  const token = page.getByLabel('Secret token');
  const before = await token.inputValue();

  page.once('dialog', (dialog) => dialog.dismiss());
  await page.getByRole('button', { name: 'Make a new token' }).click();
  await expect(token).toHaveValue(before);

  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Make a new token' }).click();
  await expect(page.locator('[data-act="regenerate"] + .save-status')).toHaveText('New token saved.');
  await waitForHydration(page);
  const after = await page.getByLabel('Secret token').inputValue();
  expect(after).not.toBe(before);
  await expect(page.getByLabel('Command to schedule')).toHaveValue(new RegExp(after));

  const copy = page.locator('.copy-field').filter({ has: page.getByLabel('Secret token') }).getByRole('button');
  await copy.click();
  await expect(copy).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(after);
  expect(errors).toEqual([]);
});
