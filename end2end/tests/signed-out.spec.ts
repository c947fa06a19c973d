import { expect, test } from '@playwright/test';
import { signIn, waitForHydration, watchConsole } from './helpers';

test.use({ locale: 'en-GB' });

test('an admin page sends a signed-out visitor to sign in, then back to that page', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/s/demo/help');
  await expect(page).toHaveURL('/login?next=/s/demo/help');
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');

  await signIn(page);

  await expect(page).toHaveURL('/s/demo/help');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Help');
  // A redirect to the sign-in page is expected, not a problem.
  expect(problems.filter((p) => !p.includes('HTTP 303'))).toEqual([]);
});

test('a wrong password shows a message and opens nothing', async ({ page }) => {
  await page.goto('/login');
  await waitForHydration(page);

  await signIn(page, 'not-the-password');

  // A plain form post: the server sends the page back with the refusal in its address.
  await expect(page.getByRole('alert')).toHaveText('Wrong email address or password.');
  await expect(page).toHaveURL(/^[^?]*\/login\?/);
  await page.goto('/');
  await expect(page).toHaveURL('/login?next=/');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the sign-in form still works', async ({ page }) => {
    await page.goto('/login?next=/s/demo/settings');
    await signIn(page);
    await expect(page).toHaveURL('/s/demo/settings');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  });
});

test('signing out closes the admin again', async ({ page }) => {
  await page.goto('/login');
  await waitForHydration(page);
  await signIn(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reminders');

  await page.getByRole('button', { name: 'Sign out' }).click();

  await expect(page).toHaveURL('/login');
  await page.goto('/');
  await expect(page).toHaveURL('/login?next=/');
});

test('the sign-in page turns French and keeps its way back to the asked page', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/s/demo/help');
  await waitForHydration(page);
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page).toHaveURL(/\/login\?next=(%2F|\/)s(%2F|\/)demo(%2F|\/)help$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connexion');
  await waitForHydration(page);
  await signIn(page);
  await expect(page).toHaveURL('/s/demo/help');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aide');
  expect(problems.filter((p) => !p.includes('HTTP 303') && !p.includes('HTTP 302'))).toEqual([]);
});
