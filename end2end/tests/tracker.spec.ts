import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitForHydration } from './helpers';

test.use({ locale: 'en-GB' });

/** A static storefront on its own port (another origin than Relance's), serving `html`. */
async function storefront(html: () => string): Promise<{ origin: string; server: Server }> {
  const server = createServer((_, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(html());
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

test('a storefront with the pasted snippet sends its cart and the typed email to the carts page', async ({ page, baseURL }) => {
  let snippet = '';
  const shop = await storefront(() => `<!doctype html><html lang="fr"><head><title>Boutique</title></head><body>
    <h1>Tasse émaillée</h1>
    <button id="add" onclick="relance('cart', { currency: 'EUR', total: '59.80', items: [
      { sku: 'MUG-1', name: 'Tasse émaillée', unit_price: '29.90', quantity: 2 }] })">Ajouter</button>
    <form><input type="email" id="email" placeholder="Email">
    <label><input type="checkbox" data-relance-consent> Me rappeler mon panier</label></form>
    ${snippet}
  </body></html>`);
  const shopOrigin = shop.origin;
  await page.goto('/s/demo/connect');
  await waitForHydration(page);
  const origins = page.locator('textarea[name="allowed_origins"]');
  await origins.fill(shopOrigin);
  await page.getByRole('button', { name: 'Save origins' }).click();
  await expect(page.locator('.tracker .act-outcome')).toHaveText('Tracker saved.');
  await expect(origins).toHaveValue(shopOrigin);
  snippet = (await page.locator('.tracker-snippet').textContent()) ?? '';
  expect(snippet).toContain(`${baseURL}/t.js`);

  const email = `lea.${Date.now()}@example.com`;
  await page.goto(`${shopOrigin}/boutique`);
  await expect(page.locator('h1')).toHaveText('Tasse émaillée');
  await page.waitForFunction(() => (window as unknown as { relance?: { loaded?: boolean } }).relance?.loaded === true);

  const cartSent = page.waitForResponse((r) => r.url().includes('/api/v1/tracker/') && r.request().method() === 'POST');
  await page.locator('#add').click();
  expect((await cartSent).status()).toBe(200);
  await page.getByRole('checkbox').check();
  const emailSent = page.waitForResponse(
    (r) => r.url().includes('/api/v1/tracker/') && (r.request().postData() ?? '').includes(email),
  );
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
  shop.server.close();

  // The Connect page's log shows the tracker's requests; a test event joins them.
  await page.goto('/s/demo/connect');
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Send a test event' }).click();
  await expect(page.locator('.connect-log .save-status')).toContainText('Test event received');
  await expect(async () => {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.locator('.connect-log-table tr', { hasText: 'tracker' }).first()).toBeVisible({ timeout: 1_000 });
    await expect(page.locator('.connect-log-table tr', { hasText: 'relance-test-' }).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
});
