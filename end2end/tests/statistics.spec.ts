import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { follow, waitForHydration, watchConsole } from './helpers';

test.use({ locale: 'en-GB' });

/** "2026-11-23" shifted by `days`. */
function shift(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

test('a preset and the date inputs change the figures and the URL', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/s/demo/statistics');
  await waitForHydration(page);
  const carts = page.locator('#kpi-abandoned .kpi-detail');
  await expect(page.getByRole('link', { name: '30 days' })).toHaveAttribute('aria-current', 'page');
  // The demo's 500 carts were all created in the last 14 days (the Carts tests may add one).
  await expect(carts).toHaveText(/ of 50\d carts created$/);
  const thirtyDays = await carts.textContent();
  await expect(page.locator('.funnel')).not.toHaveCount(0);
  await expect(page.locator('#table-steps tbody tr')).not.toHaveCount(0);
  const today = await page.locator('#stats-to').inputValue();

  await follow(page, page.getByRole('link', { name: 'Today', exact: true }));

  await expect(page).toHaveURL(new RegExp(`from=${today}&to=${today}`));
  await expect(page.getByRole('link', { name: 'Today', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(carts).not.toHaveText(thirtyDays!);

  const weekAgo = shift(today, -6);
  await page.locator('#stats-from').fill(weekAgo);
  await page.locator('#stats-to').fill(today);
  await page.getByRole('button', { name: 'Show' }).click();

  await expect(page).toHaveURL(new RegExp(`from=${weekAgo}&to=${today}`));
  await expect(page.getByRole('link', { name: '7 days' })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('#stats-range')).toContainText('–');
  await expect(page.locator('#kpi-abandoned .kpi-delta')).toContainText(' vs ');

  // A shared link reloads the same view.
  await page.reload();
  await expect(page.locator('#stats-from')).toHaveValue(weekAgo);
  expect(errors).toEqual([]);
});

test('the tables download as CSV for the chosen range', async ({ page }) => {
  await page.goto('/s/demo/statistics');
  await waitForHydration(page);
  const today = await page.locator('#stats-to').inputValue();
  await follow(page, page.getByRole('link', { name: '7 days' }));
  // The new range's page is in place (the export link follows the range shown).
  await expect(page.getByRole('link', { name: '7 days' })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('#stats-export')).toHaveAttribute(
    'href',
    new RegExp(`from=${shift(today, -6)}&to=${today}`),
  );

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export the tables as CSV' }).click(),
  ]);

  const text = await readFile((await download.path())!, 'utf8');
  const lines = text.trim().split('\n');
  expect(lines[0]).toBe(
    'table,name,from,to,sent,opened,open_rate,clicked,click_rate,converted,conversion_rate,revenue,currency,machine_opened,machine_clicked',
  );
  expect(lines.length).toBeGreaterThan(1);
  expect(lines[1]).toContain(`,${shift(today, -6)},${today},`);
});

test('a reversed range says what is wrong', async ({ page }) => {
  await page.goto('/s/demo/statistics?from=2026-11-20&to=2026-11-01');
  await expect(page.locator('#stats-range-error')).toHaveText('The start date is after the end date.');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the figures, the charts as text and the tables are all in the page', async ({ page }) => {
    await page.goto('/s/demo/statistics');
    await expect(page.locator('#kpi-finalised .kpi-value')).toHaveText(/%|—/);
    await expect(page.locator('svg.daily-chart title').first()).toHaveText('Revenue and conversion per day');
    await expect(page.locator('.funnel desc').first()).toContainText('Sent: ');
    await expect(page.locator('details.chart-values tbody tr')).toHaveCount(30);
    await expect(page.locator('#table-templates')).toBeVisible();
  });
});
