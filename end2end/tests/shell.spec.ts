import { expect, test } from '@playwright/test';
import { follow, waitForHydration, watchConsole } from './helpers';

test.use({ locale: 'en-US' });

const tabs = [
  { name: 'Reminders', path: '/s/demo' },
  { name: 'Automatic sending', path: '/s/demo/sending' },
  { name: 'Statistics', path: '/s/demo/statistics' },
  { name: 'Carts', path: '/s/demo/carts' },
  { name: 'Help', path: '/s/demo/help' },
  { name: 'Settings', path: '/s/demo/settings' },
];

test('every tab opens from the navigation without a console error', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/s/demo');
  await waitForHydration(page);
  for (const tab of tabs) {
    await follow(page, page.getByRole('navigation').getByRole('link', { name: tab.name, exact: true }));
    await expect(page).toHaveURL(tab.path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(tab.name);
    await expect(page.getByRole('navigation').getByRole('link', { name: tab.name, exact: true })).toHaveAttribute(
      'aria-current',
      'page',
    );
  }
  expect(problems).toEqual([]);
});

test('the favicon is served', async ({ request }) => {
  const response = await request.get('/favicon.ico');
  expect(response.status()).toBe(200);
  expect((await response.body()).length).toBeGreaterThan(0);
});

test('an unknown page answers 404 with a way back', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});
