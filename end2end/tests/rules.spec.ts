import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { databaseUrl, relanceBin } from '../playwright.config';
import { follow, reminderRows, waitForHydration, watchConsole } from './helpers';

test.use({ locale: 'en-GB' });

test('a rule is built with conditions, refused beside a wrong field, then saved and listed', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/s/demo/rules');
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rules');
  // The demo's three rules, highest priority first.
  await expect(page.locator('table.rules tbody th')).toHaveText([
    'Gros paniers',
    'Clients fidèles',
    'Relance de panier abandonné',
  ]);

  await follow(page, page.getByRole('link', { name: 'New rule' }));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New rule');
  await waitForHydration(page);
  const name = `Belgian weekend ${Date.now()}`;
  await page.locator('input[name="name"]').fill(name);
  await page.locator('input[name="priority"]').fill('30');
  // A new rule measures its lift: a tenth of its customers get nothing.
  await expect(page.locator('input[name="holdout"]')).toHaveValue('10');
  await page.locator('input[name="holdout"]').fill('60');
  await page.locator('input[name="countries"]').fill('be, lu');
  await page.locator('input[name="age_min"]').fill('60');
  await page.locator('input[name="age_max"]').fill('18');
  await page.locator('select[name="amount_compare"]').selectOption('at_least');
  await page.locator('input[name="amount"]').fill('80');
  await page.locator('input[name="weekdays[5]"]').check();
  await page.locator('input[name="weekdays[6]"]').check();
  await page.getByRole('button', { name: 'Save rule' }).click();

  await expect(page.locator('.field-error:not(:empty)')).toHaveText([
    'the control group is a whole percentage from 0 to 50',
    'the maximum age (18) is below the minimum (60)',
  ]);
  await page.locator('input[name="holdout"]').fill('20');
  await page.locator('input[name="age_max"]').fill('');
  await page.getByRole('button', { name: 'Save rule' }).click();
  await expect(page).toHaveURL(/\/s\/demo\/rules$/);

  const row = page.locator('table.rules tbody tr').filter({ hasText: name });
  await expect(page.locator('table.rules tbody th').first()).toHaveText(name);
  await expect(row.locator('ul.conditions li')).toHaveText([
    'Country is BE, LU',
    'Age 60 or more',
    'Cart total (tax incl.) ≥ 80',
    'Abandoned Sat, Sun',
  ]);
  await expect(row.locator('.state')).toHaveText('Paused');
  await expect(row.locator('.holdout')).toHaveText('Control group: 20% of customers get nothing');

  // Its reminders are its own: the Reminders page opens on it from the list.
  await follow(page, row.getByRole('link', { name: '0 / 0' }));
  await expect(page.locator('nav.rule-tabs a[aria-current="page"]')).toHaveText(name);
  await expect(page.locator('p.empty')).toBeVisible();
  expect(problems).toEqual([]);
});

test("a rule's editor shows its saved conditions, adds a product picked from the shop's and saves in place", async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/s/demo/rules/new');
  await waitForHydration(page);
  const name = `Coats ${Date.now()}`;
  await page.locator('input[name="name"]').fill(name);
  await page.locator('input[name="countries"]').fill('fr');
  await page.locator('input[name="weekdays[0]"]').check();
  await page.getByRole('button', { name: 'Save rule' }).click();
  await expect(page).toHaveURL(/\/s\/demo\/rules$/);

  await follow(page, page.locator('table.rules tbody tr').filter({ hasText: name }).getByRole('link', { name: 'Edit' }));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit rule');
  await expect(page.locator('input[name="name"]')).toHaveValue(name);
  await expect(page.locator('input[name="countries"]')).toHaveValue('FR');
  await expect(page.locator('input[name="weekdays[0]"]')).toBeChecked();
  await waitForHydration(page);
  // The demo's carts hold demo_3; picked from the list, it is added as a line.
  const search = page.locator('input[data-append-to="skus"]');
  await search.fill('demo_3');
  await search.press('Tab');
  await expect(page.locator('textarea[name="skus"]')).toHaveValue('demo_3');
  await expect(search).toHaveValue('');
  await page.getByRole('button', { name: 'Save rule' }).click();
  await expect(page.getByRole('status')).toHaveText('Rule saved.');
  await page.reload();
  await expect(page.locator('textarea[name="skus"]')).toHaveValue('demo_3');
  await expect(page.locator('input[name="weekdays[0]"]')).toBeChecked();
  expect(problems).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test("the rule editor shows a rule's saved conditions as the server sends it", async ({ page }) => {
    await page.goto('/s/demo/rules');
    const edit = page.locator('table.rules tbody tr').filter({ hasText: 'Gros paniers' }).getByRole('link', { name: 'Edit' });
    await page.goto((await edit.getAttribute('href'))!);
    await expect(page.locator('input[name="name"]')).toHaveValue('Gros paniers');
    await expect(page.locator('select[name="amount_compare"]')).not.toHaveValue('');
    await expect(page.locator('input[name="amount"]')).not.toHaveValue('');
  });
});

