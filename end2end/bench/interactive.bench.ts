import { test } from '@playwright/test';
import { signIn, waitForHydration } from '../tests/helpers';

test.use({ locale: 'en-GB' });

/** Every admin page of the demo shop, as a merchant opens it. */
const PAGES = [
  '/s/demo',
  '/s/demo/templates',
  '/s/demo/templates/demo-template-1',
  '/s/demo/reminders/demo-step-2',
  '/s/demo/rules',
  '/s/demo/rules/new',
  '/s/demo/sending',
  '/s/demo/statistics',
  '/s/demo/carts',
  '/s/demo/calls',
  '/s/demo/codes',
  '/s/demo/unsubscribed',
  '/s/demo/help',
  '/s/demo/settings',
  '/s/demo/connect',
  '/s/demo/team',
  '/s/demo/activity',
  '/shops/new',
];
const RUNS = 3;

test('time from navigation to an interactive page, and the bytes of WASM and JS it fetched', async ({ page }) => {
  // The moment the WASM has hydrated the page (its marker turns true), in ms since navigation.
  await page.addInitScript(() => {
    const w = window as unknown as { __hydratedAt?: number };
    new MutationObserver(() => {
      if (w.__hydratedAt === undefined && document.querySelector('[data-hydrated="true"]')) {
        w.__hydratedAt = performance.now();
      }
    }).observe(document, { subtree: true, attributes: true, childList: true });
  });
  await page.goto('/login');
  await signIn(page);
  await page.waitForURL('/s/demo');
  const results = [];
  for (const path of PAGES) {
    const times: number[] = [];
    let bytes = 0;
    for (let run = 0; run < RUNS; run++) {
      await page.goto(path);
      await waitForHydration(page);
      times.push(await page.evaluate(() => (window as unknown as { __hydratedAt: number }).__hydratedAt));
      bytes = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((entry) => entry as PerformanceResourceTiming)
          .filter((entry) => /\.(wasm|js)(\?|$)/.test(entry.name))
          .reduce((sum, entry) => sum + (entry.encodedBodySize || 0), 0),
      );
    }
    times.sort((a, b) => a - b);
    results.push({ path, median_ms: Math.round(times[Math.floor(RUNS / 2)]), max_ms: Math.round(times[RUNS - 1]), wasm_js_bytes: bytes });
  }
  for (const line of results) console.log(JSON.stringify(line));
});
