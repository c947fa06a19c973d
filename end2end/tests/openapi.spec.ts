import { expect, test } from '@playwright/test';
import { createConfig, lintFromString } from '@redocly/openapi-core';

// The document the server serves, checked by Redocly's linter against the OpenAPI
// specification's schema (its "spec" rule) and its recommended rules.
test('the served OpenAPI document is valid OpenAPI and follows the recommended rules', async ({ request }) => {
  const response = await request.get('/api/v1/openapi.json');
  expect(response.status()).toBe(200);
  const source = await response.text();
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config });
  const errors = problems
    .filter((problem) => problem.severity === 'error')
    .map((problem) => `${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer}`);
  expect(errors).toEqual([]);
  expect(JSON.parse(source).openapi).toMatch(/^3\./);
});
