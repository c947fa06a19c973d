import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { databaseUrl, relanceBin } from '../playwright.config';
import { signIn, waitForHydration } from '../tests/helpers';

test.use({ locale: 'en-GB' });

const KEYSTROKES = 80;
const WARM_UP = 10;

/** An abandoned cart of eight different products, sent through the real API. */
async function eightItemCart(request: import('@playwright/test').APIRequestContext): Promise<string> {
  const key = execFileSync(relanceBin, ['api-key', 'create', 'bench', '--shop', 'demo'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, RUST_LOG: 'error' },
  })
    .toString()
    .trim();
  const cartId = `bench-${Date.now()}`;
  const items = Array.from({ length: 8 }, (_, i) => ({
    sku: `sku-${i}`,
    name: `Produit de démonstration ${i + 1}`,
    description: 'Coupe classique, coton biologique, fabriqué en France',
    image_url: `https://shop.example/img/${i}.jpg`,
    product_url: `https://shop.example/p/${i}`,
    unit_price: '19.90',
    quantity: 1 + (i % 3),
  }));
  const response = await request.post('/api/v1/events', {
    headers: { authorization: `Bearer ${key}` },
    data: {
      id: `${cartId}-e1`,
      type: 'cart_updated',
      occurred_at: new Date(Date.now() - 2 * 3600 * 1000).toISOString(),
      cart: { id: cartId, currency: 'EUR', total_tax_incl: '278.60', total_tax_excl: '232.17', shipping: '4.90', items },
      customer: { id: `${cartId}-cu`, email: `${cartId}@example.com`, first_name: 'Bench', last_name: 'Mark', language: 'fr' },
    },
  });
  expect(response.status()).toBe(202);
  return cartId;
}

test('one preview render of an 8-item cart, measured in Chromium', async ({ page, request }) => {
  const cartId = await eightItemCart(request);
  await page.goto('/login');
  await signIn(page);
  await expect(page).toHaveURL('/s/demo');
  await page.goto('/s/demo/templates/demo-template-1');
  await waitForHydration(page);
  const sample = page.locator('select[name="sample"]');
  const value = await sample.locator('option', { hasText: cartId }).getAttribute('value');
  await sample.selectOption(value!);
  await expect
    .poll(async () => ((await page.locator('.editor iframe').getAttribute('srcdoc')) ?? '').split('alt="Produit de démonstration').length - 1)
    .toBe(8);

  const subject = page.locator('#subject');
  await subject.click();
  await subject.press('End');
  const micros: number[] = [];
  for (let i = 0; i < KEYSTROKES; i++) {
    await subject.press(i % 2 === 0 ? 'x' : 'Backspace');
    micros.push(Number(await page.locator('.preview-frame').getAttribute('data-render-us')));
  }
  const sorted = micros.slice(WARM_UP).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const html = (await page.locator('.editor iframe').getAttribute('srcdoc')) ?? '';
  console.log(
    JSON.stringify({
      renders: sorted.length,
      median_ms: at(0.5) / 1000,
      p95_ms: at(0.95) / 1000,
      max_ms: sorted[sorted.length - 1] / 1000,
      html_bytes: Buffer.byteLength(html),
    }),
  );
});
