import { expect, test } from '@playwright/test';
import { execFileSync, execSync } from 'node:child_process';
import { databaseUrl, relanceBin } from '../playwright.config';
import { DEMO_ADMIN, follow, waitForHydration } from './helpers';

test.use({ locale: 'en-GB' });

/** Runs `relance` on the served database, as an operator would. */
function relance(args: string[], extra: Record<string, string> = {}): string {
  return execFileSync(relanceBin, args, {
    env: { ...process.env, DATABASE_URL: databaseUrl, RUST_LOG: 'error', ...extra },
  }).toString();
}

test('two shops with their own currency and time zone each see only their carts', async ({ page, request }) => {
  const created = relance([
    'shop', 'create', '--name', 'Zurich Atelier', '--url', 'https://zurich.example',
    '--currency', 'CHF', '--timezone', 'Europe/Zurich', '--language', 'fr',
  ]);
  const slug = created.split('\n')[0].trim();
  expect(slug).toBe('zurich-atelier');
  const key = relance(['api-key', 'create', 'e2e', '--shop', slug]).trim();
  const posted = await request.post('/api/v1/events', {
    headers: { Authorization: `Bearer ${key}` },
    data: {
      id: 'zurich-evt-1',
      type: 'cart_updated',
      occurred_at: new Date().toISOString(),
      cart: {
        id: 'zurich-cart-1', currency: 'CHF', total_tax_incl: '120.00', total_tax_excl: '111.00',
        items: [{ sku: 'zh-1', name: 'Montre', unit_price: '120.00', quantity: 1 }],
      },
      customer: { id: 'zh-cu-1', email: 'anna@example.ch', language: 'fr' },
    },
  });
  expect(posted.status()).toBe(202);

  await page.goto('/s/demo/carts');
  await waitForHydration(page);
  await expect(page.locator('.zone')).toContainText('Europe/Paris');
  await expect(page.locator('tr[data-cart="zurich-cart-1"]')).toHaveCount(0);

  await page.locator('.shop-switcher summary').click();
  await follow(page, page.getByRole('link', { name: /Zurich Atelier/ }));
  await expect(page).toHaveURL(`/s/${slug}`);
  await waitForHydration(page);
  await follow(page, page.getByRole('navigation').getByRole('link', { name: 'Carts', exact: true }));
  await expect(page).toHaveURL(`/s/${slug}/carts`);
  const row = page.locator('tr[data-cart="zurich-cart-1"]');
  await expect(row).toBeVisible();
  await expect(row.locator('.total')).toContainText('CHF');
  await expect(page.locator('.zone')).toContainText('Europe/Zurich');
  await expect(page.locator('table.carts tbody tr')).toHaveCount(1);

  await follow(page, page.getByRole('navigation').getByRole('link', { name: 'Statistics', exact: true }));
  await expect(page).toHaveURL(new RegExp(`/s/${slug}/statistics`));
  await waitForHydration(page);
  // Its own figures, in francs: none of the demo shop's 500 carts.
  await expect(page.locator('#kpi-revenue .kpi-value')).toContainText('CHF');
  await expect(page.locator('#kpi-abandoned .kpi-detail')).toHaveText(/ of [01] carts? created$/);
});

