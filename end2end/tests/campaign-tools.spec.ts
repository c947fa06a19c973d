import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { databaseUrl, relanceBin } from '../playwright.config';
import { reminderRows, waitForHydration, watchConsole } from './helpers';

test.use({ locale: 'en-GB' });

/** A shop of its own, made as an operator would: the demo's campaign stays as other tests read it. */
function newShop(name: string): string {
  const created = execFileSync(
    relanceBin,
    ['shop', 'create', '--name', name, '--url', 'https://geneva.example', '--currency', 'CHF',
      '--timezone', 'Europe/Zurich', '--language', 'fr'],
    { env: { ...process.env, DATABASE_URL: databaseUrl, RUST_LOG: 'error' } },
  ).toString();
  return created.split('\n')[0].trim();
}

test('a campaign downloaded from the demo is imported into another shop, reviewed, paused and resumed', async ({
  page,
  request,
}, testInfo) => {
  const problems = watchConsole(page);
  const slug = newShop(`Geneva Import ${Date.now()}`);
  const download = await request.get('/s/demo/campaign.json');
  expect(download.status()).toBe(200);
  mkdirSync(testInfo.outputDir, { recursive: true });
  const file = join(testInfo.outputDir, 'campaign.json');
  writeFileSync(file, await download.body());

  await page.goto(`/s/${slug}`);
  await waitForHydration(page);
  await page.locator('.campaign-tools input[type="file"]').setInputFiles(file);
  page.once('dialog', (dialog) => dialog.accept());
  const reloaded = page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame());
  await page.locator('.campaign-tools').getByRole('button', { name: 'Import', exact: true }).click();
  await reloaded;
  await waitForHydration(page);

  // The report outlives the reload that shows the imported reminders, switched off.
  const report = page.locator('.campaign-tools .act-outcome.saved');
  await expect(report.locator('p')).toHaveText(/^Imported: 2 reminder/);
  // The demo counts in euros, this shop in francs: each amount is to be read again.
  await expect(report.locator('li').first()).toContainText('EUR');
  expect((await reminderRows(page)).map((row) => row[4])).toEqual(['Disabled', 'Disabled']);
  // Read once: a reload does not say it again.
  await page.reload();
  await waitForHydration(page);
  await expect(page.locator('.act-outcome')).toHaveCount(0);

  // Paused as a whole, and resumed: each click loads the page again, as the server now draws it.
  await page.locator('.campaign-tools button[data-act="pause"]').click();
  await expect(page.locator('.campaign-tools .notice.paused')).toBeVisible();
  await waitForHydration(page);
  await page.locator('.campaign-tools button[data-act="resume"]').click();
  await expect(page.locator('.campaign-tools button[data-act="pause"]')).toBeVisible();
  await expect(page.locator('.campaign-tools .notice.paused')).toHaveCount(0);
  await waitForHydration(page);

  // The escalation switch is saved as it is flipped.
  const escalation = page.locator('input[name="escalation"]');
  const before = await escalation.isChecked();
  const saved = page.waitForResponse((r) => r.url().includes('/admin/fn/perform_act'));
  await escalation.click();
  expect((await saved).status()).toBe(200);
  await page.reload();
  await waitForHydration(page);
  await expect(page.locator('input[name="escalation"]')).toBeChecked({ checked: !before });
  expect(problems).toEqual([]);
});

test("a shop's only rule is not deleted, and re-routing says how many carts move", async ({ page }) => {
  const problems = watchConsole(page);
  const slug = newShop(`Geneva Rules ${Date.now()}`);
  await page.goto(`/s/${slug}/rules`);
  await waitForHydration(page);
  const row = page.locator('table.rules tbody tr');
  await expect(row).toHaveCount(1);

  page.once('dialog', (dialog) => dialog.accept());
  await row.locator('button[data-act="reroute"]').click();
  await expect(row.locator('.save-status.saved')).toHaveText('0 cart(s) re-routed at the next pass.');

  page.once('dialog', (dialog) => dialog.dismiss());
  await row.locator('button[data-act="delete"]').click();
  page.once('dialog', (dialog) => dialog.accept());
  await row.locator('button[data-act="delete"]').click();
  await expect(row.locator('.save-status.error')).toHaveText("The shop's last rule cannot be deleted.");
  await page.reload();
  await expect(page.locator('table.rules tbody tr')).toHaveCount(1);
  expect(problems).toEqual([]);
});
