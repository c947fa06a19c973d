import { expect, type APIRequestContext } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { databaseUrl, relanceBin } from '../playwright.config';

/** A new API key of the demo shop, made with the CLI as an operator would. */
export function demoKey(name: string): string {
  return execFileSync(relanceBin, ['api-key', 'create', name, '--shop', 'demo'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, RUST_LOG: 'error' },
  })
    .toString()
    .trim();
}

/**
 * Sends, through the events API, a cart of the test's own (its customer `{id}@example.com`),
 * quiet for 40 minutes: abandoned, with its reminders ahead of it.
 */
export async function postCart(request: APIRequestContext, key: string, id: string, firstName: string): Promise<void> {
  const response = await request.post('/api/v1/events', {
    headers: { Authorization: `Bearer ${key}` },
    data: {
      id: `evt-${id}`,
      type: 'cart_updated',
      occurred_at: new Date(Date.now() - 40 * 60 * 1000).toISOString(),
      cart: {
        id,
        currency: 'EUR',
        total_tax_incl: '42.00',
        total_tax_excl: '35.00',
        items: [{ sku: 'demo_9', name: 'Canvas tote bag', unit_price: '35.00', quantity: 1 }],
      },
      customer: { id: `cu-${id}`, email: `${id}@example.com`, first_name: firstName, language: 'en' },
    },
  });
  expect(response.status()).toBe(202);
}
