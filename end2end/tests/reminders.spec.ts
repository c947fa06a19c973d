import { expect, test } from '@playwright/test';
import { reminderRows, waitForHydration, watchConsole } from './helpers';

test.describe('in English', () => {
  test.use({ locale: 'en-GB' });

  test('the Reminders page lists the demo steps with their delays and discount summaries', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto('/s/demo');
    await waitForHydration(page);

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reminders');
    const rows = await reminderRows(page);
    expect(rows).toHaveLength(2);
    // The demo runs an A/B test on its first reminder (Statistics shows it).
    expect(rows[0].slice(0, 4)).toEqual(['1 hour', "A/B Don't forget your cart!", 'No discount', 'ENFR']);
    expect(rows[1][0]).toBe('1 day');
    expect(rows[1][2]).toBe('Depends on cart value');
    expect(rows.map((row) => row[4])).toEqual(['Enabled', 'Enabled']);
    expect(problems).toEqual([]);
  });
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false, locale: 'fr-FR' });

  test('the server HTML already holds the demo steps, in the browser language', async ({ page }) => {
    await page.goto('/s/demo');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Relances');
    const rows = await reminderRows(page);
    expect(rows.map((row) => row[0])).toEqual(['1 heure', '1 jour']);
    expect(rows[0][1]).toBe("A/B N'oubliez pas votre panier !");
    expect(rows[0][2]).toBe('Aucune réduction');
    expect(rows[1][1]).toBe(
      'Quelle chance ! Nous avons conservé votre panier bien au chaud et voilà un code promo -10% !',
    );
    expect(rows[1][2]).toBe('Selon le montant du panier');
  });

  test('the language switch is a plain form: English, then French again, with no script', async ({ page }) => {
    await page.goto('/s/demo/help');
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page).toHaveURL(/\/s\/demo\/help\??$/);
    await expect(page.getByRole('button', { name: 'EN', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await page.getByRole('button', { name: 'FR', exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  });
});

test.describe('the language switch', () => {
  test.use({ locale: 'fr-FR' });

  test('turns the page to English after hydration, remembers it, and turns it back', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto('/s/demo');
    await waitForHydration(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Relances');

    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reminders');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    expect((await reminderRows(page)).map((row) => row[0])).toEqual(['1 hour', '1 day']);
    await expect(page.getByRole('link', { name: 'Automatic sending' })).toBeVisible();

    // The choice outlives a reload: the server renders English from the cookie.
    await page.reload();
    await waitForHydration(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reminders');

    await page.getByRole('button', { name: 'FR', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Relances');
    expect((await reminderRows(page)).map((row) => row[2])).toEqual([
      'Aucune réduction',
      'Selon le montant du panier',
    ]);
    expect(problems).toEqual([]);
  });
});
