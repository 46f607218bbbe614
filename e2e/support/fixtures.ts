import { test as base } from '@playwright/test';

export { expect } from '@playwright/test';

/** Every test fails on an uncaught error in its page (a hydration mismatch, a crash in a component). */
export const test = base.extend<{ failOnPageErrors: void }>({
  failOnPageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await use();
      if (errors.length > 0) throw new Error(`Uncaught errors in the page:\n${errors.join('\n')}`);
    },
    { auto: true },
  ],
});
