import { expect, test as setup } from '@playwright/test';
import { adminState } from '../playwright.config';
import { signIn } from './helpers';

setup('the demo admin signs in through the form', async ({ page }) => {
  await page.goto('/login');
  await signIn(page);
  await expect(page.locator('table.reminders')).toBeVisible();
  await page.context().storageState({ path: adminState });
});