test("a second shop's server-drawn pages save its own settings, keys, templates and codes", async ({ page }) => {
  const stamp = Date.now();
  const slug = relance([
    'shop', 'create', '--name', `Lyon ${stamp}`, '--url', 'https://lyon.example',
    '--currency', 'EUR', '--timezone', 'Europe/Paris', '--language', 'fr',
  ]).split('\n')[0].trim();

  const address = `aide-${stamp}@lyon.example`;
  await page.goto(`/s/${slug}/settings`);
  await waitForHydration(page);
  await page.getByLabel('Support contact (Help tab)').fill(address);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Settings saved.');
  await page.reload();
  await expect(page.getByLabel('Support contact (Help tab)')).toHaveValue(address);
  await page.goto('/s/demo/settings');
  await expect(page.getByLabel('Support contact (Help tab)')).not.toHaveValue(address);

  await page.goto(`/s/${slug}/connect`);
  await waitForHydration(page);
  await page.locator('#key-name').fill('Lyon key');
  await page.locator('form.key-form').getByRole('button').click();
  await expect(page.locator('.act-outcome .said-code')).toHaveText(/^rlk_/);
  await page.reload();
  await expect(page.locator('table.keys tr', { hasText: 'Lyon key' })).toHaveCount(1);

  await page.goto(`/s/${slug}/codes`);
  await waitForHydration(page);
  await page.locator('#codes-name').fill('Lyon codes');
  await page.locator('#codes-text').fill('LYON-1\nLYON-2\n');
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.locator('.act-outcome.saved')).toHaveText('2 codes imported.');
  await expect(page.locator('#collections tr', { hasText: 'Lyon codes' })).toHaveCount(1);

  await page.goto(`/s/${slug}/templates`);
  await waitForHydration(page);
  await page.getByLabel('New template').fill('Lyon template');
  await page.getByRole('button', { name: 'Create template' }).click();
  await expect(page).toHaveURL(new RegExp(`/s/${slug}/templates/[0-9a-f-]{36}$`));
  // Its editor previews with this shop's sample, and saves to this shop.
  await waitForHydration(page);
  await page.locator('#subject').fill(`Votre panier chez Lyon ${stamp}`);
  await expect(page.getByTestId('preview-subject')).toHaveText(`Votre panier chez Lyon ${stamp}`);
  await expect.poll(async () => (await page.locator('.editor iframe').getAttribute('srcdoc')) ?? '').toContain(`Lyon ${stamp}`);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.save-status')).toHaveText('Saved');
  await page.reload();
  await expect(page.locator('#subject')).toHaveValue(`Votre panier chez Lyon ${stamp}`);
  await page.goto('/s/demo/templates');
  await expect(page.locator('table.templates')).not.toContainText('Lyon template');
});

test.describe('a staff account', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('sees the shop but a campaign edit is refused and nothing changes', async ({ page }) => {
    const email = `staff-${Date.now()}@demo.test`;
    relance(['admin', 'create', '--email', email, '--role', 'staff', '--shop', 'demo'], {
      RELANCE_ADMIN_PASSWORD: 'staff password 1',
    });
    await page.goto('/login');
    await waitForHydration(page);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill('staff password 1');
    await page.locator('form:has(#password) button[type=submit]').click();
    await expect(page).toHaveURL('/s/demo');
    await waitForHydration(page);
    const nav = page.getByRole('navigation');
    await expect(nav.getByRole('link', { name: 'Carts', exact: true })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Settings', exact: true })).toHaveCount(0);

    const toggle = page.locator('tr[data-step-id] input[role="switch"]').first();
    const before = await toggle.isChecked();
    const refused = page.waitForResponse((r) => r.url().includes('/admin/fn/perform_act'));
    await toggle.click();
    expect((await refused).status()).toBe(403);
    // The switch goes back, and the stored campaign did not change.
    await expect(toggle).toBeChecked({ checked: before });
    await page.reload();
    await waitForHydration(page);
    await expect(page.locator('tr[data-step-id] input[role="switch"]').first()).toBeChecked({ checked: before });
    expect(DEMO_ADMIN.email).not.toBe(email);
  });
});

test('an owner adds a shop through its form: a wrong field is said beside it, then its key once and a request that works', async ({ page }) => {
  const stamp = Date.now();
  await page.goto('/shops/new');
  await waitForHydration(page);
  // The browser's own zone is put in for a start.
  await expect(page.getByLabel(/^Time zone/)).not.toHaveValue('');
  await page.getByLabel('Shop website').fill('not a website');
  await page.getByRole('button', { name: 'Create the shop' }).click();
  await expect(page.locator('#shop-name-error')).not.toBeEmpty();
  await expect(page.locator('#shop-url-error')).not.toBeEmpty();
  await expect(page.getByRole('heading', { name: 'Connect your shop' })).toBeHidden();

  await page.getByLabel('Shop name').fill(`Nantes ${stamp}`);
  await page.getByLabel('Shop website').fill('https://nantes.example');
  await page.getByRole('button', { name: 'Create the shop' }).click();
  await expect(page.getByRole('heading', { name: 'Connect your shop' })).toBeVisible();
  await expect(page.locator('.api-key')).toHaveText(/^rlk_/);
  const curl = await page.locator('pre.curl').innerText();
  expect(curl).toContain(await page.locator('.api-key').innerText());
  const answer = execSync(`${curl} -sS -w ' %{http_code}'`, { shell: '/bin/bash' }).toString();
  expect(answer).toMatch(/"accepted":1.* 202$/);

  await follow(page, page.getByRole('link', { name: 'Open the admin' }));
  await expect(page).toHaveURL(new RegExp(`/s/nantes-${stamp}$`));
});
