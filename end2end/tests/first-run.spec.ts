import { expect, test } from '@playwright/test';
import { execFileSync, execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstRunDatabaseUrl, firstRunOutbox, relanceBin } from '../playwright.config';
import { expectFirstLoadWithinTarget, follow, waitForHydration, watchConsole } from './helpers';

test.use({ locale: 'en-GB' });

test('from an empty database: set-up, the shown curl, the campaign turned on, a reminder goes out, the wizard adds one', async ({
  page,
}) => {
  const problems = watchConsole(page);
  await page.goto('/carts');
  await expect(page).toHaveURL(/\/setup$/);
  await waitForHydration(page);
  await expectFirstLoadWithinTarget(page);

  // The pass runs two hours from now: the shop lives where that is early afternoon, outside
  // the quiet hours whatever the hour this test runs at (Etc/GMT-2 is UTC+2).
  const passAt = new Date(Date.now() + 2 * 60 * 60 * 1000);
  const offset = ((13 - passAt.getUTCHours() + 36) % 24) - 12;
  const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  await page.getByLabel('Your email').fill('owner@first-run.test');
  await page.getByLabel(/^Password/).fill('first run password');
  await page.getByLabel('Shop name').fill('First Run Shop');
  await page.getByLabel('Shop website').fill('https://first-run.example');
  await page.getByLabel(/^Currency/).fill('EUR');
  await page.getByLabel(/^Time zone/).fill(zone);
  await page.getByLabel(/^Default language/).fill('en');
  await page.getByRole('button', { name: 'Create my account and my shop' }).click();

  await expect(page.getByRole('heading', { name: 'Connect your shop' })).toBeVisible();
  await expect(page.locator('.api-key')).toHaveText(/^rlk_/);
  const curl = await page.locator('pre.curl').innerText();
  const answer = execSync(`${curl} -sS -w ' %{http_code}'`, { shell: '/bin/bash' }).toString();
  expect(answer).toMatch(/"accepted":1.* 202$/);

  await follow(page, page.getByRole('link', { name: 'Open the admin' }));
  await expect(page).toHaveURL(/\/s\/first-run-shop$/);
  await waitForHydration(page);
  const firstStep = page.locator('tr[data-step-id] input[role="switch"]').first();
  await expect(firstStep).not.toBeChecked();
  await firstStep.check();
  const env = { ...process.env, DATABASE_URL: firstRunDatabaseUrl, RELANCE_OUTBOX_DIR: firstRunOutbox, RUST_LOG: 'error' };
  const dryRun = () =>
    JSON.parse(
      execFileSync(relanceBin, ['run-once', '--dry-run', '--json', '--at', passAt.toISOString()], { env }).toString(),
    ).would_send;
  // The switch saves as it flips: the engine sees the step once it is stored.
  await expect.poll(dryRun, { timeout: 10_000 }).toBe(1);
  const run = JSON.parse(
    execFileSync(relanceBin, ['run-once', '--json', '--at', passAt.toISOString()], { env }).toString(),
  );
  expect(run.sent).toBe(1);
  const mails = readdirSync(firstRunOutbox).filter((name) => name.endsWith('.eml'));
  expect(mails).toHaveLength(1);
  expect(readFileSync(join(firstRunOutbox, mails[0]), 'utf8')).toContain('To: customer@example.com');

  await page.goto('/carts'); // an old bookmark: the shop used last
  await expect(page).toHaveURL(/\/s\/first-run-shop\/carts$/);
  await waitForHydration(page);
  await page.locator('table.carts tbody tr td.cart-id a').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cart cart-1');
  await expect(page.locator('.timeline')).toContainText('Reminder "1 hour" sent');

  // The shop's own template opens in the editor, previews with its own sample, and saves.
  await page.goto('/s/first-run-shop/templates');
  await follow(page, page.locator('table.templates a[href^="/s/first-run-shop/templates/"]').first());
  await page.locator('#subject').fill('Votre panier vous attend, {first_name}');
  await expect(page.getByTestId('preview-subject')).toHaveText(/^Votre panier vous attend, \S+/);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.save-status')).toHaveText('Saved');
  await page.reload();
  await expect(page.locator('#subject')).toHaveValue('Votre panier vous attend, {first_name}');

  // The shop's reminder wizard: a third reminder with a discount by cart value, on its own
  // template, saved into this shop's campaign.
  await page.goto('/s/first-run-shop');
  await waitForHydration(page);
  const steps = page.locator('table.reminders tbody tr[data-step-id]');
  const before = await steps.count();
  await follow(page, page.getByRole('link', { name: 'Create a new reminder' }));
  await waitForHydration(page);
  await page.getByLabel('Send after').first().fill('5');
  await page.locator('select[aria-label="Send after"]').selectOption('days');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('.wizard-stages li.current')).toHaveText('2. Discount');
  await page.getByLabel('Yes', { exact: true }).filter({ visible: true }).check();
  await page.getByRole('button', { name: '+ Add a range' }).click();
  await expect(page.locator('fieldset.range')).toHaveCount(2);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('.wizard-stages li.current')).toHaveText('3. Email');
  await expect(page.frameLocator('.wizard iframe.wizard-editor').locator('.editor-head h2')).not.toHaveText('');
  await page.getByRole('button', { name: 'Save reminder' }).click();
  await expect(page).toHaveURL(/\/s\/first-run-shop$/);
  await expect(steps).toHaveCount(before + 1);
  await expect(steps.last().locator('td.discount')).toHaveText('Depends on cart value');
  expect(problems).toEqual([]);
});
