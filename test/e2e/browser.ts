import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/seed.js';

/** Where screenshots go (look at them: they are the UI as a user sees it). */
export const SCREENSHOT_DIR = path.resolve('test-results/screens');

/** Debian's Chromium, headless, with the flags this closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=zh-CN'],
  });
}

/** Save a full-page screenshot as `test-results/screens/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/**
 * Pick `label` in the antd Select `select` and check that it took: a click that lands while the
 * dropdown is still opening or re-rendering its options is lost on a loaded machine, so the
 * pick is retried (as a user would click again) until the select shows the label.
 */
export async function pickOption(page: Page, select: Locator, label: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const input = select.locator('input').first();
    if ((await input.getAttribute('aria-expanded')) !== 'true') {
      await select.click();
    }
    // Only this select's own dropdown (another one may still be closing), scrolled until the
    // option is rendered (antd renders long option lists virtually).
    const listId = await input.getAttribute('aria-controls');
    const dropdown = listId
      ? page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${listId}"]`) })
      : page.locator('.ant-select-dropdown').filter({ visible: true });
    const option = dropdown.locator('.ant-select-item-option').filter({ hasText: label }).first();
    // A searchable select is narrowed by typing, so a long list needs no scrolling; where its
    // filter does not match on the label, the text is cleared again and the list scrolled.
    if (await input.isEditable()) {
      await input.fill(label);
      const isNarrowed = await option.waitFor({ timeout: 2000 }).then(() => true, () => false);
      if (!isNarrowed) await input.fill('');
    }
    for (let i = 0; i < 60 && !(await option.isVisible()); i++) {
      await dropdown.locator('.rc-virtual-list-holder').first().evaluate((el) => el.scrollBy(0, 128)).catch(() => {});
      await page.waitForTimeout(50);
    }
    await option.click();
    try {
      await expect.poll(() => select.innerText(), { timeout: 3000 }).toContain(label);
      return;
    } catch (err) {
      if (attempt >= 2) throw err;
    }
  }
}

/** A fresh browser context logged in as `username` through the log-in page, on the home page. */
export async function logInAs(browser: Browser, username: string, password = DEMO_PASSWORD): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  await page.goto(inject('baseUrl'));
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('header-user').waitFor();
  return page;
}

/** A browser for the calling test file, launched before its tests and closed after them; `logIn` opens a fresh logged-in page. */
export function useBrowser(): { logIn: (username: string) => Promise<Page> } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return { logIn: (username) => logInAs(browser!, username) };
}
