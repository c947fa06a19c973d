import { expect, test } from '@playwright/test';
import { demoKey, postCart } from './carts-helpers';
import { follow, waitForHydration, watchConsole } from './helpers';

test.use({ locale: 'en-GB' });

test('selected carts get their reminders stopped, then restarted, and export as CSV', async ({ page, request }) => {
  const problems = watchConsole(page);
  page.on('dialog', (dialog) => dialog.accept());
  // Carts of this test's own, so the other tests' carts keep their reminders.
  const key = demoKey('e2e-bulk');
  const batch = `e2e-bulk-${Date.now()}`;
  const ids = [`${batch}-a`, `${batch}-b`];
  for (const id of ids) await postCart(request, key, id, 'Bulk');
  await page.goto(`/s/demo/carts?q=${batch}`);
  await waitForHydration(page);
  const first = page.locator(`tr[data-cart="${ids[0]}"]`);
  const second = page.locator(`tr[data-cart="${ids[1]}"]`);
  await first.locator('input[name="select"]').check();
  await second.locator('input[name="select"]').check();
  await expect(page.locator('.bulk-bar .count')).toHaveText('2 cart(s) selected');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export (CSV)' }).click();
  const csv = await (await download).createReadStream();
  const text = await new Promise<string>((resolve) => {
    let body = '';
    csv.on('data', (chunk) => (body += chunk));
    csv.on('end', () => resolve(body));
  });
  expect(text.split('\n')[0]).toContain('cart,email,first_name');
  for (const id of ids) expect(text).toContain(`${id},`);

  await page.getByRole('button', { name: 'Stop reminders' }).click();
  await expect(page.locator('.bulk-bar [role="status"]')).toHaveText('2 cart(s) changed.');
  for (const id of ids) {
    await expect(page.locator(`tr[data-cart="${id}"]`)).toHaveAttribute('data-stopped', 'true');
    await expect(page.locator(`tr[data-cart="${id}"] .state.stopped`)).toHaveText('Reminders stopped');
  }

  await follow(page, page.locator(`tr[data-cart="${ids[0]}"] td.cart-id a`));
  await expect(page.locator('p.notice.stopped')).toContainText('Reminders stopped by the shop');
  await expect(page.getByRole('button', { name: 'Send the next reminder now' })).toHaveCount(0);
  await page.goBack();
  await waitForHydration(page);
  await page.locator(`tr[data-cart="${ids[0]}"] input[name="select"]`).check();
  await page.getByRole('button', { name: 'Restart from the first reminder' }).click();
  await expect(page.locator('.bulk-bar [role="status"]')).toHaveText('1 cart(s) changed.');
  await expect(page.locator(`tr[data-cart="${ids[0]}"]`)).toHaveAttribute('data-stopped', 'false');
  expect(problems).toEqual([]);
});
