import { expect, test } from '@playwright/test';
import { waitForHydration, watchConsole } from './helpers';

test.use({ locale: 'en-GB' });

test('a code collection is refused line by line, then imported and offered by the wizard', async ({ page }) => {
  const problems = watchConsole(page);
  const name = `Winter ${Date.now()}`;
  await page.goto('/s/demo/codes');
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Code collections');
  await page.locator('#codes-name').fill(name);
  await page.locator('#codes-text').fill('code\nWINTER-1\nnot a code\nwinter-1\n');
  await page.getByRole('button', { name: 'Import' }).click();
  const refused = page.locator('.act-outcome.error');
  await expect(refused).toContainText('Nothing was imported:');
  await expect(refused.locator('li')).toHaveText([
    'Line 3: "not a code" is not a code (3 to 32 letters, digits, - or _).',
    'Line 4: WINTER-1 is there twice.',
  ]);
  await page.locator('#codes-text').fill('code\nWINTER-1\nWINTER-2\nwinter-3\n');
  await page.getByRole('button', { name: 'Import' }).click();
  // Imported, the page is loaded again with the collection listed.
  await expect(page.locator('.act-outcome.saved')).toHaveText('3 codes imported.');
  const row = page.locator('#collections tbody tr').filter({ hasText: name });
  await expect(row.locator('td.number')).toHaveText(['3', '3']);

  await page.goto('/s/demo/reminders/new');
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('#step-code-collection option', { hasText: name })).toHaveText(
    `Collection "${name}" (3 left)`,
  );
  expect(problems).toEqual([]);
});

test('a code collection no reminder uses is deleted after a confirmation', async ({ page }) => {
  const problems = watchConsole(page);
  const name = `Spring ${Date.now()}`;
  await page.goto('/s/demo/codes');
  await waitForHydration(page);
  await page.locator('#codes-name').fill(name);
  await page.locator('#codes-text').fill('SPRING-1\nSPRING-2\n');
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.locator('.act-outcome.saved')).toHaveText('2 codes imported.');
  const row = page.locator('#collections tbody tr').filter({ hasText: name });
  // Dismissed: nothing happens.
  page.once('dialog', (dialog) => dialog.dismiss());
  await row.getByRole('button', { name: 'Delete' }).click();
  await expect(row).toBeVisible();
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain(`Delete the collection "${name}"`);
    dialog.accept();
  });
  await row.getByRole('button', { name: 'Delete' }).click();
  await expect(row.locator('.save-status')).toHaveText(
    `Collection "${name}" deleted, with its 2 codes not given.`,
  );
  await expect(row.getByRole('button', { name: 'Delete' })).toBeDisabled();
  // Until the page loads again, the row stays, struck through.
  await expect(row.locator('th')).toHaveCSS('text-decoration-line', 'line-through');
  await page.reload();
  await waitForHydration(page);
  await expect(row).toHaveCount(0);
  expect(problems).toEqual([]);
});
