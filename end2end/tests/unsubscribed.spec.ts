import { expect, test } from '@playwright/test';
import { waitForHydration, watchConsole } from './helpers';

test.use({ locale: 'en-GB' });

test('an address is found with the search form, then removed from the list once confirmed', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/s/demo/unsubscribed');
  await waitForHydration(page);
  const rows = page.locator('table.unsubscribed tbody tr');
  const email = (await rows.first().locator('td').first().textContent())!.trim();

  // The search is a GET form inside the shop: its address can be shared and reloaded.
  await page.locator('#unsubscribed-q').fill(email);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(`/s/demo/unsubscribed?q=${encodeURIComponent(email)}`);
  await waitForHydration(page);
  await expect(rows).toHaveCount(1);
  await expect(rows.first().locator('td').first()).toHaveText(email);

  // Dismissed, nothing changes; accepted, the page comes back without the address.
  page.once('dialog', (dialog) => dialog.dismiss());
  await rows.first().getByRole('button', { name: 'Remove from the list' }).click();
  await expect(rows).toHaveCount(1);
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain('receive reminders again');
    return dialog.accept();
  });
  await rows.first().getByRole('button', { name: 'Remove from the list' }).click();
  await expect(page.locator('p.empty')).toBeVisible();
  await expect(rows).toHaveCount(0);
  expect(problems).toEqual([]);
});
