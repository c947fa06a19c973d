import { expect, test } from '@playwright/test';
import { demoKey, postCart } from './carts-helpers';
import { follow, waitForHydration, watchConsole } from './helpers';

test.use({ locale: 'en-GB' });

test('the Carts list filters by state and keeps the filter in the URL', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/s/demo/carts');
  await waitForHydration(page);
  await expect(page.locator('[data-kpi="conversion"] strong')).toHaveText(/%$/);
  await expect(page.locator('table.carts tbody tr')).toHaveCount(25);

  await page.getByLabel('State').selectOption('ordered');
  await page.getByRole('button', { name: 'Filter' }).click();

  await expect(page).toHaveURL(/[?&]status=ordered/);
  const states = page.locator('table.carts tbody tr');
  await expect(states.first()).toHaveAttribute('data-status', 'ordered');
  for (const status of await states.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))) {
    expect(status).toBe('ordered');
  }
  await expect(page.locator('.summary')).toContainText('page 1 of');

  await follow(page, page.getByRole('link', { name: 'Clear filters' }));
  await expect(page).toHaveURL('/s/demo/carts');
  expect(problems).toEqual([]);
});

test('a waiting cart counts down to its first reminder', async ({ page, request }) => {
  const key = demoKey('e2e');
  const cartId = `e2e-${Date.now()}`;
  // Quiet for 75 minutes: abandoned 30 minutes after the activity, and the first reminder is
  // due 1 hour after that abandonment, so in 15 minutes.
  const occurredAt = new Date(Date.now() - 75 * 60 * 1000).toISOString();
  // The customer lives where it is early afternoon, outside the quiet hours (21:00-08:00)
  // whatever the hour this test runs at. Etc/GMT-2 is UTC+2 (POSIX signs are inverted).
  const offset = ((13 - new Date().getUTCHours() + 36) % 24) - 12;
  const timeZone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  const response = await request.post('/api/v1/events', {
    headers: { Authorization: `Bearer ${key}` },
    data: {
      id: `evt-${cartId}`,
      type: 'cart_updated',
      occurred_at: occurredAt,
      cart: {
        id: cartId,
        currency: 'EUR',
        total_tax_incl: '42.00',
        total_tax_excl: '35.00',
        items: [{ sku: 'demo_9', name: 'Canvas tote bag', unit_price: '35.00', quantity: 1 }],
      },
      customer: {
        id: `cu-${cartId}`,
        email: `${cartId}@example.com`,
        first_name: 'Countdown',
        language: 'en',
        time_zone: timeZone,
      },
    },
  });
  expect(response.status()).toBe(202);

  await page.goto(`/s/demo/carts?q=${cartId}`);
  await waitForHydration(page);
  const row = page.locator(`tr[data-cart="${cartId}"]`);
  await expect(row).toHaveAttribute('data-status', 'waiting');
  const countdown = row.locator('.countdown');
  await expect(countdown).toHaveText(/^in 1\d min \d\d s$/);
  const first = Number(await countdown.getAttribute('data-seconds'));
  await expect
    .poll(async () => Number(await countdown.getAttribute('data-seconds')), { timeout: 5_000 })
    .toBeLessThan(first);
});

test('a cart opens from the list and its next reminder can be queued', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/s/demo/carts?status=waiting');
  await waitForHydration(page);
  // A demo cart: the other tests' carts may be stopped by the bulk actions test meanwhile.
  const first = page.locator('table.carts tbody tr:not([data-cart^="e2e-"])').first();
  const cartId = await first.getAttribute('data-cart');
  await follow(page, first.locator('td.cart-id a'));

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Cart ${cartId}`);
  await expect(page.locator('[data-status="waiting"]')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Customer', exact: true })).toBeVisible();
  await expect(page.locator('table.items tbody tr').first()).toBeVisible();
  await expect(page.locator('table.items tfoot')).toContainText('Total incl. tax');

  await page.getByRole('button', { name: 'Send the next reminder now' }).click();

  await expect(page.getByRole('status')).toContainText('A reminder is queued');
  await expect(page.locator('.timeline li').last()).toContainText('Reminder requested by demo@relance.test');
  expect(problems).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the list, its filters, sorting and countdowns are all in the page', async ({ page }) => {
    await page.goto('/s/demo/carts?status=waiting');
    await expect(page.getByLabel('State')).toHaveValue('waiting');
    const rows = page.locator('table.carts tbody tr');
    await expect(rows.first()).toBeVisible();
    for (const status of await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-status')))) {
      expect(status).toBe('waiting');
    }
    await expect(page.locator('table.carts .countdown').first()).toHaveText(/^(in \d+ (h \d\d min|min \d\d s)|due now)$/);
    await expect(page.locator('.bulk-bar .count')).toHaveText('0 cart(s) selected');
    await expect(page.getByRole('button', { name: 'Stop reminders' })).toBeDisabled();
    await page.locator('th[aria-sort] a', { hasText: 'Total' }).click();
    await expect(page).toHaveURL(/sort=total/);
  });
});

test("an owner erases a cart's customer after a yes, and lands on the carts list", async ({ page, request }) => {
  const problems = watchConsole(page);
  const id = `e2e-erase-${Date.now()}`;
  await postCart(request, demoKey('e2e-erase'), id, 'Erase');
  await page.goto(`/s/demo/carts?q=${id}`);
  await follow(page, page.locator(`tr[data-cart="${id}"] td.cart-id a`));
  await expect(page.locator('.cart-columns')).toContainText(`${id}@example.com`);

  page.once('dialog', (dialog) => dialog.dismiss());
  await page.locator('.privacy button').click();
  await expect(page).toHaveURL(/\/s\/demo\/carts\/[^/]+$/);
  page.once('dialog', (dialog) => dialog.accept());
  await page.locator('.privacy button').click();
  await expect(page).toHaveURL('/s/demo/carts');
  await page.goto(`/s/demo/carts?q=${id}@example.com`);
  await expect(page.locator('table.carts')).toHaveCount(0);
  expect(problems).toEqual([]);
});
