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
  await expect(page.locator('.run-result')).toHaveText(
    /^(Done: \d+ due, \d+ sent, \d+ skipped, \d+ failed\.|A run is already going on.*)$/,
  );
  await expect(page.locator('table.runs tbody tr').first()).toBeVisible();
  expect(errors).toEqual([]);
});
