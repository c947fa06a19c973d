import { expect, test } from '@playwright/test';
import { expectFirstLoadWithinTarget, follow, waitForHydration, watchConsole } from './helpers';

test.use({ locale: 'en-GB' });

test('an owner invites a colleague, who joins with the link, and the Activity tab shows both', async ({
  page,
  browser,
}) => {
  const problems = watchConsole(page);
  const email = `colleague-${Date.now()}@demo.test`;
  await page.goto('/s/demo/team');
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Team');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByRole('combobox', { name: 'Role' }).first().selectOption('manager');
  await page.getByRole('button', { name: 'Invite' }).click();
  // The page loads again, listing the invitation, and shows the link this once.
  const link = page.locator('.act-outcome .said-code');
  await expect(link).toHaveText(/\/invite\/[0-9a-f]{64}$/);
  const invitation = (await link.textContent())!;
  await expect(page.locator('.invitations')).toContainText(email);

  // The colleague, in a browser of their own, chooses a password and lands in the shop.
  const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const colleague = await theirs.newPage();
  await colleague.goto(new URL(invitation).pathname);
  await waitForHydration(colleague);
  await expectFirstLoadWithinTarget(colleague);
  await expect(colleague.getByText(email)).toBeVisible();
  await colleague.getByLabel(/^Password/).fill('a colleague password');
  await colleague.getByRole('button', { name: 'Create my account' }).click();
  await expect(colleague).toHaveURL('/s/demo');
  await waitForHydration(colleague);
  // A manager: Settings, but neither Team nor Activity.
  const nav = colleague.getByRole('navigation');
  await expect(nav.getByRole('link', { name: 'Settings', exact: true })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Team', exact: true })).toHaveCount(0);
  await theirs.close();

  // The owner makes the colleague staff: the role is saved as it is chosen.
  await page.reload();
  await waitForHydration(page);
  const select = page.locator(`tr[data-member="${email}"] select[name="role"]`);
  await expect(select).toHaveValue('manager');
  const saved = page.waitForResponse((r) => r.url().includes('/admin/fn/perform_act'));
  await select.selectOption('staff');
  expect((await saved).status()).toBe(200);
  await page.reload();
  await expect(page.locator(`tr[data-member="${email}"] select[name="role"]`)).toHaveValue('staff');

  await follow(page, page.getByRole('navigation').getByRole('link', { name: 'Activity', exact: true }));
  await expect(page).toHaveURL('/s/demo/activity');
  const rows = page.locator('table.activity tbody tr');
  await expect(rows.filter({ hasText: 'Invitation accepted' }).filter({ hasText: email })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Invitation sent' }).filter({ hasText: email })).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Export (CSV)' })).toHaveAttribute('href', /\/s\/demo\/activity\.csv\?/);
  expect(problems).toEqual([]);
});

test('the Reminders tab offers the campaign download and the switcher a new shop', async ({ page }) => {
  await page.goto('/s/demo');
  await waitForHydration(page);
  await expect(page.getByRole('link', { name: 'Export (JSON)' })).toHaveAttribute('href', '/s/demo/campaign.json?rule=demo-campaign');
  const download = await page.request.get('/s/demo/campaign.json');
  expect(download.status()).toBe(200);
  expect((await download.json()).format).toBe('relance.campaign');
  await page.locator('.shop-switcher summary').click();
  await expect(page.getByRole('link', { name: '+ New shop' })).toHaveAttribute('href', '/shops/new');
});

test('the Connect page gives each platform its webhook URL and a secret', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/s/demo/connect');
  await waitForHydration(page);
  const woo = page.locator('.webhook[data-platform="woocommerce"]');
  await expect(woo.locator('.webhook-url')).toHaveText(/\/webhooks\/woocommerce\/demo$/);
  page.once('dialog', (dialog) => dialog.accept());
  await woo.getByRole('button', { name: 'New secret' }).click();
  await expect(woo.locator('.webhook-secret')).toHaveText(/^[0-9a-f]{64}$/);
  const shopify = page.locator('.webhook[data-platform="shopify"]');
  await shopify.getByLabel(/The app's secret/).fill('shpss_from_the_e2e_test_0001');
  await shopify.getByRole('button', { name: 'Save' }).click();
  await expect(shopify.locator('.webhook-secret')).toHaveText('shpss_from_the_e2e_test_0001');
  expect(problems).toEqual([]);
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the invitation form still invites: the server answers by loading the page again', async ({ page }) => {
    const email = `no-script-${Date.now()}@demo.test`;
    await page.goto('/s/demo/team');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByRole('checkbox').uncheck();
    await page.getByRole('button', { name: 'Invite' }).click();
    // Back on the page (Leptos adds an empty query where a refusal would be said).
    await expect(page).toHaveURL(/\/s\/demo\/team\??$/);
    await expect(page.locator('.invitations')).toContainText(email);
  });
});
