import { expect, test } from '@playwright/test';

test.use({ javaScriptEnabled: false, locale: 'fr-FR' });

test('the Help tab answers at least ten questions, readable without JavaScript', async ({ page }) => {
  await page.goto('/s/demo/help');
  await expect(page.locator('h1')).toHaveText('Aide');
  const questions = page.locator('details.faq summary');
  expect(await questions.count()).toBeGreaterThanOrEqual(10);
  await questions.first().click();
  await expect(page.locator('details.faq').first()).toHaveAttribute('open', '');
  await expect(page.getByRole('heading', { name: "Besoin d'aide ?" })).toBeVisible();
});

test('the Help tab explains SPF, DKIM and DMARC for the sender domain', async ({ page }) => {
  await page.goto('/s/demo/help');
  const question = page.locator('details.faq').filter({ hasText: 'SPF, DKIM, DMARC' });
  await question.locator('summary').click();
  await expect(question).toContainText('_domainkey');
  await expect(question).toContainText('_dmarc');
  await expect(question).toContainText('v=spf1');
});
