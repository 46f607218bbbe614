import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

export const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password';

/** An Authorization header of a fresh admin API session (bearer), for setting up through the API. */
export async function adminBearer(request: APIRequestContext): Promise<{ authorization: string }> {
  const login = await request.post('/api/v1/auth/login', { data: { username: 'admin', password: ADMIN_PASSWORD } });
  return { authorization: `Bearer ${(await login.json()).data.token}` };
}

/** Screenshots land in e2e/screenshots/ (not committed) so a person can look at every page after a run. */
export async function capture(page: Page, name: string) {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}

/** Opens an admin page and waits until its first data requests are done (the page is hydrated by then). */
export async function open(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState('networkidle');
}

export async function signIn(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('current-user')).toContainText(username);
  await page.waitForLoadState('networkidle');
}

/** Waits until no antd spinner or skeleton is left, so a screenshot shows data rather than loading states. */
export async function settle(page: Page) {
  await expect(page.locator('.ant-spin-spinning, .ant-skeleton-active')).toHaveCount(0);
}

/** Waits for running CSS transitions (drawers, modals sliding in) so a screenshot shows their end state. */
export async function settleAnimations(page: Page) {
  // Endless animations (spinners) never finish and are left out; a transition cut short by the next one rejects
  // `finished`, which is settled enough.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}

/** Opens an antd Select and picks the option showing `text`. */
export async function pick(select: Locator, text: string) {
  await select.click();
  await select.page().locator('.ant-select-item-option:visible', { hasText: text }).first().click();
}

/** Confirms the open Popconfirm with its button named `name`. */
export async function confirmPopup(page: Page, name: string) {
  await page.locator('.ant-popconfirm:visible').getByRole('button', { name }).click();
}

/** The table row holding `text`. */
export function row(scope: Page | Locator, text: string): Locator {
  return scope.locator('tr.ant-table-row', { hasText: text });
}
