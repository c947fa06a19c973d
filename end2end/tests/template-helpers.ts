import { expect, type Page } from '@playwright/test';
import { waitForHydration } from './helpers';

/** Creates a template with a fresh name (tests run in parallel on one database) and opens it. */
export async function newTemplate(page: Page): Promise<string> {
  await page.goto('/s/demo/templates');
  await waitForHydration(page);
  const name = `E2E ${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  await page.getByLabel('New template').fill(name);
  await page.getByRole('button', { name: 'Create template' }).click();
  await expect(page).toHaveURL(/\/s\/demo\/templates\/[0-9a-f-]{36}$/);
  // The editor is a page load: what is typed before its island hydrates would be lost.
  await waitForHydration(page);
  await expect(page.locator('h1')).toHaveText(name);
  await expect(page.locator('.editor iframe')).toHaveAttribute('srcdoc', /<html/);
  return page.url().split('/').pop()!;
}

export const srcdoc = async (page: Page) => (await page.locator('.editor iframe').getAttribute('srcdoc')) ?? '';

/**
 * Reads the previewed email by parsing the iframe's `srcdoc` in the page: the frame itself is
 * sandboxed without scripts, so Playwright cannot (and must not be able to) run code in it.
 */
export async function inPreview<T>(page: Page, probe: (doc: Document) => T): Promise<T> {
  const html = await srcdoc(page);
  return page.evaluate(
    ([html, source]) => {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      return new Function('doc', `return (${source})(doc)`)(doc);
    },
    [html, probe.toString()] as const,
  );
}
export const previewText = (page: Page) => inPreview(page, (doc) => doc.body.textContent ?? '');
