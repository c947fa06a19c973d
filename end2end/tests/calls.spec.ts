import { expect, test, type APIRequestContext } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { databaseUrl, outboxDir, relanceBin } from '../playwright.config';
import { expectFirstLoadWithinTarget, follow, signIn, waitForHydration, watchConsole } from './helpers';

test.use({ locale: 'en-GB', storageState: { cookies: [], origins: [] } });

const env = { ...process.env, DATABASE_URL: databaseUrl, RUST_LOG: 'error' };
// Both tests run the engine's pass on the demo shop: one after the other.
test.describe.configure({ mode: 'default' });

/**
 * A big cart (the demo's "Gros paniers" rule) idle for three days: its two emails are long
 * past, and its third step, a call, is due now. The pass opens the task and mails the team as
 * the server would: into the test's outbox, with its links. The customer is Camille Call<stamp>.
 */
async function openCallTask(request: APIRequestContext, stamp: number): Promise<void> {
  const key = execFileSync(relanceBin, ['api-key', 'create', `e2e-calls-${stamp}`, '--shop', 'demo'], { env })
    .toString()
    .trim();
  const cart = `e2e-call-${stamp}`;
  const response = await request.post('/api/v1/events', {
    headers: { Authorization: `Bearer ${key}` },
    data: {
      id: `evt-${cart}`,
      type: 'cart_updated',
      occurred_at: new Date(Date.now() - (3 * 24 + 2) * 3600 * 1000).toISOString(),
      cart: {
        id: cart,
        currency: 'EUR',
        total_tax_incl: '240.00',
        total_tax_excl: '200.00',
        items: [{ sku: 'demo_4', name: 'Wool coat', unit_price: '240.00', quantity: 1 }],
      },
      customer: {
        id: `cu-${cart}`,
        email: `${cart}@example.com`,
        first_name: 'Camille',
        last_name: `Call${stamp}`,
        language: 'en',
        phone: '+33612345678',
        address: '3 place du Marché, 69001 Lyon',
      },
    },
  });
  expect(response.status()).toBe(202);
  execFileSync(relanceBin, ['run-once', '--shop', 'demo'], {
    env: { ...env, RELANCE_OUTBOX_DIR: outboxDir, RELANCE_PUBLIC_URL: test.info().project.use.baseURL ?? '' },
  });
}

test('a staff member works a call task from the queue to a code, an email and a logged outcome', async ({
  page,
  request,
}) => {
  const problems = watchConsole(page);
  const stamp = Date.now();
  const email = `caller-${stamp}@shop.example`;
  execFileSync(relanceBin, ['admin', 'create', '--email', email, '--role', 'staff', '--shop', 'demo'], {
    env: { ...env, RELANCE_ADMIN_PASSWORD: 'a long enough password' },
  });
  await openCallTask(request, stamp);
  // The new staff member was told, with a link to the queue.
  const mails = readdirSync(outboxDir)
    .filter((file) => file.endsWith('.eml'))
    .map((file) => readFileSync(join(outboxDir, file), 'utf8'))
    .filter((mail) => mail.includes(email));
  expect(mails.length).toBeGreaterThan(0);
  expect(mails[0]).toContain('/s/demo/calls');

  await page.goto('/login');
  await waitForHydration(page);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill('a long enough password');
  await page.locator('form:has(#password) button[type=submit]').click();
  await follow(page, page.getByRole('link', { name: 'Calls' }));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Calls');
  await waitForHydration(page);
  const row = page.locator('table.calls tbody tr').filter({ hasText: `Call${stamp}` });
  await expect(row).toContainText('+33612345678');
  await expect(row).toContainText('Gros paniers');
  await follow(page, row.getByRole('link', { name: 'Open' }));

  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Camille Call${stamp}`);
  await expect(page.locator('.call-phone a')).toHaveAttribute('href', 'tel:+33612345678');
  await expect(page.getByText('3 place du Marché, 69001 Lyon')).toBeVisible();
  await expect(page.locator('table.items')).toContainText('Wool coat');
  await waitForHydration(page);
  await expectFirstLoadWithinTarget(page);

  // The code form starts from the step's discount (15 %); a wrong value is refused beside it.
  await expect(page.locator('#call-value')).toHaveValue('15');
  await page.locator('#call-value').fill('150');
  await page.getByRole('button', { name: 'Create a code' }).click();
  await expect(page.locator('.call-coupon .field-error').filter({ hasText: 'at most 100' })).toBeVisible();
  await page.locator('#call-value').fill('20');
  await page.getByRole('button', { name: 'Create a code' }).click();
  const code = page.locator('.call-coupon code');
  await expect(code).toBeVisible();
  const given = (await code.textContent()) ?? '';
  expect(given.length).toBeGreaterThan(6);

  // The preview is a GET into the sandboxed frame: the email as it would go, with the code.
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.frameLocator('iframe.call-preview').locator('body')).toContainText(given);
  await page.getByRole('button', { name: 'Send to the customer' }).click();
  await expect(page.locator('.call-email [role="status"]')).toHaveText('Email sent.');

  await page.locator('#call-outcome').selectOption('will_order');
  await page.locator('#call-notes').fill('Orders tonight with the code');
  await page.getByRole('button', { name: 'Log the call' }).click();
  await expect(page.locator('.call-log [role="status"]')).toHaveText('Call logged. The sequence goes on.');
  await expect(page.locator('.call-log [data-outcome="will_order"]')).toContainText(`Logged by ${email}`);

  await follow(page, page.getByRole('link', { name: '← Calls' }));
  await expect(page.locator('table.calls tbody tr').filter({ hasText: `Call${stamp}` })).toHaveCount(0);
  // The queue's filter is a GET form: the logged calls have an address of their own.
  await follow(page, page.getByRole('button', { name: 'Logged calls' }));
  await expect(page).toHaveURL(/\/calls\?done=1$/);
  await expect(page.getByRole('button', { name: 'Logged calls' })).toHaveAttribute('aria-pressed', 'true');
  await expect(
    page.locator('table.calls tbody tr').filter({ hasText: `Call${stamp}` }),
  ).toContainText('Will order');
  expect(problems).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the call screen shows the call and previews its email as the server sends it', async ({ page, request }) => {
    const stamp = Date.now();
    await openCallTask(request, stamp);
    await page.goto('/login?next=/s/demo/calls');
    await signIn(page);
    await expect(page).toHaveURL(/\/s\/demo\/calls$/);
    const row = page.locator('table.calls tbody tr').filter({ hasText: `Call${stamp}` });
    await row.getByRole('link', { name: 'Open' }).click();
    await expect(page).toHaveURL(/\/s\/demo\/calls\/[^/]+$/);

    await expect(page.getByRole('heading', { level: 1 })).toContainText(`Camille Call${stamp}`);
    await expect(page.locator('#call-value')).toHaveValue('15');
    await expect(page.locator('#call-outcome')).toBeVisible();
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect(page.frameLocator('iframe.call-preview').locator('body')).toContainText('Camille');
  });
});
