import { expect, test } from '@playwright/test';
import { waitForHydration } from './helpers';

test.use({ locale: 'en-GB' });

// A storefront on another origin than Relance's (localhost, not 127.0.0.1), served by the
// browser's router: a static page with the snippet pasted from the Connect page.
test('a storefront with the pasted snippet sends its cart and the typed email to the carts page', async ({ page, baseURL }) => {
  const shopOrigin = baseURL!.replace('127.0.0.1', 'localhost');
  await page.goto('/s/demo/connect');
  await waitForHydration(page);
  const origins = page.locator('textarea[name="allowed_origins"]');
  await origins.fill(shopOrigin);
  await page.getByRole('button', { name: 'Save origins' }).click();
  await expect(page.locator('.tracker .save-status')).toHaveText('Tracker saved.');
  await expect(origins).toHaveValue(shopOrigin);
  const snippet = await page.locator('.tracker-snippet').textContent();
  expect(snippet).toContain(`${baseURL}/t.js`);

  const email = `lea.${Date.now()}@example.com`;
  await page.route(`${shopOrigin}/boutique`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="fr"><head><title>Boutique</title></head><body>
        <h1>Tasse émaillée</h1>
        <button id="add" onclick="relance('cart', { currency: 'EUR', total: '59.80', items: [
          { sku: 'MUG-1', name: 'Tasse émaillée', unit_price: '29.90', quantity: 2 }] })">Ajouter</button>
        <form><input type="email" id="email" placeholder="Email">
        <label><input type="checkbox" data-relance-consent> Me rappeler mon panier</label></form>
        ${snippet}
      </body></html>`,
    }),
  );
  await page.goto(`${shopOrigin}/boutique`);
  await expect(page.locator('h1')).toHaveText('Tasse émaillée');
  await page.waitForFunction(() => (window as unknown as { relance?: { loaded?: boolean } }).relance?.loaded === true);

  const cartSent = page.waitForResponse((r) => r.url().includes('/api/v1/tracker/') && r.request().method() === 'POST');
  await page.locator('#add').click();
  expect((await cartSent).status()).toBe(200);
  await page.getByRole('checkbox').check();
  const emailSent = page.waitForResponse((r) => r.url().includes('/api/v1/tracker/') && r.request().method() === 'POST');
  await page.locator('#email').fill(email);
  await page.locator('#email').press('Tab');
  const answer = await emailSent;
  expect(answer.status()).toBe(200);
  expect(answer.headers()['access-control-allow-origin']).toBe(shopOrigin);

  await page.goto(`/s/demo/carts?q=${encodeURIComponent(email)}`);
  await waitForHydration(page);
  const row = page.locator('table.carts tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(email);
  await expect(row.locator('.total')).toContainText(/59[.,]80/);
});
