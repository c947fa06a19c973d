import { expect, type Locator, type Page } from '@playwright/test';

/** Collects console errors and uncaught exceptions of a page, to assert there are none. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    // Playwright's trace recorder tries to script every frame; the email previews' sandbox
    // (srcdoc frames, and server previews under a `sandbox` CSP: a template's, a call's email) refuses it, which is the
    // sandbox doing its job, not a page error.
    const text = message.text();
    const sandboxRefusedRecorder =
      text.startsWith("Blocked script execution in 'about:srcdoc'") ||
      (/^Blocked script execution in '[^']*\/s\/[^/']+\/(templates\/[^']+\/preview|calls\/[^']+\/email)\?/.test(
        text,
      ) &&
        text.includes('sandboxed'));
    if (message.type() === 'error' && !sandboxRefusedRecorder) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

/**
 * Waits until the page's islands have hydrated: the island that draws the page sets the marker
 * (an effect, which runs only in the browser), or the WASM's start does on a page without one.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
}

/**
 * Follows a link: every link in the admin loads the next page from the server, which is whole
 * as it arrives and interactive once its islands have hydrated.
 */
export async function follow(page: Page, link: Locator): Promise<void> {
  const loaded = page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame());
  await link.click();
  await loaded;
  await page.waitForLoadState('load');
  await waitForHydration(page);
}

/**
 * The Reminders table's rows as [send after, subject, discount, languages, status]. A button
 * that changed the campaign loads the page again: rows read as it goes are read once more.
 */
export async function reminderRows(page: Page): Promise<string[][]> {
  for (;;) {
    const rows = page.locator('table.reminders tbody tr[data-step-id]');
    await expect(rows.first()).toBeVisible();
    try {
      return await rows.evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())),
      );
    } catch (error) {
      if (!String(error).includes('Execution context was destroyed')) throw error;
      await page.waitForLoadState('load');
    }
  }
}

/** The account `relance serve --demo` creates. */
export const DEMO_ADMIN = { email: 'demo@relance.test', password: 'relance-demo' };

/** Fills and submits the sign-in form of the current page. */
export async function signIn(page: Page, password = DEMO_ADMIN.password): Promise<void> {
  await page.locator('#email').fill(DEMO_ADMIN.email);
  await page.locator('#password').fill(password);
  await page.locator('form:has(#password) button[type=submit]').click();
}

/** What the first load of a page may fetch as WASM and JS, compressed as served (issue target). */
const FIRST_LOAD_TARGET = 250_000;

/**
 * Checks the WASM and JS bytes the current page fetched, compressed as served (cached or not),
 * against the first-load target, for pages `first-load.spec.ts` cannot open on its own: a call,
 * set-up, an invitation. Zero would mean nothing was counted, which passes no budget.
 */
export async function expectFirstLoadWithinTarget(page: Page): Promise<void> {
  const bytes = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => entry as PerformanceResourceTiming)
      .filter((entry) => /\.(wasm|js)(\?|$)/.test(entry.name))
      .reduce((sum, entry) => sum + (entry.encodedBodySize || 0), 0),
  );
  expect(bytes, `WASM and JS of ${page.url()}`).toBeGreaterThan(50_000);
  expect(bytes, `WASM and JS of ${page.url()}`).toBeLessThanOrEqual(FIRST_LOAD_TARGET);
}