test('a cart page shows why its rule was chosen, condition by condition', async ({ page, request }) => {
  const problems = watchConsole(page);
  const key = execFileSync(relanceBin, ['api-key', 'create', 'e2e-rules', '--shop', 'demo'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, RUST_LOG: 'error' },
  })
    .toString()
    .trim();
  const cartId = `e2e-big-${Date.now()}`;
  const response = await request.post('/api/v1/events', {
    headers: { Authorization: `Bearer ${key}` },
    data: {
      id: `evt-${cartId}`,
      type: 'cart_updated',
      occurred_at: new Date(Date.now() - 5 * 60 * 1000).toISOString(),
      cart: {
        id: cartId,
        currency: 'EUR',
        total_tax_incl: '240.00',
        total_tax_excl: '200.00',
        items: [{ sku: 'demo_3', name: 'Wool coat', unit_price: '240.00', quantity: 1 }],
      },
      customer: { id: `cu-${cartId}`, email: `${cartId}@example.com`, first_name: 'Big', language: 'en' },
    },
  });
  expect(response.status()).toBe(202);

  await page.goto(`/s/demo/carts?q=${cartId}`);
  await waitForHydration(page);
  await follow(page, page.locator(`tr[data-cart="${cartId}"] td.cart-id a`));
  const why = page.locator('section.why-rule');
  await expect(why.getByRole('heading', { name: 'Why this rule' })).toBeVisible();
  const chosen = why.locator('.rule-check[data-state="chosen"]');
  await expect(chosen.locator('h3')).toContainText('Gros paniers');
  await expect(chosen.locator('tbody tr').first()).toContainText('Cart total (tax incl.) ≥ 150');
  await expect(chosen.locator('tbody tr').first()).toContainText(/240(\.00)? EUR/);
  await expect(chosen.locator('tbody tr td[data-passed="true"]')).toHaveText('holds');
  // The loyal customers' rule fails on the orders count; the cart's value is shown.
  const loyal = why.locator('.rule-check').filter({ hasText: 'Clients fidèles' });
  await expect(loyal).toHaveAttribute('data-state', 'failed');
  await expect(loyal.locator('tbody tr').first()).toContainText('Past orders ≥ 3');
  await expect(loyal.locator('tbody tr').first().locator('td[data-passed]')).toHaveText('fails');
  // The main campaign holds too, but comes after (other tests' rules may be listed as well).
  await expect(why.locator('.rule-check').filter({ hasText: 'Relance de panier abandonné' })).toHaveAttribute(
    'data-state',
    'outranked',
  );
  expect(problems).toEqual([]);
});

test('the Reminders page has a tab per rule, each with its own reminders', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/s/demo');
  await waitForHydration(page);
  await follow(page, page.locator('nav.rule-tabs').getByRole('link', { name: 'Gros paniers' }));
  await expect(page).toHaveURL(/\?rule=demo-rule-big-carts$/);
  await expect(page.locator('nav.rule-tabs a[aria-current="page"]')).toHaveText('Gros paniers');
  const rows = await reminderRows(page);
  expect(rows.map((row) => row[0])).toEqual([
    '1 hour',
    '1 day after the previous reminder',
    '2 days after the previous reminder',
  ]);
  // The third is a call for the team.
  await expect(page.locator('tbody.reminder').nth(2).locator('.badge.call')).toBeVisible();
  expect(problems).toEqual([]);
});
