import crypto from 'node:crypto';
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

/** A fresh expert account made through the API as the admin (so demo users keep their passwords). */
async function createUserByApi(password: string): Promise<string> {
  const baseUrl = inject('baseUrl');
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: inject('adminPassword') }) });
  const { token } = (await login.json()) as { token: string };
  const username = `e2e_pw_${crypto.randomBytes(4).toString('hex')}`;
  const created = await fetch(`${baseUrl}/api/v1/users`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ username, password, role: 'expert', displayName: '密码测试专家' }) });
  expect(created.status).toBe(201);
  return username;
}

/** Pages through the user list until `username`'s row shows. */
async function findUserRow(page: Page, username: string): Promise<void> {
  const button = page.getByTestId(`reset-password-${username}`);
  await page.getByTestId('users-table').locator('tbody tr.ant-table-row').first().waitFor();
  for (let i = 0; i < 30; i++) {
    if (await button.waitFor({ timeout: 5000 }).then(() => true, () => false)) return;
    await page.getByTestId('page-next').click();
  }
  await button.waitFor();
}

describe('accounts: disable, enable, reset and change a password', () => {
  it('an admin disables a user (signed out at once, log-in refused), enables them and resets their password; the user changes it on the account page', async () => {
    const original = 'Orig-pass-77';
    const reset = 'Reset-pass-88';
    const changed = 'Changed-pass-99';
    const username = await createUserByApi(original);
    const victim = await logInAs(browser, username, original);
    const admin = await logInAs(browser, 'admin', inject('adminPassword'));
    await admin.getByTestId('menu-users').click();
    await admin.getByTestId('users-page').waitFor();
    await findUserRow(admin, username);

    await admin.getByTestId(`disable-user-${username}`).click();
    await screenshot(admin, 'accounts-disable-confirm');
    await confirmPopover(admin);
    await admin.locator('.ant-message').getByText(`已停用 ${username}`, { exact: false }).waitFor();
    await admin.getByTestId(`disabled-tag-${username}`).waitFor();
    await screenshot(admin, 'accounts-disabled');
    expect(await isSignedIn(victim)).toBe(false);
    await victim.getByTestId('login-username').fill(username);
    await victim.getByTestId('login-password').fill(original);
    await victim.getByTestId('login-submit').click();
    await victim.getByText('用户名或密码错误').first().waitFor();

    await admin.getByTestId(`enable-user-${username}`).click();
    await confirmPopover(admin);
    await admin.locator('.ant-message').getByText(`已启用 ${username}`).waitFor();
    await expect.poll(() => admin.getByTestId(`disabled-tag-${username}`).count()).toBe(0);

    await admin.getByTestId(`reset-password-${username}`).click();
    await admin.getByTestId('reset-password-input').fill(`${username}-X1`);
    await admin.getByTestId('reset-password-submit').click();
    await admin.getByTestId('reset-password-form').getByText('密码不能包含用户名').waitFor();
    await screenshot(admin, 'accounts-reset-refused');
    await admin.getByTestId('reset-password-input').fill(reset);
    await admin.getByTestId('reset-password-submit').click();
    await admin.locator('.ant-message').getByText(`已重置 ${username} 的密码`, { exact: false }).waitFor();

    const user = await logInAs(browser, username, reset);
    const elsewhere = await logInAs(browser, username, reset);
    await user.getByTestId('header-user').click();
    await user.getByTestId('account-page').waitFor();
    await user.getByTestId('current-password').fill('not-my-password-1');
    await user.getByTestId('new-password').fill(changed);
    await user.getByTestId('confirm-password').fill(changed);
    await user.getByTestId('change-password-submit').click();
    await user.getByTestId('change-password-form').getByText('当前密码不正确').waitFor();
    await screenshot(user, 'accounts-change-refused');
    await user.getByTestId('current-password').fill(reset);
    await user.getByTestId('new-password').fill(changed);
    await user.getByTestId('confirm-password').fill(changed);
    await user.getByTestId('change-password-submit').click();
    await user.locator('.ant-message').getByText(/密码已修改，已结束 1 个其他设备的登录/).waitFor();
    await screenshot(user, 'accounts-password-changed');
    expect(await isSignedIn(user)).toBe(true);
    expect(await isSignedIn(elsewhere)).toBe(false);
    await (await logInAs(browser, username, changed)).getByTestId('header-user').waitFor();
  });
});
