/** The message centre as `sme`: the bell, reading one, switching a subscription off, the digests. */
import { describe, expect, it } from 'vitest';
import { pickOption, screenshot, useBrowser } from './browser.js';

const { logIn } = useBrowser();

describe('notifications', () => {
  it('sme opens the bell, reads one, turns a kind off and reads yesterday’s digest', async () => {
    const page = await logIn('sme');
    page.setDefaultTimeout(90_000);
    // The demo left unread messages for sme: the bell lists the newest.
    await page.getByTestId('header-notifications').click();
    const first = page.locator('.ant-dropdown [data-testid^="bell-notification-"]').first();
    await first.waitFor();
    await screenshot(page, 'notifications-bell-sme');
    await page.getByTestId('bell-open-inbox').click();
    await page.getByTestId('notification-inbox-page').waitFor();
    const unread = page.getByTestId('notification-list').locator('.ant-list-item[data-read="false"]').first();
    await unread.waitFor();
    const id = (await unread.getAttribute('data-testid'))!.replace('notification-', '');
    const before = await page.getByTestId('notifications-unread-count').innerText();
    await page.getByTestId(`notification-read-${id}`).click();
    await expect.poll(() => page.getByTestId(`notification-${id}`).getAttribute('data-read')).toBe('true');
    await expect.poll(() => page.getByTestId('notifications-unread-count').innerText()).not.toBe(before);
    await screenshot(page, 'notifications-inbox-sme');

    // Subscriptions: every kind in a table; programme rejections off in-app, need reviews in a weekly digest.
    await page.getByTestId('notification-tab-settings').click();
    await page.getByTestId('subscriptions-table').getByText('政策申报未获批').waitFor();
    const toggle = page.getByTestId('subscription-inapp-programme.rejected');
    expect(await toggle.getAttribute('aria-checked')).toBe('true');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('false');
    await pickOption(page, page.getByTestId('subscription-digest-need.published'), '每周');
    await page.getByText('已保存').first().waitFor();
    await screenshot(page, 'notifications-settings-sme');
    // Saved on the server: a reload shows the same.
    await page.reload();
    await page.getByTestId('subscriptions-table').getByText('政策申报未获批').waitFor();
    await expect.poll(() => page.getByTestId('subscription-inapp-programme.rejected').getAttribute('aria-checked')).toBe('false');
    expect(await page.getByTestId('subscription-digest-need.published').innerText()).toContain('每周');

    // Digests: yesterday's daily digest with its text.
    await page.getByTestId('notification-tab-digests').click();
    const digest = page.getByTestId('digest-list').locator('[data-testid="digest-text"]').first();
    await digest.waitFor();
    expect(await digest.innerText()).toMatch(/^每日消息摘要（\d{4}-\d{2}-\d{2}）：共 \d+ 条。/);
    await screenshot(page, 'notifications-digests-sme');
    await page.context().close();
  });
});
