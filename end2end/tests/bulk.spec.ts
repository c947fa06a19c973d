import { expect, test } from '@playwright/test';
import { waitForHydration, watchConsole } from './helpers';

test.use({ locale: 'en-GB' });

test('selected carts get their reminders stopped, then restarted, and export as CSV', async ({ page }) => {
  const problems = watchConsole(page);
  page.on('dialog', (dialog) => dialog.accept());
  await page.goto('/s/demo/carts?status=waiting');
  await waitForHydration(page);
  const rows = page.locator('table.carts tbody tr');
  const first = rows.nth(0);
  const second = rows.nth(1);
  const ids = [await first.getAttribute('data-cart'), await second.getAttribute('data-cart')];
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

  await page.locator(`tr[data-cart="${ids[0]}"] td.cart-id a`).click();
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
