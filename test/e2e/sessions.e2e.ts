import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { launchBrowser, logInAs, screenshot } from './browser.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function confirmPopover(page: Page): Promise<void> {
  await page.locator('.ant-popconfirm .ant-btn-dangerous, .ant-popconfirm .ant-btn-primary').last().click();
}

/** Whether the page, reloaded, still has a signed-in user (else the log-in page shows). */
async function isSignedIn(page: Page): Promise<boolean> {
  await page.reload();
  await Promise.race([page.getByTestId('header-user').waitFor(), page.getByTestId('login-username').waitFor()]);
  return page.getByTestId('header-user').isVisible();
}

describe('sessions: sign out everywhere', () => {
  it('a user sees their devices on the account page and signs the other ones out', async () => {
    const other = await logInAs(browser, 'expert');
    const page = await logInAs(browser, 'expert');
    await page.getByTestId('header-user').click();
    await page.getByTestId('account-page').waitFor();
    const rows = page.getByTestId('sessions-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.getByTestId('sessions-table').getByText('本设备').count()).toBe(1);
    await screenshot(page, 'sessions-account');

    await page.getByTestId('revoke-sessions-button').click();
    await confirmPopover(page);
    await page.locator('.ant-message').getByText(/已结束 \d+ 个其他设备的登录/).waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    await screenshot(page, 'sessions-account-revoked');
    expect(await isSignedIn(page)).toBe(true);
    expect(await isSignedIn(other)).toBe(false);
  });

  it('an admin signs a user out everywhere from the user list', async () => {
    const victim = await logInAs(browser, 'gov_wx');
    const admin = await logInAs(browser, 'admin', inject('adminPassword'));
    await admin.getByTestId('menu-users').click();
    await admin.getByTestId('users-page').waitFor();
    await admin.getByTestId('revoke-user-gov_wx').click();
    await screenshot(admin, 'sessions-admin-confirm');
    await confirmPopover(admin);
    await admin.locator('.ant-message').getByText(/已结束 gov_wx 的 \d+ 个登录会话/).waitFor();
    expect(await isSignedIn(victim)).toBe(false);
    expect(await isSignedIn(admin)).toBe(true);
  });
});
